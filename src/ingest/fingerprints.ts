// Exact duplicate rows: a 64-bit fingerprint of each row's text (two 32-bit FNV-1a-style hashes), and the first
// row that had each. The row reader (see createRowStream in csv.ts) hashes a line as it splits it, with the same
// steps as RowFingerprints.check does for a row given as fields: one text, one fingerprint, whichever read it.
import { zeros } from '../lib/typed';

/** The first hash's value before a row's first character. */
export const FINGERPRINT_A = 0x811c9dc5;

/** The second hash's value before the first character of a row `length` characters long. */
export function fingerprintB(length: number): number {
  return 0x01000193 ^ length;
}

/** The first hash after character code `c`. */
export function stepA(a: number, c: number): number {
  return Math.imul(a ^ c, 0x01000193);
}

/** The second hash after character code `c`. */
export function stepB(b: number, c: number): number {
  return Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
}

/** The fingerprint [a, b] of `fields` joined by `separator`, read field by field without making the text. */
export function fieldsFingerprint(fields: readonly string[], separator: string): [number, number] {
  let length = separator.length * Math.max(0, fields.length - 1);
  for (const f of fields) length += f.length;
  let a = FINGERPRINT_A;
  let b = fingerprintB(length);
  // The separator before each field but the first, then the field.
  for (let part = 1; part < 2 * fields.length; part++) {
    const text = part % 2 === 0 ? separator : fields[part >> 1]!;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = stepA(a, c);
      b = stepB(b, c);
    }
  }
  return [a, b];
}

/**
 * Row fingerprints with the first row that had each, in an open-addressing table of typed arrays: a million rows
 * are four arrays, not a million small objects for the collector to trace.
 */
export class RowFingerprints {
  private h1 = zeros(Uint32Array, 1024);
  private h2 = zeros(Uint32Array, 1024);
  /** File index + 1 (0: empty slot) and row of the first row with each fingerprint. */
  private files = zeros(Int32Array, 1024);
  private rows = zeros(Int32Array, 1024);
  private count = 0;

  /**
   * Returns the first [file, row] seen with the same fingerprint, or records this one and returns null. The
   * fingerprint is of the row's text, `fields` joined by `separator` (see fieldsFingerprint).
   */
  check(fields: readonly string[], separator: string, file: number, row: number): [number, number] | null {
    const [a, b] = fieldsFingerprint(fields, separator);
    return this.checkHashes(a, b, file, row);
  }

  /** As check, for a row whose hashes (FINGERPRINT_A, fingerprintB, stepA and stepB over its text) are `a`, `b`. */
  checkHashes(a: number, b: number, file: number, row: number): [number, number] | null {
    a >>>= 0;
    b >>>= 0;
    const mask = this.files.length - 1;
    let slot = a & mask;
    while (this.files[slot] !== 0) {
      if (this.h1[slot] === a && this.h2[slot] === b) return [this.files[slot]! - 1, this.rows[slot]!];
      slot = (slot + 1) & mask;
    }
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.files[slot] = file + 1;
    this.rows[slot] = row;
    if (++this.count * 4 > this.files.length * 3) this.rehash(this.files.length * 2);
    return null;
  }

  /** Makes room for `more` rows at once (each growth by doubling is a pass over the table, into fresh memory). */
  reserve(more: number): void {
    let size = this.files.length;
    while (size * 3 < 4 * (this.count + more)) size *= 2;
    if (size > this.files.length) this.rehash(size);
  }

  private rehash(size: number): void {
    const { h1, h2, files, rows } = this;
    this.h1 = zeros(Uint32Array, size);
    this.h2 = zeros(Uint32Array, size);
    this.files = zeros(Int32Array, size);
    this.rows = zeros(Int32Array, size);
    const mask = size - 1;
    for (let i = 0; i < files.length; i++) {
      if (files[i] === 0) continue;
      let slot = h1[i]! & mask;
      while (this.files[slot] !== 0) slot = (slot + 1) & mask;
      this.h1[slot] = h1[i]!;
      this.h2[slot] = h2[i]!;
      this.files[slot] = files[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}
