// The papaparse wrapper: encoding and dialect sniffing, and a push-based row stream that runs the same
// in Node (fed from fs) and in a browser worker (fed from File slices). Never throws on bad data.
import Papa from 'papaparse';
import { FINGERPRINT_A, fingerprintB, stepA, stepB } from './fingerprints';
import { resized } from '../lib/typed';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface EncodingGuess {
  encoding: Encoding;
  bom: boolean;
  note: string;
}

/** Bytes 0x80–0x9F of Windows-1252 (the rest of the code page is Latin-1). Node's own decoder gets these wrong. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
  0x017e, 0x0178,
];

/** Looks at the first bytes of a file: a BOM decides; otherwise valid UTF-8 is UTF-8 and anything else is Windows-1252. */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: true, note: 'UTF-8 byte-order mark' };
  if (head[0] === 0xff && head[1] === 0xfe)
    return { encoding: 'utf-16le', bom: true, note: 'UTF-16LE byte-order mark' };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { encoding: 'utf-16be', bom: true, note: 'UTF-16BE byte-order mark' };
  // A multi-byte character may be cut at the end of the sample: drop up to three trailing bytes before judging.
  let end = head.length;
  for (let back = 0; back < 3 && end > 0 && (head[end - 1]! & 0xc0) === 0x80; back++) end--;
  if (end > 0 && head[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: false, note: 'valid UTF-8' };
  } catch {
    return { encoding: 'windows-1252', bom: false, note: 'not valid UTF-8; read as Windows-1252 (Latin-1)' };
  }
}

export interface TextDecoderLike {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * Bytes decoded at a time. The CLI and the browser read a megabyte at once, but text of a megabyte is a string
 * V8 puts in its large-object space, on memory fresh from the system (dear on this kind of machine; see
 * TextChunks), and papaparse makes another as long when it joins the last partial line to it. Reading the 1M
 * city's call file took about 1 s less in 32 KB slices (9.4-10.0 s against 10.2-12.1 s, alternating runs).
 */
const DECODE_BYTES = 1 << 15;

/** Decodes `bytes` (the next of a stream) a slice at a time, whatever their size, and hands on each text. */
export function decodeInSlices(decoder: TextDecoderLike, bytes: Uint8Array, each: (text: string) => void): void {
  for (let at = 0; at < bytes.length; at += DECODE_BYTES)
    each(decoder.decode(bytes.subarray(at, at + DECODE_BYTES), { stream: true }));
}

/** A streaming decoder for `encoding`; the BOM, if any, is dropped. */
export function createDecoder(encoding: Encoding): TextDecoderLike {
  if (encoding !== 'windows-1252') return new TextDecoder(encoding);
  return {
    decode(bytes: Uint8Array): string {
      let out = '';
      for (let i = 0; i < bytes.length; i += 8192) {
        const slice = bytes.subarray(i, i + 8192);
        const codes = new Array<number>(slice.length);
        for (let j = 0; j < slice.length; j++) {
          const b = slice[j]!;
          codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
        }
        out += String.fromCharCode(...codes);
      }
      return out;
    },
  };
}

export interface Dialect {
  delimiter: Delimiter;
  lineEnding: '\r\n' | '\n' | '\r';
  /** Fields per row in the sample, for the chosen delimiter. */
  fields: number;
  /** False when no delimiter gives the sample a consistent table. */
  confident: boolean;
  note: string;
}

/**
 * Chooses the delimiter that splits the sample's rows into the same number (>1) of fields most often,
 * quotes respected. A tie between delimiters, or no consistent split, is reported as unsure.
 */
export function detectDialect(sample: string): Dialect {
  const lineEnding = /\r\n/.test(sample) ? '\r\n' : /\r/.test(sample) && !/\n/.test(sample) ? '\r' : '\n';
  const scored = DELIMITERS.map((delimiter) => {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 50, newline: lineEnding }).data.filter(
      (r) => !(r.length === 1 && r[0] === ''),
    );
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [n, c] of counts) if (c > modeCount || (c === modeCount && n > mode)) [mode, modeCount] = [n, c];
    const consistency = rows.length ? modeCount / rows.length : 0;
    return { delimiter, fields: mode, consistency, rows: rows.length };
  });
  const usable = scored
    .filter((s) => s.fields > 1)
    .sort((a, b) => b.consistency - a.consistency || b.fields - a.fields);
  const name = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);
  if (usable.length === 0) {
    return {
      delimiter: ',',
      lineEnding,
      fields: 1,
      confident: false,
      note: 'no delimiter splits the rows into columns',
    };
  }
  const [best, second] = usable;
  const tie = second !== undefined && second.consistency === best!.consistency && second.fields === best!.fields;
  // A header that only one delimiter splits settles it even when some data rows are broken.
  const headerSplitters = DELIMITERS.filter(
    (d) => (Papa.parse<string[]>(sample, { delimiter: d, preview: 1, newline: lineEnding }).data[0]?.length ?? 0) > 1,
  );
  const confident =
    (best!.consistency >= 0.8 && !tie) || (headerSplitters.length === 1 && headerSplitters[0] === best!.delimiter);
  return {
    delimiter: best!.delimiter,
    lineEnding,
    fields: best!.fields,
    confident,
    note: confident
      ? `${name(best!.delimiter)} gives ${best!.fields} columns on ${Math.round(best!.consistency * 100)}% of sample rows`
      : tie
        ? `${name(best!.delimiter)} and ${name(second!.delimiter)} both fit the sample`
        : `${name(best!.delimiter)} fits only ${Math.round(best!.consistency * 100)}% of sample rows`,
  };
}

export interface CsvRow {
  /** 1-based record number, the header being 1. */
  row: number;
  fields: string[];
  /** Papaparse's complaint about this row, if any (unbalanced quotes). */
  error?: string;
  /**
   * With an unbalanced quote: the lines its field swallowed after the row's own, one per row. They are
   * numbered as rows (row + 1, row + 2…), so that later rows keep the numbers an editor shows.
   */
  swallowed?: string[];
}

/**
 * The longest record read: no real export has a row of 16 million characters, while an unbalanced quote early
 * in a large file would otherwise make the rest of the file one field, held in memory.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Thrown by the stream when a record runs past MAX_RECORD_CHARS; the reader names the file. */
export class RecordTooLong extends Error {
  constructor(readonly row: number) {
    super(`row ${row} runs past ${MAX_RECORD_CHARS / (1024 * 1024)} million characters without ending`);
  }
}

function isQuoteError(e: Papa.ParseError): boolean {
  return e.code === 'MissingQuotes' || e.code === 'InvalidQuotes';
}

export interface CsvStream {
  push(text: string): void;
  end(): void;
}

/** A row stream (createRowStream) that a caller may stop at a line's end and take up again further on. */
export interface RowStream extends CsvStream {
  /** Whether every line so far has been split here (none handed to papaparse) and none is under way. */
  clean(): boolean;
  /** Lines read so far, blank ones and the header too: the last row's number. */
  lines(): number;
  /** Counts `lines` lines read elsewhere, as if read here: the rows after them keep their numbers. */
  skipLines(lines: number): void;
}

/**
 * A push-based CSV reader: feed decoded text in chunks of any size; `onRow` is called synchronously for
 * every record. Rows are never held together in memory. Built on papaparse's stream reader, which takes
 * any object shaped like a readable stream, in Node and in browsers alike. `rowsBefore`: the records read before
 * the text it is given, for a stream that takes a file up in its middle (at the start of a line).
 */
export function createCsvStream(
  dialect: Pick<Dialect, 'delimiter' | 'lineEnding'>,
  onRow: (row: CsvRow) => void,
  rowsBefore?: number,
): CsvStream {
  type Listener = (arg?: unknown) => void;
  const listeners: Record<string, Listener[]> = { data: [], end: [], error: [] };
  const source = {
    readable: true,
    read: () => null,
    pause: () => undefined,
    resume: () => undefined,
    on(event: string, fn: Listener) {
      (listeners[event] ??= []).push(fn);
      return source;
    },
    removeListener(event: string, fn: Listener) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      return source;
    },
  };
  let row = rowsBefore ?? 0;
  // A byte-order mark is dropped from the start of a file, not from a stream taken up in its middle.
  let first = rowsBefore === undefined;
  // Characters pushed since the last record ended: a bound on the record being read.
  let pending = 0;
  let ended = false;
  // Papaparse catches what `onRow` throws and stops reading; it is rethrown here, never lost with the rest.
  let failure: unknown = null;
  Papa.parse(source as unknown as NodeJS.ReadableStream, {
    delimiter: dialect.delimiter,
    newline: dialect.lineEnding,
    skipEmptyLines: false,
    error(e: unknown) {
      failure ??= e;
    },
    step(results: Papa.ParseStepResult<string[]>) {
      row++;
      ended = true;
      const fields = results.data;
      if (fields.length === 1 && fields[0] === '') return; // blank line: not a record
      const error = results.errors.length ? results.errors.find(isQuoteError) : undefined;
      if (!error) return onRow({ row, fields });
      const lines = fields.join(dialect.delimiter).split(/\r\n|\n|\r/);
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      const at = row;
      row += lines.length - 1;
      onRow({ row: at, fields, error: error.message, swallowed: lines.slice(1) });
    },
  });
  return {
    push(text: string) {
      if (text === '') return;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text === '') return;
      }
      ended = false;
      for (const fn of [...listeners.data!]) fn(text);
      if (failure) throw failure;
      pending = ended ? 0 : pending + text.length;
      if (pending > MAX_RECORD_CHARS) throw new RecordTooLong(row + 1);
    },
    end() {
      for (const fn of [...listeners.end!]) fn();
      if (failure) throw failure;
    },
  };
}

/**
 * A record read by createRowStream without papaparse: a line with no quote in it, split at the delimiter. The
 * object is used again for the next line: read it in the callback.
 */
export interface Line {
  /** The text the line is in, and where it runs (its line ending left out). */
  text: string;
  start: number;
  end: number;
  /** 1-based record number, the header being 1. */
  row: number;
  /** How many fields; field i runs from starts[i] to ends[i] (arrays longer than `count`). */
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** True when the line is printable ASCII alone (space to `~`, and the delimiter). */
  plain: boolean;
  /** The line's fingerprint (see RowFingerprints): the hashes of its text. */
  a: number;
  b: number;
}

export interface RowStreamOptions {
  /** Whether each line's fingerprint is hashed (Line's `a` and `b`; 0 when not). */
  fingerprint?: boolean;
  /**
   * Asked before each line is split: true passes the line by unread (it is counted, and a quote in it hands
   * nothing to papaparse). For a reader that wants some lines only and can afford to misread a quoted field.
   */
  skip?: () => boolean;
  /**
   * For a stream that takes a file up at the start of a line in its middle: the lines before it (its first line
   * is then row `linesBefore + 1`), and a byte-order mark is not dropped there.
   */
  linesBefore?: number;
}

/**
 * A row reader that splits lines itself, handing each as a Line (no strings made), and hands the rest of the file
 * to papaparse (createCsvStream, rows as `onRow` gets them) from the first line with a quote (`"`) in it: a line
 * without one is its fields joined by the delimiter, as papaparse reads it, and a quoted field may run over
 * lines, which papaparse reads. A call file of a million rows took 4 s less read this way than as papaparse's
 * arrays of strings, most of it the rows' fingerprints, which were hashed from the fields' strings.
 */
export function createRowStream(
  dialect: Pick<Dialect, 'delimiter' | 'lineEnding'>,
  onLine: (line: Line) => void,
  onRow: (row: CsvRow) => void,
  { fingerprint = true, skip, linesBefore }: RowStreamOptions = {},
): RowStream {
  const newline = dialect.lineEnding;
  const delimiter = dialect.delimiter.charCodeAt(0);
  let row = linesBefore ?? 0;
  let first = linesBefore === undefined;
  /** The text of the line not yet ended. */
  let carry = '';
  /** Papaparse, reading the file from its first line with a quote. */
  let rest: CsvStream | null = null;
  const line: Line = {
    text: '',
    start: 0,
    end: 0,
    row: 0,
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    plain: true,
    a: 0,
    b: 0,
  };
  /** Reads text[start, end) into `line`; false, having changed nothing, when it holds a quote. */
  const split = (text: string, start: number, end: number): boolean => {
    let { starts, ends } = line;
    let a = fingerprint ? FINGERPRINT_A : 0;
    let b = fingerprint ? fingerprintB(end - start) : 0;
    let count = 0;
    let plain = true;
    starts[0] = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) return false;
      if (fingerprint) {
        a = stepA(a, c);
        b = stepB(b, c);
      }
      if (c === delimiter) {
        ends[count++] = i;
        if (count === starts.length) {
          line.starts = starts = resized(starts, 2 * count);
          line.ends = ends = resized(ends, 2 * count);
        }
        starts[count] = i + 1;
      } else if (c < 32 || c > 126) plain = false;
    }
    ends[count++] = end;
    line.text = text;
    line.start = start;
    line.end = end;
    line.count = count;
    line.plain = plain;
    line.a = a;
    line.b = b;
    return true;
  };
  /** Reads one line; false when papaparse is to read from it on. */
  const take = (text: string, start: number, end: number): boolean => {
    // A blank line is no record, but is counted: later rows keep the numbers an editor shows.
    if (start === end || skip?.()) {
      row++;
      return true;
    }
    if (!split(text, start, end)) return false;
    line.row = ++row;
    onLine(line);
    return true;
  };
  const handOver = (text: string) => {
    rest = createCsvStream(dialect, onRow, row);
    rest.push(text);
  };
  return {
    push(text: string) {
      if (rest) return rest.push(text);
      if (text === '') return;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      // A long line over many pushes is joined once it ends, not searched again at each.
      const ended =
        text.includes(newline) ||
        (newline === '\r\n' && text.charCodeAt(0) === 10 && carry.charCodeAt(carry.length - 1) === 13);
      if (!ended) {
        carry += text;
        if (carry.length > MAX_RECORD_CHARS) throw new RecordTooLong(row + 1);
        return;
      }
      const all = carry === '' ? text : carry + text;
      carry = '';
      let at = 0;
      for (;;) {
        const next = all.indexOf(newline, at);
        if (next < 0) break;
        if (!take(all, at, next)) return handOver(all.slice(at));
        at = next + newline.length;
      }
      carry = all.slice(at);
      if (carry.length > MAX_RECORD_CHARS) throw new RecordTooLong(row + 1);
    },
    end() {
      if (!rest && carry !== '' && !take(carry, 0, carry.length)) handOver(carry);
      carry = '';
      rest?.end();
    },
    clean: () => rest === null && carry === '',
    lines: () => row,
    skipLines(lines: number) {
      if (rest || carry !== '') throw new Error('createRowStream: lines skipped in the middle of a record');
      row += lines;
    },
  };
}
