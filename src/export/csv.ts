// CSV writing that is safe to open in a spreadsheet: no cell can run as a formula.

const RISKY_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Neutralises formula injection (OWASP): a text cell starting with = + - @ tab or CR gets a leading
 * apostrophe, which spreadsheets show as text. Plain negative numbers stay numbers. A phone number such
 * as +447700900123 becomes '+447700900123: still readable, and never turned into 4.47701E+11.
 */
export function safeCell(value: string): string {
  // Most cells start with none of them: told by one character, before any expression runs (a city's exports
  // have tens of millions of cells).
  const first = value.charCodeAt(0);
  if (!(first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13)) return value;
  return RISKY_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export type Cell = string | number | boolean | null | undefined;

export function formatNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/**
 * Text in chunks: a city-sized export (a GEXF of a million links) is larger than the longest string a JavaScript
 * engine can hold, so exports are written, downloaded and compared chunk by chunk. Chunks are small, 16,384
 * characters and the row that passes that: V8 puts a string of over 128 KB (64K characters where a name has a
 * letter outside Latin-1) in a space of its own, on memory fresh from the system, and on this kind of machine
 * writing fresh memory costs about 4 ms a megabyte. Joining a 1M-row city's 650 MB of exports into 4M-character
 * chunks took 5.5 s; into these, about a tenth of that (the same text, cut at other rows).
 */
export class TextChunks {
  readonly chunks: string[] = [];
  private parts: string[] = [];
  private size = 0;
  /** With `onChunk`, each chunk is handed on as it fills and not kept (`done` then returns none). */
  constructor(
    private readonly limit = 1 << 14,
    private readonly onChunk?: (chunk: string) => void,
  ) {}
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) this.flush();
  }
  done(): string[] {
    this.flush();
    return this.chunks;
  }
  private flush(): void {
    if (this.parts.length) {
      const chunk = this.parts.join('');
      if (this.onChunk) this.onChunk(chunk);
      else this.chunks.push(chunk);
    }
    this.parts = [];
    this.size = 0;
  }
}

/** A cell as CSV text: numbers and booleans as they are (nothing in them can be a formula or need quotes). */
function csvCell(value: Cell): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quote(safeCell(cellText(value)));
}

/**
 * RFC 4180 CSV with CRLF line ends and a header row; every cell made formula-safe; in chunks, handed to
 * `onChunk` as they fill when given (and then none returned).
 */
export function csvChunks(headers: string[], rows: Iterable<Cell[]>, onChunk?: (chunk: string) => void): string[] {
  const out = new TextChunks(undefined, onChunk);
  out.add(headers.map((h) => quote(safeCell(h))).join(',') + '\r\n');
  for (const row of rows) out.add(row.map(csvCell).join(',') + '\r\n');
  return out.done();
}

/** Rows made one at a time as the CSV is written, not all held at once. */
export function* lazily<T>(items: Iterable<T>, row: (item: T) => Cell[]): Generator<Cell[]> {
  for (const item of items) yield row(item);
}

/** The same CSV as one string, for exports that are small by nature (a target list, a plan). */
export function toCsv(headers: string[], rows: Iterable<Cell[]>): string {
  return csvChunks(headers, rows).join('');
}

/** Amounts per currency in words: "900.00 EUR; 120.50 GBP", currencies in order. */
export function formatAmounts(amounts: Record<string, number>, separator = '; '): string {
  return Object.entries(amounts)
    .sort()
    .map(([c, a]) => `${formatNumber(a, 2)} ${c}`)
    .join(separator);
}
