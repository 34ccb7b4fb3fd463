// A guard against running out of memory while reading: Unravel keeps every row it uses as evidence, so a case
// too large for the heap would otherwise end in the engine's own fatal error, with nothing said. The probe
// comes from the front end (node:v8 in the CLI); a browser worker cannot measure its heap, so there the rows read
// are counted against the tab's limit (performance.memory.jsHeapSizeLimit, in Chromium).

export interface HeapReading {
  used: number;
  limit: number;
}
export type HeapProbe = () => HeapReading | null;

/** Reading stops when the live heap passes half its limit: the analysis needs about as much again after it. */
export const HEAP_SHARE = 0.5;

/**
 * Heap a row takes while it is read, where the heap cannot be measured: its record, its share of the indexes
 * and of the row fingerprints. Half the peak of the analysis, which at 5 million call rows reached about
 * 2.8 KB a row (BENCHMARKS.md), so that stopping at half the limit leaves room for the rest.
 */
export const BYTES_PER_ROW = 1400;

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
  return `reading ${file} stopped at row ${row.toLocaleString('en')}: ${holds}, and the analysis needs about as much again. ${advice}`;
}

/** Whether the heap is past its share of the limit. */
export function heapFull(probe: HeapProbe | undefined): HeapReading | null {
  const reading = probe?.() ?? null;
  return reading && reading.limit > 0 && reading.used > HEAP_SHARE * reading.limit ? reading : null;
}
