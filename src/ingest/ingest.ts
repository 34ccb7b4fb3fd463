// One file from bytes to records: detect what it is, then stream its rows through the kind's adapter.
// Every row ends up used, rejected (with file, row, column, code and message) or counted as a duplicate.
import Papa from 'papaparse';
import type { AnyRecord, RecordKind, Records, RowIssue } from '../model/types';
import { emptyRecords } from '../model/types';
import { IdentifierNumbers } from '../model/call-table';
import {
  createCsvStream,
  createDecoder,
  createRowStream,
  decodeInSlices,
  detectDialect,
  sniffEncoding,
  RecordTooLong,
  type CsvRow,
  type Delimiter,
  type Encoding,
  type Line,
} from './csv';
import { guessKinds, isComplete, mapColumns, REQUIRED, type ColumnMap } from './columns';
import { DATE_FORMAT_LABELS, detectDateFormat, type DateFormat } from './dates';
import { detectDecimalSeparator } from './numbers';
import type { FileSpec } from './spec';
import { appError } from '../lib/errors';
import { RowContext, RowRejected, SpellingReadings, type FileFormats } from './adapters/context';
import { numberedBeforeReject, readCall, readCallInto } from './adapters/calls';
import { readTransfer } from './adapters/transfers';
import { readTravel } from './adapters/travel';
import { readSubscriber } from './adapters/subscribers';
import { readEdge } from './adapters/edges';
import { fieldsFingerprint, RowFingerprints } from './fingerprints';
import {
  CHUNK_BYTES,
  identifierCodes,
  SPLIT_FROM,
  startSplit,
  type PartCalls,
  type PartResult,
  type PartRows,
  type ReadSource,
  joinCodes,
} from './split-read';
import { cutAll, resized, resizedAll, zeros } from '../lib/typed';
import { postHint } from '../lib/handoff';
import { PhoneReadings, type PhoneScanStart, type PhoneScanTask } from './phone-scan';

export { RowFingerprints };

export const ADAPTERS: Record<RecordKind, (ctx: RowContext) => AnyRecord> = {
  calls: readCall,
  transfers: readTransfer,
  travel: readTravel,
  subscribers: readSubscriber,
  edges: readEdge,
};

/** The field holding each kind's event time, and its date-of-birth field. */
const TIME_FIELD: Record<RecordKind, string> = {
  calls: 'start',
  transfers: 'date',
  travel: 'departure',
  subscribers: '',
  edges: 'time',
};
const DOB_FIELD: Partial<Record<RecordKind, string>> = { travel: 'dob', subscribers: 'dob' };

export interface IngestOptions {
  /** Default country for phone numbers written without an international prefix (ISO 3166 alpha-2). */
  country: string;
  /** Zone of times written without an offset (IANA name or fixed offset). */
  timeZone: string;
  /** Whether `timeZone` was chosen by the user (otherwise times without offset get a warning). */
  timeZoneStated?: boolean;
  currency: string;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = { country: 'GB', timeZone: 'UTC', currency: 'EUR' };

/** How many bytes detection reads from the start of a file. */
export const SNIFF_BYTES = 256 * 1024;

export interface Detection {
  file: string;
  kind: RecordKind | null;
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
  lineEnding: '\r\n' | '\n' | '\r';
  headers: string[];
  columns: ColumnMap;
  formats: FileFormats;
  /** What was detected and how sure it is, in words. */
  notes: string[];
  /** Worth knowing but not blocking (an ambiguous date order resolved by the country, no time zone). */
  warnings: string[];
  /** Blocking: the file cannot be read without a mapping. Empty when ready. */
  problems: string[];
  /** Data rows in the sample (for previews). */
  sample: string[][];
}

function nonEmptyHead(head: Uint8Array): boolean {
  return head.some(
    (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf,
  );
}

/** Reads the first bytes of a file and says what it is, or what is missing to read it. */
export function detectFile(file: string, head: Uint8Array, options: IngestOptions, spec: FileSpec = {}): Detection {
  const notes: string[] = [];
  const warnings: string[] = [];
  const problems: string[] = [];
  const sniffed = sniffEncoding(head);
  const encoding = spec.encoding ?? sniffed.encoding;
  notes.push(spec.encoding ? `encoding ${encoding} (from the mapping)` : `encoding ${encoding}: ${sniffed.note}`);
  const formats: FileFormats = {
    country: spec.country ?? options.country,
    timeZone: spec.timeZone ?? options.timeZone,
    dateFormat: spec.dateFormat ?? null,
    dobFormat: spec.dobFormat ?? null,
    decimal: spec.decimal ?? '.',
    currency: spec.currency ?? options.currency,
  };
  const base: Detection = {
    file,
    kind: null,
    encoding,
    bom: sniffed.bom,
    delimiter: spec.delimiter ?? ',',
    lineEnding: '\n',
    headers: [],
    columns: {},
    formats,
    notes,
    warnings,
    problems,
    sample: [],
  };
  if (!nonEmptyHead(head)) {
    problems.push('the file is empty');
    return base;
  }
  if (!encoding.startsWith('utf-16') && head.subarray(0, 8192).includes(0)) {
    problems.push('the file holds binary data (NUL bytes), not delimited text');
    return base;
  }
  let text = createDecoder(encoding).decode(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // The sniffed bytes may end mid-row: judge only whole lines.
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (head.length >= SNIFF_BYTES && lastBreak > 0) text = text.slice(0, lastBreak);
  const dialect = detectDialect(text);
  const delimiter = spec.delimiter ?? dialect.delimiter;
  base.delimiter = delimiter;
  base.lineEnding = dialect.lineEnding;
  notes.push(
    spec.delimiter ? `delimiter ${JSON.stringify(delimiter)} (from the mapping)` : `delimiter: ${dialect.note}`,
    `line endings ${dialect.lineEnding === '\r\n' ? 'CRLF' : dialect.lineEnding === '\r' ? 'CR' : 'LF'}`,
  );
  if (!spec.delimiter && !dialect.confident)
    problems.push(`unsure of the delimiter (${dialect.note}); set "delimiter" in a mapping`);
  const rows = Papa.parse<string[]>(text, { delimiter, newline: dialect.lineEnding, preview: 1001 }).data.filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  const headers = (rows[0] ?? []).map((h) => h.trim());
  base.headers = headers;
  base.sample = rows.slice(1);
  if (rows.length <= 1) warnings.push('the file has a header and no data rows');

  let kind: RecordKind | null = spec.kind ?? null;
  let columns: ColumnMap = {};
  if (kind) {
    columns = mapColumns(kind, headers);
    notes.push(`kind ${kind} (from the mapping)`);
  } else {
    const guesses = guessKinds(headers).filter((g) => g.complete);
    const [best, second] = guesses;
    if (!best) {
      problems.push(
        `unknown kind of file: no known set of columns in the header (${headers
          .slice(0, 8)
          .map((h) => JSON.stringify(h))
          .join(', ')}); set "kind" and "columns" in a mapping`,
      );
    } else if (second && second.coverage === best.coverage) {
      problems.push(
        `unsure of the kind: the header fits ${best.kind} and ${second.kind} equally; set "kind" in a mapping`,
      );
    } else {
      kind = best.kind;
      columns = best.columns;
      notes.push(`kind ${kind}: ${Object.keys(columns).length} of ${headers.length} columns recognised`);
    }
  }
  if (spec.columns) {
    for (const [field, header] of Object.entries(spec.columns)) {
      if (!headers.includes(header))
        problems.push(`the mapping names column "${header}" for ${field}, but the header has no such column`);
      else columns[field] = header;
    }
  }
  base.kind = kind;
  base.columns = columns;
  if (!kind) return base;
  if (!isComplete(kind, columns)) {
    const need = REQUIRED[kind].map((set) => set.join(' + ')).join(' or ');
    problems.push(`the ${kind} columns are incomplete: need ${need}`);
    return base;
  }
  const samplesOf = (field: string): string[] => {
    const index = headers.indexOf(columns[field] ?? '\u0000');
    return index < 0 ? [] : base.sample.map((r) => r[index] ?? '');
  };
  const monthFirst = formats.country === 'US';
  const timeField = TIME_FIELD[kind];
  if (timeField && columns[timeField] && !spec.dateFormat) {
    const detected = detectDateFormat(samplesOf(timeField), monthFirst);
    if (detected.format === null && samplesOf(timeField).some((v) => v.trim() !== '')) {
      problems.push(`unknown date format in "${columns[timeField]}" (${detected.note}); set "dateFormat" in a mapping`);
    }
    formats.dateFormat = detected.format;
    notes.push(`dates in "${columns[timeField]}": ${detected.note}`);
    if (detected.ambiguous)
      warnings.push(
        `${detected.note} (from country ${formats.country}); set "dateFormat" in a mapping if that is wrong`,
      );
    if (
      detected.format &&
      !detected.hasOffset &&
      detected.format !== 'epoch' &&
      !spec.timeZone &&
      !options.timeZoneStated
    ) {
      warnings.push(
        `times carry no UTC offset and no zone was given: read as ${formats.timeZone}; pass --tz or set "timeZone" in a mapping`,
      );
    }
  } else if (spec.dateFormat) {
    notes.push(`dates: ${DATE_FORMAT_LABELS[spec.dateFormat]} (from the mapping)`);
  }
  const dobField = DOB_FIELD[kind];
  if (dobField && columns[dobField] && !spec.dobFormat) {
    const detected = detectDateFormat(samplesOf(dobField), monthFirst);
    formats.dobFormat = detected.format;
    if (detected.ambiguous) warnings.push(`dates of birth: ${detected.note}`);
  }
  if (kind === 'transfers' && !spec.decimal) {
    const detected = detectDecimalSeparator(samplesOf('amount'));
    formats.decimal = detected.separator;
    notes.push(`amounts use "${detected.separator}" as the decimal mark`);
    if (detected.ambiguous)
      warnings.push('amounts mix decimal commas and decimal points; set "decimal" in a mapping if rows are rejected');
  }
  return base;
}

/** Where a run's records, issues and duplicate fingerprints accumulate, across files. */
export interface IngestSink {
  files: string[];
  records: Records;
  issues: RowIssue[];
  seen: Map<string, RowFingerprints>;
  /** One string and one number per identifier across the run's files (see RowContext). */
  identifiers: IdentifierNumbers;
  /** What the files read so far said of their spellings (see SpellingReadings); forgetSpellings lets go of them. */
  readings: SpellingReadings;
}

export function createSink(): IngestSink {
  const identifiers = new IdentifierNumbers();
  return {
    files: [],
    records: emptyRecords(identifiers),
    issues: [],
    seen: new Map(),
    identifiers,
    readings: new SpellingReadings(identifiers),
  };
}

/**
 * Lets go of the spellings a sink's reading kept (a city's are some tens of MB, and hold on to the files' text),
 * when the reading is over: a file read after this reads its spellings again, with the same numbers.
 */
export function forgetSpellings(sink: IngestSink): void {
  sink.readings = new SpellingReadings(sink.identifiers);
}

export interface FileReport {
  file: string;
  kind: RecordKind | null;
  encoding: Encoding;
  delimiter: Delimiter;
  dateFormat: DateFormat | null;
  timeZone: string;
  columns: ColumnMap;
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  duplicates: number;
  warnings: string[];
  /** Set when the file was not read at all, with the reason. */
  skipped?: string;
}

export interface FileIngestor {
  push(bytes: Uint8Array): void;
  end(): FileReport;
  /** Rows read so far (the header excluded). */
  rowsRead(): number;
}

/**
 * A call file of this many bytes or more has its phone numbers read ahead (see phone-scan.ts), about 250,000
 * rows. On the 100k city's call file (6.4 MB) the helper, still cold, was seldom ahead, and the reading took
 * 1.2–1.5 s with it against 1.0–1.1 s without.
 */
export const READ_AHEAD_FROM = 16 << 20;
/** Spellings the read-ahead table holds: 16 MB of shared memory; the 1M city's call file has 300,000. */
const READ_AHEAD_SPELLINGS = 1 << 19;
/** The phone columns of a call file, whichever layout it has. */
const PHONE_FIELDS = ['caller', 'callee', 'party', 'other'];
let scans = 0;

export interface IngestorOptions {
  /** Called every 100k rows. */
  onProgress?: (rowsRead: number) => void;
  /** The file's size in bytes, where the caller knows it: room is made for its rows, and from `readAheadFrom` on
   * a call file's phone numbers are read ahead. */
  size?: number;
  readAheadFrom?: number;
  /**
   * Where the helper thread can read the file itself: from `splitFrom` bytes on, with a helper that can answer
   * (see ReplyChannel in src/lib/handoff.ts), a call file is read by both threads (see split-read.ts), and not
   * read ahead.
   */
  source?: ReadSource;
  splitFrom?: number;
  /** Bytes a chunk of a file read by both threads (see split-read.ts). */
  chunkBytes?: number;
  /** Told, at the end of a file read by both threads, how many chunks it had and how many the helper's were. */
  onSplit?: (split: { chunks: number; fromHelper: number }) => void;
  /**
   * 'lines': lines without quotes are split here, and papaparse reads from the first quote on (createRowStream);
   * 'papaparse': papaparse reads every row. Both give the same rows; the tests compare them.
   */
  rows?: 'lines' | 'papaparse';
}

/** About how many rows a file of `size` bytes has, from its first rows' length (a quarter more, to be sure). */
function rowsIn(detection: Detection, size: number): number {
  const bytes = detection.sample.reduce((sum, r) => sum + r.reduce((n, f) => n + f.length + 1, 0), 0);
  return Math.ceil((1.25 * size * detection.sample.length) / Math.max(1, bytes));
}

/** What a row's reading does that differs between a file's reader and a part's (createPartReader). */
interface RowSteps {
  /** Counts row `row` (the header is no row of data). */
  counted(row: number): void;
  /** The row's fingerprint: true when it is a duplicate (counted and reported as one). Its text is `line`'s or `fields`'. */
  fingerprinted(row: number, a: number, b: number, line: Line | null, fields: string[] | null): boolean;
  used(): void;
  /** `read`: whether the adapter rejected it, having read it (else it was rejected before, by its shape). */
  rejected(row: number, raw: string, column: string, code: RowIssue['code'], message: string, read?: boolean): void;
}

/** A rejected row's issue, its message and its text cut to a size a report can hold (see clip). */
function rowIssue(file: string, row: number, column: string, code: RowIssue['code'], message: string, raw: string) {
  return { file, row, column, code, message: clip(message, 500), raw: clip(raw, 2000) };
}

/** The text of a row given as a line or as fields (made for a reported row only). */
function rowText(detection: Detection, line: Line | null, fields: string[] | null): string {
  return line ? line.text.slice(line.start, line.end) : fields!.join(detection.delimiter);
}

/**
 * The reading of each row, given as its fields (papaparse) or as a line (createRowStream): the width checks, the
 * fingerprint, then the adapter (`readRow`), which reads the row `ctx` holds or rejects it.
 */
function rowReader(
  detection: Detection,
  ctx: RowContext,
  fileIndex: number,
  readRow: () => void,
  steps: RowSteps,
  header: boolean,
) {
  let headerSeen = !header;
  const width = detection.headers.length;
  let named = width;
  while (named > 0 && detection.headers[named - 1] === '') named--;
  /** Reads the row ctx holds into the records, or rejects it; `line` or `fields` is its text. */
  const use = (row: number, fields: string[] | null, line: Line | null) => {
    ctx.source = { file: fileIndex, row };
    try {
      readRow();
      steps.used();
    } catch (e) {
      if (!(e instanceof RowRejected)) throw e;
      steps.rejected(row, rowText(detection, line, fields), e.problem.column, e.problem.code, e.problem.message, true);
    }
  };
  const onRow = ({ row, fields, error, swallowed }: CsvRow) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    steps.counted(row);
    if (error) {
      const lines = swallowed ?? [];
      const own = fields.join(detection.delimiter).split(/\r\n|\n|\r/, 1)[0]!;
      steps.rejected(
        row,
        own,
        '',
        'malformed_quotes',
        lines.length
          ? `unbalanced quotes: ${error}; the quoted field runs on over the next ${lines.length} line(s), rows ${row + 1}–${row + lines.length}, which are rejected with it`
          : `unbalanced quotes: ${error}; the field runs on past the end of its line`,
      );
      lines.forEach((line, k) => {
        steps.counted(row + k + 1);
        steps.rejected(
          row + k + 1,
          line,
          '',
          'malformed_quotes',
          `inside the field left open by the unbalanced quote of row ${row}`,
        );
      });
      return;
    }
    // Trailing columns without a name (a spreadsheet's stray delimiters) may be missing from a row.
    if (fields.length < named) {
      return steps.rejected(
        row,
        fields.join(detection.delimiter),
        detection.headers[fields.length] ?? '',
        'truncated_row',
        `the row has ${fields.length} fields; the header has ${width}`,
      );
    }
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== '')) {
      return steps.rejected(
        row,
        fields.join(detection.delimiter),
        '',
        'extra_fields',
        `the row has ${fields.length} fields; the header has ${width} (a delimiter inside an unquoted value?)`,
      );
    }
    const [a, b] = fieldsFingerprint(fields, detection.delimiter);
    if (steps.fingerprinted(row, a, b, null, fields)) return;
    ctx.readFields(fields);
    use(row, fields, null);
  };
  /** A line as papaparse reads it: its fields, the delimiter being in none (it has no quote). */
  const fieldsOf = (line: Line) => line.text.slice(line.start, line.end).split(detection.delimiter);
  // A line of the header's width is read as it is, its fingerprint hashed as it was split; others as fields.
  const onLine = (line: Line) => {
    if (line.count !== width || !headerSeen) return onRow({ row: line.row, fields: fieldsOf(line) });
    steps.counted(line.row);
    if (steps.fingerprinted(line.row, line.a, line.b, line, null)) return;
    ctx.readLine(line);
    use(line.row, null, line);
  };
  return { onRow, onLine, fieldsOf, headerSeen: () => headerSeen };
}

/**
 * Streams one detected file into the sink. `push` may keep the bytes it is given until the next push or `end`:
 * the caller must not change them.
 */
export function createFileIngestor(
  detection: Detection,
  sink: IngestSink,
  {
    onProgress,
    size = 0,
    readAheadFrom = READ_AHEAD_FROM,
    source,
    splitFrom = SPLIT_FROM,
    chunkBytes = CHUNK_BYTES,
    onSplit,
    rows: splitter = 'lines',
  }: IngestorOptions = {},
): FileIngestor {
  const kind = detection.kind;
  if (!kind || detection.problems.length)
    throw new Error(`ingest: ${detection.file} is not ready to read: ${detection.problems.join('; ')}`);
  const fileIndex = sink.files.length;
  sink.files.push(detection.file);
  const report = emptyReport(detection);
  let seen = sink.seen.get(kind);
  if (!seen) sink.seen.set(kind, (seen = new RowFingerprints()));
  const fingerprints = seen;
  const ctx = createRowContext(detection, sink.identifiers, sink.readings);
  const adapter = ADAPTERS[kind];
  // Calls go straight into their columns, by their identifiers' numbers; the other kinds as records.
  const out = sink.records[kind] as { push(record: AnyRecord): void };
  const { calls } = sink.records;
  const readRow = kind === 'calls' ? () => readCallInto(ctx, calls) : () => out.push(adapter(ctx));
  // Room for the file's rows at once (calls' columns, row fingerprints), from its size and its first rows'
  // length: growing by doubling would write a city's calls into fresh memory twice over, and rehash every
  // fingerprint at each doubling. Room not filled costs no memory on shared buffers, and little on others,
  // whose pages are not touched.
  const rows = size > 0 && detection.sample.length ? rowsIn(detection, size) : 0;
  if (rows > 0) {
    fingerprints.reserve(rows);
    if (kind === 'calls') {
      calls.reserve(calls.length + rows);
      ctx.reserveSpellings(rows);
    }
  }
  const reject = (row: number, raw: string, column: string, code: RowIssue['code'], message: string) => {
    report.rowsRejected++;
    sink.issues.push(rowIssue(detection.file, row, column, code, message, raw));
  };
  /** Reports a duplicate of the row `first` names, or returns false when `first` is null. */
  const duplicate = (row: number, first: [number, number] | null, raw: () => string): boolean => {
    if (!first) return false;
    report.duplicates++;
    const where = first[0] === fileIndex ? `row ${first[1]}` : `row ${first[1]} of ${sink.files[first[0]]}`;
    sink.issues.push({
      file: detection.file,
      row,
      column: '',
      code: 'duplicate_row',
      message: `exact duplicate of ${where}; counted once`,
      raw: raw(),
    });
    return true;
  };
  const counted = () => {
    report.rowsRead++;
    if (onProgress && report.rowsRead % 100000 === 0) onProgress(report.rowsRead);
  };
  const reader = rowReader(
    detection,
    ctx,
    fileIndex,
    readRow,
    {
      counted,
      fingerprinted(row, a, b, line, fields) {
        const first = fingerprints.checkHashes(a, b, fileIndex, row);
        return first !== null && duplicate(row, first, () => rowText(detection, line, fields));
      },
      used() {
        report.rowsUsed++;
      },
      rejected: reject,
    },
    true,
  );
  const { onRow, onLine, fieldsOf } = reader;

  // When the sniffed bytes held no dates to judge (a huge first row, say), the first rows decide the format.
  const timeField = TIME_FIELD[kind];
  let pending: CsvRow[] | null = timeField && detection.columns[timeField] && !detection.formats.dateFormat ? [] : null;
  const settle = () => {
    if (!pending) return;
    const detected = detectDateFormat(
      pending.map((r) => {
        ctx.readFields(r.fields);
        return ctx.get(timeField);
      }),
      detection.formats.country === 'US',
    );
    ctx.formats.dateFormat = detected.format;
    report.dateFormat = detected.format;
    report.warnings.push(`dates detected from the first ${pending.length} rows: ${detected.note}`);
    const rows = pending;
    pending = null;
    rows.forEach(onRow);
  };
  const decoder = createDecoder(detection.encoding);
  const wait = (row: CsvRow) => {
    if (pending && reader.headerSeen()) {
      pending.push(row);
      if (pending.length >= 200) settle();
    } else onRow(row);
  };
  const lines =
    splitter === 'papaparse'
      ? null
      : createRowStream(
          detection,
          (line) => (pending ? wait({ row: line.row, fields: fieldsOf(line) }) : onLine(line)),
          wait,
        );
  const csv = lines ?? createCsvStream(detection, wait);
  let replacementSeen = false;
  const replaced = () => {
    replacementSeen = true;
    report.warnings.push(
      'some bytes are not valid UTF-8 and were read as U+FFFD; set "encoding" in a mapping if names look wrong',
    );
  };
  const feed = (text: string) => {
    if (!replacementSeen && detection.encoding === 'utf-8' && text.includes('\ufffd')) replaced();
    csv.push(text);
  };
  const read = (bytes: Uint8Array) => {
    try {
      decodeInSlices(decoder, bytes, feed);
    } catch (e) {
      if (!(e instanceof RecordTooLong)) throw e;
      throw appError(
        'ingest',
        `${detection.file}: ${e.message}, so reading stopped; an unbalanced quote (") usually causes this. ` +
          'Correct the row, or remove the file from the case',
      );
    }
  };

  // A large call file is read by both threads where the helper can read the file and answer (split-read.ts);
  // else its phone numbers are read ahead on the helper.
  const split =
    kind === 'calls' && lines && source && size >= splitFrom
      ? startSplit(detection, source, size, chunkBytes, ctx, READ_AHEAD_SPELLINGS, rows)
      : null;

  // A large call file goes to the helper thread a chunk ahead of its reading here (see phone-scan.ts): this side
  // reads each chunk when it has the next, or at the end, and says which it is reading, so that the helper keeps
  // ahead of it. Undefined until the first chunk asks for a helper; null when none reads ahead.
  let scan: number | null | undefined = !split && kind === 'calls' && size >= readAheadFrom ? undefined : null;
  let held: Uint8Array | null = null;
  let chunks = 0;
  const hint = (bytes: Uint8Array, start?: PhoneScanStart, end?: boolean) => {
    const task: PhoneScanTask = { kind: 'phone-scan', state: new Int32Array(1), scan: scan!, bytes, start, end };
    return postHint(task, [bytes.buffer as ArrayBuffer]);
  };
  const startScan = () => {
    scan = null;
    const columns = PHONE_FIELDS.flatMap((field) => {
      const header = detection.columns[field];
      const at = header === undefined ? -1 : detection.headers.indexOf(header);
      return at < 0 ? [] : [at];
    });
    if (!columns.length) return;
    const table = PhoneReadings.create(READ_AHEAD_SPELLINGS);
    const { encoding, delimiter, lineEnding } = detection;
    scan = ++scans;
    const { slots, progress } = table;
    const start = { slots, progress, encoding, delimiter, lineEnding, columns, country: ctx.formats.country };
    if (hint(new Uint8Array(0), start)) ctx.readFrom(table);
    else scan = null;
  };
  const readHeld = () => {
    if (!held) return;
    ctx.readAhead?.reading(++chunks);
    read(held);
    held = null;
  };

  /** How many of the file's chunks were taken in from the helper. */
  let fromHelper = 0;
  /**
   * Takes in the helper's parts that follow on, in the file's order, from the byte where this thread stopped
   * (`from`), and returns the byte after them: this thread reads the rest (from the first chunk the helper gave
   * back or did not send). Every row as a reading here would have had it: its identifiers numbered in the order
   * they come, its duplicate found, its report made.
   */
  const takeIn = (parts: PartResult[], from: number) => {
    let at = from;
    const keys = joinCodes(parts.map((p) => p.keys));
    /** The run's number of each identifier the helper numbered (-1: not yet taken in). */
    const runOf = new Int32Array(keys.kinds.length).fill(-1);
    for (const part of parts) {
      if (part.start !== at) break;
      for (const n of part.order)
        if (runOf[n]! < 0) runOf[n] = ctx.numberOfCode(keys.kinds[n]!, keys.codes[n]!, keys.texts[n]!);
      takePart(part, lines!.lines(), runOf);
      lines!.skipLines(part.lines);
      at = part.end;
      fromHelper++;
    }
    return at;
  };
  /** Takes in one part, after `linesBefore` lines, its identifiers by the run's `numbers`. */
  const takePart = (part: PartResult, linesBefore: number, numbers: Int32Array) => {
    const { rows, calls: c, issues } = part;
    if (part.replaced && !replacementSeen && detection.encoding === 'utf-8') replaced();
    let text: string[] | null = null;
    const lineOf = (row: number) => (text ??= split!.textOf(part).split(detection.lineEnding))[row - 1]!;
    for (let i = 0; i < rows.length; i++) {
      const row = linesBefore + rows.row[i]!;
      counted();
      if (rows.hashed[i]) {
        const first = fingerprints.checkHashes(rows.a[i]!, rows.b[i]!, fileIndex, row);
        if (duplicate(row, first, () => lineOf(rows.row[i]!))) continue;
      }
      const k = rows.outcome[i]!;
      if (k >= 0) {
        const imei = c.imei[k]!;
        calls.add(
          numbers[c.caller[k]!]!,
          numbers[c.callee[k]!]!,
          c.start[k]!,
          c.duration[k]!,
          c.type[k]!,
          imei < 0 ? -1 : numbers[imei]!,
          fileIndex,
          row,
        );
        report.rowsUsed++;
      } else {
        report.rowsRejected++;
        sink.issues.push({ ...issues[-k - 1]!, file: detection.file, row });
      }
    }
  };

  return {
    push(bytes: Uint8Array) {
      if (split) return split.push(bytes, read, () => lines!.clean());
      if (scan === undefined) startScan();
      if (scan === null) return read(bytes);
      hint(new Uint8Array(bytes));
      readHeld();
      held = bytes;
    },
    end() {
      if (split) {
        split.end(takeIn, read);
        onSplit?.({ chunks: split.chunks, fromHelper });
      }
      readHeld();
      if (scan) hint(new Uint8Array(0), undefined, true);
      feed(decoder.decode(new Uint8Array(), { stream: false }));
      csv.end();
      settle();
      return report;
    },
    rowsRead: () => report.rowsRead,
  };
}

/**
 * Reads parts of one file on another thread (see split-read.ts), one after another in any order, for the main
 * thread to take in: one context for them all, so that each spelling is read once, and each part says in what
 * order its rows first named their identifiers (rejected rows too: see numberedBeforeReject).
 */
export function createPartReader(detection: Detection, readings: PhoneReadings, rows = 0) {
  const identifiers = new IdentifierNumbers();
  const ctx = createRowContext(detection, identifiers, new SpellingReadings(identifiers));
  // Room for the spellings of the rows it may read, at once (see createFileIngestor).
  ctx.reserveSpellings(rows);
  ctx.readFrom(readings, true);
  /** The part each identifier was last named in (its stamp), and how many identifiers were sent already. */
  let stamps = zeros(Int32Array, 1024);
  let parts = 0;
  const endsFirst = ctx.has('caller') && ctx.has('callee');
  let sent = 0;
  return (bytes: Uint8Array): Omit<PartResult, 'chunk' | 'start' | 'end'> => {
    const part = ++parts;
    const calls = new PartCallColumns();
    const rows = new PartRowColumns();
    const issues: RowIssue[] = [];
    /**
     * The phones each row numbered, in order, by its place among the rows, where that is not its call's caller then
     * callee: a rejected row's (see numberedBeforeReject), and a call's of the monitored number and the other party.
     */
    const numbered: number[][] = [];
    const reader = rowReader(
      detection,
      ctx,
      0,
      () => readCallInto(ctx, calls),
      {
        counted: (row) => rows.add(row),
        fingerprinted(_row, a, b) {
          rows.hash(a, b);
          return false;
        },
        used() {
          rows.outcome[rows.length - 1] = calls.length - 1;
          if (!endsFirst) numbered[rows.length - 1] = numberedBeforeReject(ctx, '');
        },
        rejected(row, raw, column, code, message, read) {
          issues.push(rowIssue(detection.file, row, column, code, message, raw));
          numbered[rows.length - 1] = read ? numberedBeforeReject(ctx, column) : [];
          rows.outcome[rows.length - 1] = -issues.length;
        },
      },
      false,
    );
    const stream = createRowStream(detection, reader.onLine, reader.onRow, { linesBefore: 0 });
    let replaced = false;
    const decoder = createDecoder(detection.encoding);
    const feed = (text: string) => {
      replaced ||= text.includes('\ufffd');
      stream.push(text);
    };
    decodeInSlices(decoder, bytes, feed);
    feed(decoder.decode(new Uint8Array(), { stream: false }));
    stream.end();
    if (!stream.clean()) throw new Error('createPartReader: a line was not read as plain text');
    // The identifiers in the order the part's rows first named them.
    const total = identifiers.keys.length;
    if (stamps.length < total) stamps = resized(stamps, Math.max(total, 2 * stamps.length));
    const order: number[] = [];
    const name = (n: number) => {
      if (n >= 0 && stamps[n] !== part) {
        stamps[n] = part;
        order.push(n);
      }
    };
    for (let i = 0; i < rows.length; i++) {
      const k = rows.outcome[i]!;
      const phones = numbered[i];
      if (phones) phones.forEach(name);
      else {
        name(calls.caller[k]!);
        name(calls.callee[k]!);
      }
      if (k >= 0) name(calls.imei[k]!);
    }
    const keys = identifierCodes(identifiers.keys, sent, total);
    sent = total;
    return {
      lines: stream.lines(),
      order: Int32Array.from(order),
      keys,
      rows: rows.done(),
      calls: calls.done(),
      issues,
      replaced,
    };
  };
}

/** A part's rows as it reads them (see PartRows). */
class PartRowColumns implements PartRows {
  length = 0;
  row = zeros(Int32Array, 4096);
  hashed = zeros(Uint8Array, 4096);
  a = zeros(Int32Array, 4096);
  b = zeros(Int32Array, 4096);
  outcome = zeros(Int32Array, 4096);

  private columns() {
    const { row, hashed, a, b, outcome } = this;
    return { row, hashed, a, b, outcome };
  }

  add(row: number): void {
    if (this.length === this.row.length) Object.assign(this, resizedAll(this.columns(), 2 * this.length));
    this.row[this.length++] = row;
  }

  hash(a: number, b: number): void {
    const k = this.length - 1;
    this.hashed[k] = 1;
    this.a[k] = a;
    this.b[k] = b;
  }

  /** The columns cut to the rows read, to be sent to the main thread. */
  done(): PartRows {
    return { length: this.length, ...cutAll(this.columns(), this.length) };
  }
}

/** A part's calls as readCallInto adds them, by the part's own identifier numbers (see PartCalls). */
class PartCallColumns implements PartCalls {
  length = 0;
  caller = zeros(Int32Array, 4096);
  callee = zeros(Int32Array, 4096);
  start = zeros(Float64Array, 4096);
  duration = zeros(Float64Array, 4096);
  type = zeros(Uint8Array, 4096);
  imei = zeros(Int32Array, 4096);

  private columns() {
    const { caller, callee, start, duration, type, imei } = this;
    return { caller, callee, start, duration, type, imei };
  }

  add(caller: number, callee: number, start: number, duration: number, type: number, imei: number): void {
    const k = this.length;
    if (k === this.caller.length) Object.assign(this, resizedAll(this.columns(), 2 * k));
    this.caller[k] = caller;
    this.callee[k] = callee;
    this.start[k] = start;
    this.duration[k] = duration;
    this.type[k] = type;
    this.imei[k] = imei;
    this.length = k + 1;
  }

  /** The columns cut to the calls read, to be sent to the main thread. */
  done(): PartCalls {
    return { length: this.length, ...cutAll(this.columns(), this.length) };
  }
}

/** Text cut to `max` characters, saying how long it was: a 5 MB cell is not copied into every report. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}

/** Convenience for tests and small inputs: detect and ingest a whole file held in memory. */
export function ingestBytes(
  file: string,
  bytes: Uint8Array,
  sink: IngestSink,
  options: IngestOptions = DEFAULT_INGEST_OPTIONS,
  spec?: FileSpec,
): { detection: Detection; report: FileReport } {
  const detection = detectFile(file, bytes.subarray(0, SNIFF_BYTES), options, spec);
  if (detection.problems.length || !detection.kind) {
    return { detection, report: skippedReport(detection) };
  }
  const ingestor = createFileIngestor(detection, sink);
  ingestor.push(bytes);
  return { detection, report: ingestor.end() };
}

/** A row reader for a detected file: each mapped field at the first column with its header. */
export function createRowContext(
  detection: Detection,
  identifiers?: IdentifierNumbers,
  readings?: SpellingReadings,
): RowContext {
  const indices: Record<string, number> = Object.create(null);
  const headersByField: Record<string, string> = Object.create(null);
  for (const [field, header] of Object.entries(detection.columns)) {
    const index = header === undefined ? -1 : detection.headers.indexOf(header);
    if (index >= 0) {
      indices[field] = index;
      headersByField[field] = header!;
    }
  }
  return new RowContext(indices, headersByField, { ...detection.formats }, identifiers, readings);
}

/** A report with no rows yet, carrying what detection found. */
function emptyReport(detection: Detection): FileReport {
  return {
    file: detection.file,
    kind: detection.kind,
    encoding: detection.encoding,
    delimiter: detection.delimiter,
    dateFormat: detection.formats.dateFormat,
    timeZone: detection.formats.timeZone,
    columns: detection.columns,
    rowsRead: 0,
    rowsUsed: 0,
    rowsRejected: 0,
    duplicates: 0,
    warnings: [...detection.warnings],
  };
}

export function skippedReport(detection: Detection): FileReport {
  return { ...emptyReport(detection), skipped: detection.problems.join('; ') };
}
