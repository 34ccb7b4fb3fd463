// A table from whole-number keys to values, by open addressing over typed arrays. A Map looks a key up by
// following pointers to its entry and its key; here a look-up reads one or two adjacent slots. For the keys a
// city's rows repeat millions of times (phone spellings), that is about three times faster than a Map.
import { zeros } from './typed';

/** Golden-ratio multiplier, for spreading keys over the slots. */
const SPREAD = 0x9e3779b1;

export class NumberTable<V> {
  private keys: Float64Array;
  /** Place in `items` + 1 of each slot's value; 0 marks an empty slot. */
  private places: Int32Array;
  private items: V[] = [];

  constructor(capacity = 512) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = zeros(Float64Array, size);
    this.places = zeros(Int32Array, size);
  }

  get size(): number {
    return this.items.length;
  }

  /** The slot that holds `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const { keys, places } = this;
    const mask = keys.length - 1;
    // Both 32-bit halves of the key, mixed, so that keys differing only in their high digits spread too.
    let slot = (Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), SPREAD) >>> 0) & mask;
    while (places[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  get(key: number): V | undefined {
    const place = this.places[this.slotOf(key)]!;
    return place === 0 ? undefined : this.items[place - 1];
  }

  set(key: number, value: V): void {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`NumberTable key ${key} is not in 0…2^53 − 1`);
    const slot = this.slotOf(key);
    const place = this.places[slot]!;
    if (place !== 0) {
      this.items[place - 1] = value;
      return;
    }
    this.keys[slot] = key;
    this.places[slot] = this.items.push(value);
    if (this.items.length * 2 > this.keys.length) this.grow();
  }

  clear(): void {
    this.places.fill(0);
    this.items = [];
  }

  private grow(): void {
    const { keys, places } = this;
    this.keys = zeros(Float64Array, keys.length * 2);
    this.places = zeros(Int32Array, keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (places[i] === 0) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.places[slot] = places[i]!;
    }
  }
}
