// A case's calls in columns: a million calls are a few typed arrays rather than a million objects, each with a
// boxed start time, that the reading writes into fresh memory one by one and every collection then traces.
// Each call's ends and handset are numbers, so that resolution, the links and the patterns read them without
// looking each key up again.
import type { CallRecord, SourceRow } from './types';
import { resized, zeros } from '../lib/typed';
import { NumberIndex } from '../lib/number-table';

/**
 * Identifier keys (`tel:+44…`, `acct:…`) numbered 0, 1, 2, … in the order first seen: one string per identifier
 * for a whole run, whatever spelling or file it came from.
 */
export class IdentifierNumbers {
  readonly keys: string[] = [];
  private readonly numbers = new Map<string, number>();

  number(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.keys.length;
      this.numbers.set(key, n);
      this.keys.push(key);
    }
    return n;
  }

  /** The key's number, or -1 when the run has not seen it (numbers nothing). */
  get(key: string): number {
    return this.numbers.get(key) ?? -1;
  }
}

/**
 * Each (handset, SIM) pair the calls name, in the order of its first call: the handset and the SIM (the caller)
 * by the table's numbers, how many calls name the pair, and the first of those calls' rows (see handsetUses).
 */
export interface HandsetUses {
  handset: number[];
  sim: number[];
  calls: number[];
  rows: SourceRow[][];
}

export const CALL_TYPES = ['voice', 'sms', 'other'] as const;
export const CALL_TYPE_CODE: Record<CallRecord['type'], number> = { voice: 0, sms: 1, other: 2 };

export class CallTable {
  length = 0;
  /** The table's own identifier numbers, by the run's number + 1 (0: none yet). */
  private ownNumber = zeros(Int32Array, 1024);
  private readonly ownKeys: string[] = [];
  /**
   * Call k ran from `identifiers[caller[k]]` to `identifiers[callee[k]]`. The columns may be longer than
   * `length`: read them below it.
   */
  caller: Int32Array;
  callee: Int32Array;
  /** UTC milliseconds. */
  start: Float64Array;
  /** Seconds; 0 for SMS. */
  duration: Float64Array;
  /** Index into CALL_TYPES. */
  type: Uint8Array;
  /** The handset's identifier number, or -1. */
  imei: Int32Array;
  file: Int32Array;
  row: Int32Array;

  /** `run`: the run's identifier numbers, which the calls are added by. */
  constructor(
    readonly run: IdentifierNumbers = new IdentifierNumbers(),
    capacity = 1024,
  ) {
    this.caller = zeros(Int32Array, capacity);
    this.callee = zeros(Int32Array, capacity);
    this.start = zeros(Float64Array, capacity);
    this.duration = zeros(Float64Array, capacity);
    this.type = zeros(Uint8Array, capacity);
    this.imei = zeros(Int32Array, capacity);
    this.file = zeros(Int32Array, capacity);
    this.row = zeros(Int32Array, capacity);
  }

  /**
   * The calls' identifier keys, each once, numbered in the order the calls first name them (caller, callee, then
   * handset): the order resolution has always taken them in.
   */
  get identifiers(): readonly string[] {
    return this.ownKeys;
  }

  /** The table's number for an identifier key, or -1 when no call names it. */
  numberOf(key: string): number {
    return this.numberOfWide(this.run.get(key));
  }

  /** The run's number for an identifier key (see NumberedKeys in union-find.ts), or -1 when the run has none. */
  wideNumberOf(key: string): number {
    return this.run.get(key);
  }

  /** The table's number for the identifier the run numbers `n`, or -1 when no call names it. */
  numberOfWide(n: number): number {
    return n >= 0 && n < this.ownNumber.length ? this.ownNumber[n]! - 1 : -1;
  }

  /**
   * The (handset, SIM) pairs of the calls (see HandsetUses), keeping `keep` rows of each: gathered by the two
   * numbers, where a map of strings per call cost a million look-ups in a city. The handset rule of resolution
   * and the shared-handset pattern read them.
   */
  handsetUses(keep: number): HandsetUses {
    const n = this.ownKeys.length;
    const pairOf = new NumberIndex();
    const out: HandsetUses = { handset: [], sim: [], calls: [], rows: [] };
    for (let k = 0; k < this.length; k++) {
      const imei = this.imei[k]!;
      if (imei < 0) continue;
      const caller = this.caller[k]!;
      const key = imei * n + caller;
      let p = pairOf.get(key);
      if (p < 0) {
        pairOf.set(key, (p = out.handset.length));
        out.handset.push(imei);
        out.sim.push(caller);
        out.calls.push(0);
        out.rows.push([]);
      }
      out.calls[p]!++;
      if (out.rows[p]!.length < keep) out.rows[p]!.push({ file: this.file[k]!, row: this.row[k]! });
    }
    return out;
  }

  /** Makes room for `capacity` calls in all. */
  reserve(capacity: number): void {
    if (capacity > this.caller.length) this.grow(capacity);
  }

  /** Adds a call whose ends and handset (-1: none) are given by their numbers in the run. */
  add(
    caller: number,
    callee: number,
    start: number,
    duration: number,
    type: number,
    imei: number,
    file: number,
    row: number,
  ): void {
    const k = this.length;
    if (k === this.caller.length) this.grow(2 * k);
    this.caller[k] = this.own(caller);
    this.callee[k] = this.own(callee);
    this.start[k] = start;
    this.duration[k] = duration;
    this.type[k] = type;
    this.imei[k] = imei < 0 ? -1 : this.own(imei);
    this.file[k] = file;
    this.row[k] = row;
    this.length = k + 1;
  }

  /** Adds a call given as a record (its cell id is not kept: no analysis reads it). */
  push(r: CallRecord): void {
    const { run } = this;
    this.add(
      run.number(r.caller),
      run.number(r.callee),
      r.start,
      r.duration,
      CALL_TYPE_CODE[r.type],
      r.imei === undefined ? -1 : run.number(r.imei),
      r.file,
      r.row,
    );
  }

  /** Call k as a record (a new object each time: for a row's evidence or a test, not for a loop over a city). */
  at(k: number): CallRecord {
    if (!(k >= 0 && k < this.length)) throw new RangeError(`no call ${k} of ${this.length}`);
    const r: CallRecord = {
      kind: 'calls',
      file: this.file[k]!,
      row: this.row[k]!,
      caller: this.ownKeys[this.caller[k]!]!,
      callee: this.ownKeys[this.callee[k]!]!,
      start: this.start[k]!,
      duration: this.duration[k]!,
      type: CALL_TYPES[this.type[k]!]!,
    };
    if (this.imei[k]! >= 0) r.imei = this.ownKeys[this.imei[k]!]!;
    return r;
  }

  /** Every call as a record. */
  records(): CallRecord[] {
    return Array.from({ length: this.length }, (_, k) => this.at(k));
  }

  /** The table's number for the run's identifier `n`. */
  private own(n: number): number {
    if (n >= this.ownNumber.length)
      this.ownNumber = resized(this.ownNumber, Math.max(2 * this.ownNumber.length, n + 1));
    let own = this.ownNumber[n]! - 1;
    if (own < 0) {
      own = this.ownKeys.length;
      this.ownKeys.push(this.run.keys[n]!);
      this.ownNumber[n] = own + 1;
    }
    return own;
  }

  private grow(capacity: number): void {
    this.caller = resized(this.caller, capacity);
    this.callee = resized(this.callee, capacity);
    this.start = resized(this.start, capacity);
    this.duration = resized(this.duration, capacity);
    this.type = resized(this.type, capacity);
    this.imei = resized(this.imei, capacity);
    this.file = resized(this.file, capacity);
    this.row = resized(this.row, capacity);
  }
}
