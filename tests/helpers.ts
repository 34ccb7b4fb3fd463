// Small helpers for tests: ingest CSV text held in memory into one sink; the CAVIAR network as a CSR; a
// temporary folder that the run removes at its end.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createSink, ingestBytes, type IngestOptions } from '../src/ingest/ingest';
import { createCsr, type Csr } from '../src/analysis/csr';

export const TEST_OPTIONS: IngestOptions = { country: 'GB', timeZone: 'UTC', timeZoneStated: true, currency: 'EUR' };

export function sinkOf(files: Record<string, string>) {
  const sink = createSink();
  for (const [name, text] of Object.entries(files)) {
    const { detection } = ingestBytes(name, new TextEncoder().encode(text), sink, TEST_OPTIONS);
    if (detection.problems.length) throw new Error(`${name}: ${detection.problems.join('; ')}`);
  }
  return sink;
}

/** The CAVIAR network (tests/fixtures/caviar), weighted, its nodes named n1, n2, … in sorted order. */
export function caviarCsr(): Csr {
  const lines = readFileSync(new URL('./fixtures/caviar/complete_network_undirected.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const pairs = lines
    .map((l) => l.split(','))
    .map(([a, b, w]) => [`n${a}`, `n${b}`, Number(w)] as [string, string, number]);
  return createCsr([...new Set(pairs.flatMap(([a, b]) => [a, b]))].sort(), pairs);
}

/** A new folder for a test's files, inside the run's own temporary folder (tests/global-setup.ts removes it). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(inject('tempRoot'), prefix));
}
