// Source rows in words: "calls.csv:2,5,9; kyc.csv:14".
import type { SourceRow } from '../model/types';

/** A file's name by its index, or `file<index>` where the run has no such file. */
function fileName(files: string[], file: number): string {
  return files[file] ?? `file${file}`;
}

/** Formats flat [file, row, …] pairs by file, rows ascending; `limit` caps the rows shown per file. */
export function formatSources(sources: number[], files: string[], limit = Infinity): string {
  // Most links' rows are of one file, already ascending: written straight, without grouping or sorting.
  if (sources.length > 0 && sources.length <= 2 * limit && ascendingInOneFile(sources)) {
    let text = `${fileName(files, sources[0]!)}:${sources[1]}`;
    for (let i = 3; i < sources.length; i += 2) text += ',' + sources[i];
    return text;
  }
  const byFile = new Map<number, number[]>();
  for (let i = 0; i < sources.length; i += 2) {
    let rows = byFile.get(sources[i]!);
    if (!rows) byFile.set(sources[i]!, (rows = []));
    rows.push(sources[i + 1]!);
  }
  return [...byFile.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([file, rows]) => {
      const sorted = [...new Set(rows)].sort((a, b) => a - b);
      const shown = sorted.slice(0, limit).join(',');
      return `${fileName(files, file)}:${shown}${sorted.length > limit ? ` (+${sorted.length - limit} more)` : ''}`;
    })
    .join('; ');
}

/** Whether [file, row, …] pairs are all of one file, rows strictly ascending (so none repeats). */
function ascendingInOneFile(sources: number[]): boolean {
  const file = sources[0];
  for (let i = 2; i < sources.length; i += 2)
    if (sources[i] !== file || sources[i + 1]! <= sources[i - 1]!) return false;
  return true;
}

/** Source rows as records name them ({ file, row }), in words as formatSources writes them. */
export function formatSourceRows(rows: readonly SourceRow[], files: string[], limit = Infinity): string {
  const sources: number[] = [];
  for (const r of rows) sources.push(r.file, r.row);
  return formatSources(sources, files, limit);
}
