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

/** Whether a character can be one that `trim` removes: every such one is below 33 or above 159. */
function maybeSpace(code: number): boolean {
  return code < 33 || code > 159;
}

function quote(value: string): string {
  const n = value.length;
  // Leading or trailing white space is kept by quoting; `trim` itself is asked only where the first or the last
  // character may be one (a city's exports have tens of millions of cells, and few do).
  const spaced = n > 0 && (maybeSpace(value.charCodeAt(0)) || maybeSpace(value.charCodeAt(n - 1)));
  return /[",\r\n]/.test(value) || (spaced && value !== value.trim()) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type Cell = string | number | boolean | null | undefined;

export function formatNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  // Trailing zeros dropped, and the point with them when nothing follows it: what /\.?0+$/ removes, told by the
  // characters (a city's exports write millions of these). A finite number that is not whole is below 1e21, so
  // toFixed writes it with a point.
  const text = fixed(value, digits);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
  if (end < text.length && text.charCodeAt(end - 1) === 46) end--;
  return end === text.length ? text : text.slice(0, end);
}

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

/**
 * `value.toFixed(digits)`, by integer arithmetic where that is sure to give the same text: toFixed is slow in V8
 * (about 200 ns), and a city's exports write millions of metrics. toFixed rounds the exact value of the number
 * times 10^digits to the nearest whole number, a half up; below a million times 10^6 the product in floating
 * point is within 1e-4 of the exact one, so its rounding agrees unless its fraction is near a half, which is
 * left to toFixed.
 */
function fixed(value: number, digits: number): string {
  const abs = Math.abs(value);
  // Other numbers of digits (above 6, or not a whole number 0–6) are toFixed's to read, or to refuse.
  const power = POWERS[digits];
  if (power === undefined || !(abs < 1e6)) return value.toFixed(digits);
  const scaled = abs * power;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  if (Math.abs(fraction - 0.5) < 1e-3) return value.toFixed(digits);
  const n = fraction > 0.5 ? whole + 1 : whole;
  const sign = value < 0 ? '-' : '';
  if (digits === 0) return sign + n;
  const integer = Math.floor(n / power);
  const rest = String(n - integer * power);
  return `${sign}${integer}.${ZEROS[digits - rest.length]}${rest}`;
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
  for (const row of rows) {
    // Cell by cell onto one string: a map and a join made an array and a copy of every row.
    let line = row.length ? csvCell(row[0]) : '';
    for (let i = 1; i < row.length; i++) line += ',' + csvCell(row[i]);
    out.add(line + '\r\n');
  }
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
  // Most links carry no money, and most that do carry one currency.
  const currencies = Object.keys(amounts);
  if (currencies.length === 0) return '';
  if (currencies.length === 1) return `${formatNumber(amounts[currencies[0]!]!, 2)} ${currencies[0]}`;
  return Object.entries(amounts)
    .sort()
    .map(([c, a]) => `${formatNumber(a, 2)} ${c}`)
    .join(separator);
}
