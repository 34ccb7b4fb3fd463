// A guard against running out of memory while reading: Unravel keeps every row it uses as evidence, so a case
// too large for the heap would otherwise end in the engine's own fatal error, with nothing said. The probe
// comes from the front end (node:v8 in the CLI, performance.memory in Chromium); where there is none, no check.

export interface HeapReading {
  used: number;
  limit: number;
}
export type HeapProbe = () => HeapReading | null;

/** Reading stops when the live heap passes half its limit: the analysis needs about as much again after it. */
export const HEAP_SHARE = 0.5;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;

/** The message of a stopped read: where it stopped, the limit, and what to do. */
export function heapMessage(file: string, row: number, reading: HeapReading, advice: string): string {
  return (
    `reading ${file} stopped at row ${row.toLocaleString('en')}: the heap holds ${mb(reading.used)} of its ` +
    `${mb(reading.limit)} limit, and the analysis needs about as much again. ${advice}`
  );
}

/** Whether the heap is past its share of the limit. */
export function heapFull(probe: HeapProbe | undefined): HeapReading | null {
  const reading = probe?.() ?? null;
  return reading && reading.limit > 0 && reading.used > HEAP_SHARE * reading.limit ? reading : null;
}
