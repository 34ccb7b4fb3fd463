// Source rows in words: "calls.csv:2,5,9; kyc.csv:14".

/** Formats flat [file, row, …] pairs by file, rows ascending; `limit` caps the rows shown per file. */
export function formatSources(sources: number[], files: string[], limit = Infinity): string {
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
      return `${files[file] ?? `file${file}`}:${shown}${sorted.length > limit ? ` (+${sorted.length - limit} more)` : ''}`;
    })
    .join('; ');
}
