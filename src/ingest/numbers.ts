// Durations, amounts and weights as exporting systems write them.

/** The longest call or session believed: a week. Longer is a corrupt field, not a call. */
export const MAX_DURATION_SECONDS = 7 * 86400;

/** Amounts from 10^15 up are corrupt fields (and beyond them a float no longer holds cents exactly). */
export const MAX_AMOUNT = 1e15;

/** `125`, `125.0`, `125s`, `02:05`, `0:02:05` -> seconds; null when unreadable, negative or over a week. */
export function parseDuration(raw: string): number | null {
  const s = readDuration(raw);
  return s !== null && s <= MAX_DURATION_SECONDS ? s : null;
}

/**
 * The usual spellings, `125`, `04:17` and `1:04:17`, read by their characters: seconds, null when they cannot be a
 * duration (`04:75`), undefined when the spelling is another, which the regular expressions read. A call file
 * has a duration on every row, and the expressions' matches (with a string per group) cost more than the rest.
 */
function plainDuration(v: string): number | null | undefined {
  const n = v.length;
  if (n === 0 || n > 15) return undefined;
  let value = 0;
  let digits = 0;
  /** The groups before the last (hours and minutes, or minutes), and their digits. */
  let groups = 0;
  let first = 0;
  let second = 0;
  let firstDigits = 0;
  let secondDigits = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 58 && digits > 0 && groups < 2) {
      if (groups === 0) {
        first = value;
        firstDigits = digits;
      } else {
        second = value;
        secondDigits = digits;
      }
      groups++;
      value = 0;
      digits = 0;
    } else return undefined;
  }
  if (groups === 0) return value;
  if (digits !== 2) return undefined;
  if (groups === 1) return firstDigits > 2 ? undefined : value > 59 ? null : first * 60 + value;
  return secondDigits > 2 ? undefined : value > 59 || second > 59 ? null : first * 3600 + second * 60 + value;
}

function readDuration(raw: string): number | null {
  const trimmed = raw.trim();
  const plain = plainDuration(trimmed);
  if (plain !== undefined) return plain;
  const v = trimmed.toLowerCase();
  if (v === '') return null;
  let m = /^(\d+(?:[.,]\d+)?)\s*(s|sec|secs|seconds)?$/.exec(v);
  if (m) return Math.round(Number(m[1]!.replace(',', '.')));
  m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(v);
  if (m) {
    const [h, mi, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
    if (s > 59 || (m[1] !== undefined && mi > 59)) return null;
    return h * 3600 + mi * 60 + s;
  }
  m = /^(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/.exec(v);
  if (m && (m[1] || m[2])) return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return null;
}

export type DecimalSeparator = '.' | ',';

/**
 * Which decimal separator a column uses: `1.234,56` and `12,5` say comma; `1,234.56` and `12.5` say dot.
 * A value like `1,234` fits both and does not vote.
 */
export function detectDecimalSeparator(samples: string[]): { separator: DecimalSeparator; ambiguous: boolean } {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const v = raw.replace(/[^\d.,]/g, '');
    const lastComma = v.lastIndexOf(',');
    const lastDot = v.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (lastComma >= 0 || lastDot >= 0) {
      const mark = lastComma >= 0 ? ',' : '.';
      const count = v.split(mark).length - 1;
      const after = v.length - v.lastIndexOf(mark) - 1;
      // One mark not followed by exactly three digits is a decimal mark; several are thousands marks.
      const vote = count > 1 ? (mark === ',' ? '.' : ',') : after !== 3 ? mark : null;
      if (vote === ',') comma++;
      else if (vote === '.') dot++;
    }
  }
  return { separator: comma > dot ? ',' : '.', ambiguous: comma > 0 && dot > 0 };
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  $: 'USD',
  '¥': 'JPY',
  '₺': 'TRY',
  '₹': 'INR',
  lei: 'RON',
};

export type AmountResult = { ok: true; amount: number; currency?: string } | { ok: false; reason: string };

const SYMBOLS = Object.entries(CURRENCY_SYMBOLS);
const CODE = /(?:^([A-Z]{3})\s*|\s*([A-Z]{3})$)/;
/** An amount's digits, with thousands marks or without, by decimal separator. */
const AMOUNT: Record<DecimalSeparator, RegExp> = {
  ',': /^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/,
  '.': /^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/,
};

/**
 * Whether `v` is the usual spelling, digits with a decimal `separator` or none (`357,55`, `1200`), read by its
 * characters: the expressions below read it as its digits, the separator made a point. A transfers file has
 * one on every row, and the expressions and their strings cost more than the rest of the row.
 */
function isPlainAmount(v: string, separator: DecimalSeparator): boolean {
  const mark = separator.charCodeAt(0);
  let marks = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === mark && i > 0 && i < v.length - 1 && marks === 0) marks++;
    else if (!(c >= 48 && c <= 57)) return false;
  }
  return v.length > 0;
}

/**
 * `1.234,56` (comma file), `1,234.56`, `€1 200`, `1200.00 EUR`, `(50.00)` -> a number and an optional
 * currency written beside it. Negative amounts are kept negative; the adapter decides what they mean.
 */
export function parseAmount(raw: string, separator: DecimalSeparator): AmountResult {
  let v = raw.trim();
  if (isPlainAmount(v, separator)) return amountOf(raw, Number(separator === '.' ? v : v.replace(',', '.')));
  if (v === '') return { ok: false, reason: 'empty amount' };
  let currency: string | undefined;
  const code = CODE.exec(v);
  if (code) {
    currency = code[1] ?? code[2];
    v = v.replace(code[0], '');
  }
  for (const [symbol, iso] of SYMBOLS) {
    if (v.includes(symbol)) {
      currency = iso;
      v = v.replace(symbol, '');
    }
  }
  v = v.trim();
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  if (v.startsWith('-')) {
    negative = true;
    v = v.slice(1);
  } else if (v.endsWith('-')) {
    negative = true;
    v = v.slice(0, -1);
  }
  v = v.replace(/[\s'\u00a0\u202f]/g, '');
  const thousands = separator === ',' ? '.' : ',';
  if (!AMOUNT[separator].test(v)) {
    return { ok: false, reason: `"${raw}" is not an amount (decimal separator "${separator}")` };
  }
  return amountOf(raw, Number(v.split(thousands).join('').replace(separator, '.')), negative, currency);
}

/** The amount read from `raw`, or why it is none. */
function amountOf(raw: string, amount: number, negative = false, currency?: string): AmountResult {
  if (!Number.isFinite(amount)) return { ok: false, reason: `"${raw}" is not a finite amount` };
  if (amount >= MAX_AMOUNT) return { ok: false, reason: `"${raw}" is 10^15 or more: not a real transfer` };
  return { ok: true, amount: negative ? -amount : amount, currency };
}

/** A plain non-negative number (weights); null otherwise. */
export function parseWeight(raw: string): number | null {
  const v = raw.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
