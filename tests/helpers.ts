// Small helpers for tests: ingest CSV text held in memory into one sink.
import { createSink, ingestBytes, type IngestOptions } from '../src/ingest/ingest';

export const TEST_OPTIONS: IngestOptions = { country: 'GB', timeZone: 'UTC', timeZoneStated: true, currency: 'EUR' };

export function sinkOf(files: Record<string, string>) {
  const sink = createSink();
  for (const [name, text] of Object.entries(files)) {
    const { detection } = ingestBytes(name, new TextEncoder().encode(text), sink, TEST_OPTIONS);
    if (detection.problems.length) throw new Error(`${name}: ${detection.problems.join('; ')}`);
  }
  return sink;
}
