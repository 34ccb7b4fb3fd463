// A call file's phone numbers read ahead, on the helper thread (src/lib/handoff.ts), while the main thread reads
// the rows. The first sight of each spelling costs a libphonenumber parse and its caches, about 10 µs: a third
// of the 1M city's call file (300,000 spellings). The helper gets each chunk of the file one chunk before the
// main thread reads it, reads every new spelling in it, and writes (the spelling's key → the number's key) into
// a table on shared memory, which the main thread looks in before reading a spelling itself. The main thread
// says which chunk it is reading, and the helper passes by, unsplit, the lines of a chunk the main thread has
// reached: the two never read the same spellings side by side, and a helper that fell behind (the first chunks
// are all new spellings) catches up at once. The helper splits its lines without fingerprinting them (the
// duplicate rows are the main thread's). At 1M rows the helper read 152,000–182,000 of the 300,000 spellings
// first when it split and fingerprinted every line, and 172,000–206,000 now (three runs each, taking turns).
// A reading depends on the spelling's key alone (see phoneKey), so what the helper writes is true whatever cell
// it came from: a helper that parses a row its own way, falls behind or stops costs time, never an answer.
import { createDecoder, createRowStream, decodeInSlices, type Delimiter, type Encoding } from './csv';
import { forgetPhoneParses, normalisePhone, phoneKey, phoneKeyIn } from './phone';
import { mixKey, NumberTable, slotsFor } from '../lib/number-table';

const TWO_32 = 0x100000000;

/** A slot's first Int32 while a writer fills it (see PhoneReadings.set). */
const FILLING = -1;

/**
 * From a spelling's key to its number's key (see phoneKey), on shared memory: threads write and read it side by
 * side. Slot s is four Int32s: the key's high half + 1 (0 marks the slot empty, and is written last), the key's
 * low half, and the value's two halves. Its size is fixed, so a reader never sees it move; it takes at most
 * `capacity` keys, half its slots. A reading is a hint: a key not found (yet) is read again by whoever needs it,
 * with the same value.
 */
export class PhoneReadings {
  /** Keys written through this object: each writer has its own, and its own share of the capacity. */
  private count = 0;

  /**
   * `progress`: the chunk of the file (1, 2, …) that the reader is reading, which a writer reading ahead stays
   * ahead of. `writers`: how many threads write to the slots, each through its own object (one or two).
   */
  constructor(
    readonly slots: Int32Array,
    readonly progress: Int32Array,
    readonly writers: 1 | 2 = 1,
  ) {}

  static create(capacity: number, writers: 1 | 2 = 1): PhoneReadings {
    const size = slotsFor(capacity);
    const shared = (bytes: number) =>
      new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    return new PhoneReadings(shared(16 * size), shared(4), writers);
  }

  /** The reader's side: says it reads chunk `chunk` of the file now. */
  reading(chunk: number): void {
    Atomics.store(this.progress, 0, chunk);
  }

  /** Whether the reader has reached chunk `chunk` already. */
  reached(chunk: number): boolean {
    return Atomics.load(this.progress, 0) >= chunk;
  }

  get capacity(): number {
    return this.slots.length >> 3;
  }

  /** The number's key written for the spelling's `key`, or -1 when none is (yet). */
  get(key: number): number {
    const high = Math.floor(key / TWO_32) + 1;
    const low = (key % TWO_32) | 0;
    const mask = (this.slots.length >> 2) - 1;
    for (let slot = mixKey(key) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const stored = Atomics.load(this.slots, at);
      if (stored === 0) return -1;
      // A slot being filled may be this key's: then it is not written yet.
      if (stored === high && this.slots[at + 1] === low)
        return this.slots[at + 2]! * TWO_32 + (this.slots[at + 3]! >>> 0);
    }
  }

  /**
   * Writes `key` → `value` (both keys from phoneKey); false when this writer's share of the table is full (the
   * writers' shares together leave half the slots empty, so that a look-up always ends). A writer takes an empty
   * slot by moving it to FILLING, writes the rest, and then the key's high half, atomically: a reader that sees
   * the key sees its value. Two writers of one key may both write it (in two slots, the same value).
   */
  set(key: number, value: number): boolean {
    if (this.count >= this.capacity / this.writers) return false;
    const high = Math.floor(key / TWO_32) + 1;
    const low = (key % TWO_32) | 0;
    const mask = (this.slots.length >> 2) - 1;
    for (let slot = mixKey(key) & mask; ;) {
      const at = slot << 2;
      const stored = Atomics.load(this.slots, at);
      if (stored === high && this.slots[at + 1] === low) return true;
      if (stored === 0) {
        if (Atomics.compareExchange(this.slots, at, 0, FILLING) !== 0) continue;
        this.slots[at + 1] = low;
        this.slots[at + 2] = Math.floor(value / TWO_32);
        this.slots[at + 3] = (value % TWO_32) | 0;
        Atomics.store(this.slots, at, high);
        this.count++;
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/** The E.164 number (`+` and 7 to 14 digits) whose key (see phoneKey) is `key`. */
export function e164OfKey(key: number): string {
  const digits = Math.floor(key / 4) % 16;
  return `+${String(Math.floor(key / 64)).padStart(digits, '0')}`;
}

/** The key of an E.164 number that e164OfKey gives back, or -1 (a short code, or more than 14 digits). */
export function keyOfE164(e164: string): number {
  const key = e164.startsWith('+') ? phoneKey(e164) : -1;
  return key >= 0 && key % 4 === 1 ? key : -1;
}

/** What the helper needs to read one file's phone cells. */
export interface PhoneScanStart {
  slots: Int32Array;
  progress: Int32Array;
  encoding: Encoding;
  delimiter: Delimiter;
  lineEnding: '\r\n' | '\n' | '\r';
  /** The phone columns' places in a row. */
  columns: number[];
  country: string;
}

/** A scan's start (with no bytes), then each chunk of the file in order, then its end (with no bytes). */
export interface PhoneScanTask {
  kind: 'phone-scan';
  state: Int32Array;
  scan: number;
  bytes: Uint8Array;
  start?: PhoneScanStart;
  end?: boolean;
}

interface Scanner {
  push(bytes: Uint8Array): void;
}

/** The helper's scans under way, by number. */
const scans = new Map<number, Scanner>();

function startScanner(start: PhoneScanStart): Scanner {
  const readings = new PhoneReadings(start.slots, start.progress);
  const decoder = createDecoder(start.encoding);
  /** Keys already read here: true. */
  const tried = new NumberTable<boolean>();
  let header = true;
  let full = false;
  /** The chunk being read here: its rows are only parsed once the reader has reached it (it reads them itself). */
  let chunk = 0;
  /** Reads the spelling `value` (trimmed) with key `key`, not read here before. */
  const read = (key: number, value: string) => {
    tried.set(key, true);
    const result = normalisePhone(value, start.country);
    const number = result.ok ? keyOfE164(result.e164) : -1;
    if (number >= 0 && !readings.set(key, number)) full = true;
  };
  /** Whether a row is to be read: not the header, and in a chunk the reader has not reached. */
  const wanted = () => {
    if (header) {
      header = false;
      return false;
    }
    return !full && !readings.reached(chunk);
  };
  const csv = createRowStream(
    start,
    (line) => {
      const { text, starts, ends } = line;
      for (const column of start.columns) {
        if (column >= line.count) continue;
        const key = phoneKeyIn(text, starts[column]!, ends[column]!);
        if (key >= 0 && !tried.get(key)) read(key, text.slice(starts[column], ends[column]).trim());
      }
    },
    ({ fields, error }) => {
      if (!wanted() || error) return;
      for (const column of start.columns) {
        const value = fields[column]?.trim();
        const key = value ? phoneKey(value) : -1;
        if (key >= 0 && !tried.get(key)) read(key, value!);
      }
    },
    // A line the reader has reached, or will read itself, is passed by without being split, and no line is
    // fingerprinted here: the helper gets ahead of the reader sooner, and reads more of the spellings first.
    { fingerprint: false, skip: () => !wanted() },
  );
  return {
    push(bytes) {
      chunk++;
      decodeInSlices(decoder, bytes, (text) => csv.push(text));
    },
  };
}

/** The helper's side: starts a scan, reads one chunk, or ends a scan. A chunk that fails (an overlong record, say) ends its scan, quietly: it was a hint. */
export function runPhoneScanTask(task: PhoneScanTask): void {
  if (task.start) {
    // One file is read at a time: a scan its reader gave up on (a file too large for memory) ends here.
    scans.clear();
    scans.set(task.scan, startScanner(task.start));
    return;
  }
  const scanner = scans.get(task.scan);
  if (!scanner) return;
  if (task.end) {
    scans.delete(task.scan);
    // The helper goes on to the analyses' passes: its parses of the file's spellings need not stay in its heap.
    forgetPhoneParses();
    return;
  }
  try {
    scanner.push(task.bytes);
  } catch {
    scans.delete(task.scan);
  }
}
