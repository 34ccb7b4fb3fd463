// A table from whole-number keys to values, by open addressing over a typed array. A Map looks a key up by
// following pointers to its entry and its key; here a look-up reads one or two adjacent slots, each a key and
// its value's place side by side, then the value. For the keys a city's rows repeat millions of times (phone
// spellings), that is about three times faster than a Map.
import { zeros } from './typed';

/**
 * A key's slot: its two 32-bit halves mixed by MurmurHash3's finaliser, whose low bits depend on every bit of
 * the key. A multiplication alone leaves the low bits depending on the key's low bits only, and keys made of
 * digits and a count (phoneKey) share those: a city's 300,000 phone keys then took 3.6 probes each, not 1.2.
 */
export function mixKey(key: number): number {
  let h = (key % 0x100000000) ^ Math.imul(Math.floor(key / 0x100000000), 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Slots for an open-addressing table of `capacity` keys: a power of two, at least twice as many, and 16. */
export function slotsFor(capacity: number): number {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

/**
 * From whole-number keys to whole numbers (0 and up), by open addressing over one typed array: a look-up reads a
 * slot or two, the key and its value side by side. Where the values are numbers, this spares NumberTable's second
 * read, in its list of values (a city's 300,000 phone spellings are each looked up about seven times).
 */
export class NumberIndex {
  /** Slot s holds its key at 2s and its value + 1 at 2s + 1; 0 there marks it empty. */
  private slots: Float64Array;
  private count = 0;

  constructor(capacity = 512) {
    this.slots = zeros(Float64Array, 2 * slotsFor(capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Where in `slots` the slot that holds `key` starts, or the empty slot where it would go. */
  private slotOf(key: number, slots: Float64Array): number {
    const mask = (slots.length >> 1) - 1;
    let slot = mixKey(key) & mask;
    while (slots[2 * slot + 1] !== 0 && slots[2 * slot] !== key) slot = (slot + 1) & mask;
    return 2 * slot;
  }

  /** The value of `key`, or -1 when it has none. */
  get(key: number): number {
    return this.slots[this.slotOf(key, this.slots) + 1]! - 1;
  }

  /** Sets `key` (a whole number, 0 to 2^53 − 1) to `value` (a whole number, 0 and up). */
  set(key: number, value: number): void {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`NumberIndex key ${key} is not in 0…2^53 − 1`);
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`NumberIndex value ${value} is not 0 or more`);
    const at = this.slotOf(key, this.slots);
    const added = this.slots[at + 1] === 0;
    this.slots[at] = key;
    this.slots[at + 1] = value + 1;
    if (added && ++this.count * 4 > this.slots.length) this.grow();
  }

  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  /**
   * Makes room for `capacity` keys in all at once: a table grown by doubling moves every key at each doubling,
   * into fresh memory (a city's 300,000 phone spellings, ten doublings).
   */
  reserve(capacity: number): void {
    const length = 2 * slotsFor(capacity);
    if (length > this.slots.length) this.grow(length);
  }

  private grow(length = this.slots.length * 2): void {
    const old = this.slots;
    const slots = zeros(Float64Array, length);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const at = this.slotOf(old[i]!, slots);
      slots[at] = old[i]!;
      slots[at + 1] = old[i + 1]!;
    }
    this.slots = slots;
  }
}

/** From whole-number keys to any values: a NumberIndex of each key's place in a list of the values. */
export class NumberTable<V> {
  private readonly places: NumberIndex;
  private items: V[] = [];

  constructor(capacity = 512) {
    this.places = new NumberIndex(capacity);
  }

  get size(): number {
    return this.items.length;
  }

  get(key: number): V | undefined {
    const place = this.places.get(key);
    return place < 0 ? undefined : this.items[place];
  }

  set(key: number, value: V): void {
    const place = this.places.get(key);
    if (place >= 0) {
      this.items[place] = value;
      return;
    }
    this.places.set(key, this.items.length);
    this.items.push(value);
  }

  /** Each value, in the order its key was first set. */
  forEach(each: (value: V) => void): void {
    for (const value of this.items) each(value);
  }

  clear(): void {
    this.places.clear();
    this.items = [];
  }
}
