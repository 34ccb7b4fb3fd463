// The first rows of a file as the analysis will see them, normalised, or the reason each would be rejected:
// what `inspect` prints and the app's import screen shows before anything is read in full.
import { ADAPTERS, createRowContext, type Detection } from './ingest';
import { RowRejected } from './adapters/context';

export type PreviewRow =
  | { row: number; record: Record<string, unknown> }
  | { row: number; rejected: { column: string; code: string; message: string } };

export function previewRows(detection: Detection, limit = 5): PreviewRow[] {
  if (!detection.kind) return [];
  const ctx = createRowContext(detection);
  const adapter = ADAPTERS[detection.kind];
  return detection.sample.slice(0, limit).map((fields, i) => {
    ctx.readFields(fields);
    ctx.source = { file: 0, row: i + 2 };
    try {
      const { kind: _k, file: _f, row, ...record } = adapter(ctx) as unknown as Record<string, unknown>;
      return { row: row as number, record };
    } catch (e) {
      if (e instanceof RowRejected) return { row: i + 2, rejected: e.problem };
      throw e;
    }
  });
}
