// A guard against running out of memory while reading: Unravel keeps every row it uses as evidence, so a case
// too large for the heap would otherwise end in the engine's own fatal error, with nothing said. The probe
// comes from the front end (node:v8 in the CLI); a browser worker cannot measure its heap, so there the rows read
// are counted against the tab's limit (performance.memory.jsHeapSizeLimit, in Chromium).

export interface HeapReading {
  used: number;
  limit: number;
}
export type HeapProbe = () => HeapReading | null;

/**
 * Reading stops when the live heap passes a fifth of its limit: the analysis and the exports then hold about five
 * times what reading keeps (measured on the 100k-row city: 45 MB live after reading, 152 MB after the analysis,
 * 245 MB with every export).
 */
export const HEAP_SHARE = 0.2;

/**
 * Heap a row keeps once read, where the heap cannot be measured (a browser worker): its record, its share of the
 * identifiers and of the row fingerprints; about 370 bytes on the 100k-row city.
 */
export const BYTES_PER_ROW = 400;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;

/** The message of a stopped read: where it stopped, the limit, and what to do. */
export function heapMessage(
  file: string,
  row: number,
  reading: HeapReading,
  advice: string,
  estimated = false,
): string {
  const holds = estimated
    ? `the rows read so far need about ${mb(reading.used)} of the tab's ${mb(reading.limit)} limit`
    : `the heap holds ${mb(reading.used)} of its ${mb(reading.limit)} limit`;
  return `reading ${file} stopped at row ${row.toLocaleString('en')}: ${holds}, and the analysis and exports need about five times what reading keeps. ${advice}`;
}

/** Whether the heap is past its share of the limit. */
export function heapFull(probe: HeapProbe | undefined): HeapReading | null {
  const reading = probe?.() ?? null;
  return reading && reading.limit > 0 && reading.used > HEAP_SHARE * reading.limit ? reading : null;
}
