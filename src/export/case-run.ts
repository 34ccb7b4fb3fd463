// One run of a case, from files to exports, for every front end: the CLI streams files from disk into it, the
// browser worker feeds it the bytes of dropped files. Both then get the same records, result and exports.
import { untimed, type StepTimer } from '../lib/timing';
import { forgetPhoneParses } from '../ingest/phone';
import { analyseCase, caseOptionsFor, ingestOptionsFor, validateSettings, type CaseResult } from '../analysis/pipeline';
import type { CaseSettings } from '../analysis/pipeline';
import {
  createFileIngestor,
  createSink,
  detectFile,
  forgetSpellings,
  skippedReport,
  type Detection,
  type FileIngestor,
  type FileReport,
  type IngestSink,
} from '../ingest/ingest';
import type { ReadSource } from '../ingest/split-read';
import { specFor, type FileSpec, type MappingSpec } from '../ingest/spec';
import type { RecordKind, RowIssue } from '../model/types';
import { emitCase, exportCase, type RunInfo, type RunInput } from './bundle';
import { appError } from '../lib/errors';
import { BYTES_PER_ROW, heapFull, heapMessage, type HeapProbe } from '../lib/memory';
import type { PrivacyOptions } from './privacy';

export interface CaseRun {
  readonly settings: CaseSettings;
  readonly sink: IngestSink;
  readonly inputs: RunInput[];
  /** Detects a file from its first bytes, with the spec's entry for it and a stated kind applied. */
  detect(name: string, head: Uint8Array, kind?: RecordKind, override?: FileSpec): Detection;
  /**
   * Starts reading a ready file; call `done` with the ingestor's report when the bytes are in. `size`, in bytes
   * where known, lets a large call file be read faster (see createFileIngestor), and `source` faster still, where
   * the helper thread can read the file itself (see split-read.ts).
   */
  read(detection: Detection, onRows?: (rows: number) => void, size?: number, source?: ReadSource): FileIngestor;
  done(name: string, report: FileReport, sha256: string, bytes: number): void;
  /** Records a file that could not be read, with the reason. */
  skip(detection: Detection, sha256: string, bytes: number): void;
  usable(): number;
  /** Analyses what was read; `privacy` applies to the exports (pseudonyms, victims left out). */
  analyse(onStep?: (step: string) => void, time?: StepTimer, privacy?: PrivacyOptions): CaseOutcome;
}

export interface CaseOutcome {
  settings: CaseSettings;
  /** File names by index, as source rows refer to them. */
  files: string[];
  issues: RowIssue[];
  result: CaseResult;
  info: RunInfo;
  /**
   * Each export as text chunks, to be written or downloaded in order (see TextChunks): made when first read
   * (the app's worker may never need them, and a city's take as long as its analysis).
   */
  readonly outputs: Map<string, string[]>;
  /**
   * The same exports handed to `emit` chunk by chunk as they are made, and not kept (emitCase): how the CLI
   * writes them. Made anew at each call.
   */
  emitOutputs(emit: (name: string, chunk: string) => void): void;
}

export interface Limits {
  /** The heap's use and limit, checked as files are read. */
  heap?: HeapProbe;
  /** What to tell the user when the heap is nearly full (how to give the front end more memory). */
  heapAdvice?: string;
  /**
   * Where the heap cannot be measured (a browser worker), its limit: reading stops when the rows read would,
   * at BYTES_PER_ROW each, fill HEAP_SHARE of it.
   */
  memoryLimit?: number;
}

export function createCaseRun(
  settings: CaseSettings,
  version: string,
  spec?: MappingSpec,
  limits: Limits = {},
): CaseRun {
  validateSettings(settings);
  const options = ingestOptionsFor(settings);
  const sink = createSink();
  const inputs: RunInput[] = [];
  let usable = 0;
  const rowsBefore = () => inputs.reduce((n, i) => n + i.report.rowsRead, 0);
  return {
    settings,
    sink,
    inputs,
    detect(name, head, kind, override) {
      const fileSpec: FileSpec = { ...(specFor(spec, name) ?? {}), ...(override ?? {}) };
      if (kind) fileSpec.kind = kind;
      return detectFile(name, head, options, fileSpec);
    },
    read(detection, onRows, size, source) {
      const ingestor = createFileIngestor(detection, sink, { onProgress: onRows, size, source });
      if (!limits.heap && !limits.memoryLimit) return ingestor;
      const before = rowsBefore();
      return {
        push(bytes) {
          ingestor.push(bytes);
          const rows = ingestor.rowsRead();
          // Measured where the engine tells (Node); estimated from the rows where it does not (a browser worker).
          const measured = heapFull(limits.heap);
          const estimated = limits.memoryLimit
            ? heapFull(() => ({ used: (before + rows) * BYTES_PER_ROW, limit: limits.memoryLimit! }))
            : null;
          const full = measured ?? estimated;
          if (full)
            throw appError('memory', heapMessage(detection.file, rows, full, limits.heapAdvice ?? '', !measured));
        },
        end: () => ingestor.end(),
        rowsRead: () => ingestor.rowsRead(),
      };
    },
    done(name, report, sha256, bytes) {
      inputs.push({ name, sha256, bytes, report });
      usable++;
    },
    skip(detection, sha256, bytes) {
      inputs.push({ name: detection.file, sha256, bytes, report: skippedReport(detection) });
    },
    usable: () => usable,
    analyse(onStep, time = untimed, privacy = {}) {
      // The reading is over: its phone parses and spellings need not be carried through the analyses.
      forgetPhoneParses();
      forgetSpellings(sink);
      const options = caseOptionsFor(settings);
      const result = analyseCase(sink.records, options, onStep, time);
      const info: RunInfo = {
        version,
        seed: settings.seed,
        top: settings.top,
        country: settings.country,
        timeZone: settings.timeZone,
        options,
        inputs,
      };
      let outputs: Map<string, string[]> | undefined;
      return {
        settings,
        files: sink.files,
        issues: sink.issues,
        result,
        info,
        get outputs() {
          return (outputs ??= time('export', () => exportCase(result, sink.files, sink.issues, info, privacy)));
        },
        emitOutputs(emit) {
          time('export', () => emitCase(result, sink.files, sink.issues, info, privacy, emit));
        },
      };
    },
  };
}
