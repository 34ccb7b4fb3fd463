// Runs in-memory files through the same path as the CLI and the worker (detect, stream in chunks, analyse),
// and says what happened to each file: read, used, rejected, duplicates, or why it was skipped.
import { createCaseRun, type CaseOutcome } from '../../src/export/case-run';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../../src/analysis/pipeline';
import { SNIFF_BYTES, type FileReport } from '../../src/ingest/ingest';
import type { RowIssue } from '../../src/model/types';

export type Input = string | Uint8Array;
export const utf8 = (s: string) => new TextEncoder().encode(s);

export interface CaseRunResult {
  reports: Record<string, FileReport>;
  issues: RowIssue[];
  /** Absent when no file could be read. */
  outcome?: CaseOutcome;
}

export const HOSTILE_SETTINGS: CaseSettings = { ...DEFAULT_CASE_SETTINGS, timeZoneStated: true };

export function runCase(
  files: Record<string, Input>,
  chunk = 64 * 1024,
  { settings = HOSTILE_SETTINGS, analyse = true }: { settings?: CaseSettings; analyse?: boolean } = {},
): CaseRunResult {
  const run = createCaseRun(settings, 'test');
  const reports: Record<string, FileReport> = {};
  for (const [name, input] of Object.entries(files)) {
    const bytes = typeof input === 'string' ? utf8(input) : input;
    const detection = run.detect(name, bytes.subarray(0, SNIFF_BYTES));
    if (detection.problems.length || !detection.kind) {
      run.skip(detection, '', bytes.length);
      reports[name] = run.inputs.at(-1)!.report;
      continue;
    }
    const ingestor = run.read(detection);
    for (let at = 0; at < bytes.length; at += chunk) ingestor.push(bytes.subarray(at, at + chunk));
    const report = ingestor.end();
    run.done(name, report, '', bytes.length);
    reports[name] = report;
  }
  return { reports, issues: run.sink.issues, outcome: analyse && run.usable() ? run.analyse() : undefined };
}
