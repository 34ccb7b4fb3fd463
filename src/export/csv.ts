// CSV writing that is safe to open in a spreadsheet: no cell can run as a formula.

const RISKY_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Neutralises formula injection (OWASP): a text cell starting with = + - @ tab or CR gets a leading
 * apostrophe, which spreadsheets show as text. Plain negative numbers stay numbers. A phone number such
 * as +447700900123 becomes '+447700900123: still readable, and never turned into 4.47701E+11.
 */
export function safeCell(value: string): string {
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

/** RFC 4180 CSV with CRLF line ends and a header row; every cell made formula-safe. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  const lines = [headers.map((h) => quote(safeCell(h))).join(',')];
  for (const row of rows) lines.push(row.map((c) => quote(safeCell(cellText(c)))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Amounts per currency in words: "900.00 EUR; 120.50 GBP", currencies in order. */
export function formatAmounts(amounts: Record<string, number>, separator = '; '): string {
  return Object.entries(amounts)
    .sort()
    .map(([c, a]) => `${formatNumber(a, 2)} ${c}`)
    .join(separator);
}
