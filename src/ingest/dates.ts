// Date-time formats detected by scanning a column's values, and parsed to UTC milliseconds.
import { parseFixedOffset, wallTimeToUtc } from '../lib/time-zones';

/**
 * Format families. `dmy`/`mdy` accept `/ . -` separators, 2- or 4-digit years and an optional
 * `HH:MM[:SS]` (with AM/PM); `iso` is ISO 8601 with an optional offset; `ymd` is `yyyy/mm/dd HH:MM:SS`;
 * `compact` is `yyyymmdd[ HHMM[SS]]`; `dmony` is `03-Mar-2024 14:05`; `epoch` is Unix seconds or milliseconds.
 */
export const DATE_FORMATS = ['iso', 'ymd', 'dmy', 'mdy', 'compact', 'dmony', 'epoch'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'ISO 8601 (yyyy-mm-ddTHH:MM:SS, optional offset)',
  ymd: 'yyyy/mm/dd HH:MM:SS',
  dmy: 'dd/mm/yyyy HH:MM:SS',
  mdy: 'mm/dd/yyyy HH:MM:SS',
  compact: 'yyyymmdd HHMMSS',
  dmony: 'dd-Mon-yyyy HH:MM',
  epoch: 'Unix time (seconds or milliseconds)',
};

const TIME = String.raw`(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?`;
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const RE = {
  iso: new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})` + TIME + ZONE + '$'),
  ymd: new RegExp(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})` + TIME + ZONE + '$'),
  dm: new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})` + TIME + ZONE + '$'),
  compact: /^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$/,
  dmony: new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4}|\d{2})` + TIME + ZONE + '$'),
  epoch: /^\d{9,10}(?:\.\d+)?$|^\d{12,13}$/,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  zone: string | undefined;
  /** The zone's offset from UTC in minutes, where the reading has it already (then `zone` is not read). */
  offset?: number;
}

function year(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y >= 70 ? 1900 + y : 2000 + y) : y;
}

function withTime(y: number, mo: number, d: number, m: RegExpExecArray, at: number): Parts | null {
  let h = m[at] === undefined ? 0 : Number(m[at]);
  const mi = m[at + 1] === undefined ? 0 : Number(m[at + 1]);
  const s = m[at + 2] === undefined ? 0 : Number(m[at + 2]);
  const frac = m[at + 3];
  const ampm = m[at + 4];
  if (ampm) {
    if (h < 1 || h > 12) return null;
    const pm = /^p/i.test(ampm);
    h = (h % 12) + (pm ? 12 : 0);
  }
  const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0;
  return { y, mo, d, h, mi, s, ms, zone: m[at + 5] };
}

/** The `n` digits of `v` from `at` as a number, or -1 when one of them is not an ASCII digit. */
function digitsAt(v: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const c = v.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    x = x * 10 + c;
  }
  return x;
}

/**
 * The usual spelling of an ISO time, `2024-06-25T14:08:24` (or with a space) with no zone, `Z` or `+01:00`, read
 * by its characters; null for any other, which the regular expression reads. A call file has one on every row,
 * and the expression's match (ten groups, each a string) cost more than the rest of the date's reading.
 */
function isoParts(v: string): Parts | null {
  const length = v.length;
  if (length !== 19 && length !== 20 && length !== 25) return null;
  const sep = v.charCodeAt(10);
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32)) return null;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  const y = digitsAt(v, 0, 4);
  const mo = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  const h = digitsAt(v, 11, 2);
  const mi = digitsAt(v, 14, 2);
  const s = digitsAt(v, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
  // The offset in minutes, as parseFixedOffset reads `Z` and `+01:00`: no string is made of it.
  let offset: number | undefined;
  if (length === 20) {
    if (v.charCodeAt(19) !== 90) return null;
    offset = 0;
  } else if (length === 25) {
    const sign = v.charCodeAt(19);
    const oh = digitsAt(v, 20, 2);
    const om = digitsAt(v, 23, 2);
    if ((sign !== 43 && sign !== 45) || v.charCodeAt(22) !== 58 || oh < 0 || om < 0) return null;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  }
  return { y, mo, d, h, mi, s, ms: 0, zone: undefined, offset };
}

function parts(value: string, format: DateFormat): Parts | null {
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      if (value.length >= 19) {
        const read = isoParts(value);
        if (read) return read;
      }
      m = RE.iso.exec(value);
      return m && withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
    case 'ymd':
      m = RE.ymd.exec(value);
      return m && withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
    case 'dmy':
      m = RE.dm.exec(value);
      return m && withTime(year(m[4]!), Number(m[3]), Number(m[1]), m, 5);
    case 'mdy':
      m = RE.dm.exec(value);
      return m && withTime(year(m[4]!), Number(m[1]), Number(m[3]), m, 5);
    case 'compact':
      m = RE.compact.exec(value);
      if (!m) return null;
      return {
        y: Number(m[1]),
        mo: Number(m[2]),
        d: Number(m[3]),
        h: m[4] === undefined ? 0 : Number(m[4]),
        mi: m[5] === undefined ? 0 : Number(m[5]),
        s: m[6] === undefined ? 0 : Number(m[6]),
        ms: 0,
        zone: undefined,
      };
    case 'dmony': {
      m = RE.dmony.exec(value);
      if (!m) return null;
      const mo = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
      return mo === 0 ? null : withTime(year(m[3]!), mo, Number(m[1]), m, 4);
    }
    case 'epoch':
      return null;
  }
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1–12) of year `y`, Gregorian (as Date.UTC counts them). */
function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return MONTH_DAYS[mo - 1]!;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Plausible evidence dates: 1900 to 2100. Anything else is a typo or a placeholder. */
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
export const PLAUSIBLE_YEARS = '1900–2099';

/**
 * Reads `value` in `format`: UTC milliseconds, 'range' for a well-formed date outside 1900–2099, or null when
 * the value does not fit the format at all.
 */
export function readDate(value: string, format: DateFormat, zone: string): number | 'range' | null {
  const v = value.trim();
  if (format === 'epoch') {
    if (!RE.epoch.test(v)) return /^-?\d+(\.\d+)?$/.test(v) ? 'range' : null;
    const n = Number(v);
    const ms = v.length >= 12 && !v.includes('.') ? n : n * 1000;
    return ms >= MIN_MS && ms < MAX_MS ? Math.round(ms) : 'range';
  }
  const p = parts(v, format);
  if (!p) return null;
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.mo)) return null;
  if (p.h > 23 || p.mi > 59 || p.s > 59) return null;
  // Checked before Date.UTC, which would read years 0–99 as 1900–1999.
  if (p.y < 1899 || p.y > 2100) return 'range';
  let ms: number;
  if (p.offset !== undefined || p.zone !== undefined) {
    const naive = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
    ms = naive - (p.offset ?? parseFixedOffset(p.zone!)!) * 60000;
  } else {
    ms = wallTimeToUtc(zone, p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms);
  }
  return ms >= MIN_MS && ms < MAX_MS ? ms : 'range';
}

/**
 * Parses `value` in `format` to UTC milliseconds. A value with its own offset uses it; otherwise the
 * wall time is read in `zone` (IANA name or fixed offset). Returns null when the value does not fit or
 * falls outside 1900–2099.
 */
export function parseDate(value: string, format: DateFormat, zone: string): number | null {
  const ms = readDate(value, format, zone);
  return typeof ms === 'number' ? ms : null;
}

export interface DateDetection {
  format: DateFormat | null;
  /** True when the values fit more than one reading (day-first and month-first) and a default was chosen. */
  ambiguous: boolean;
  /** Whether any value carries its own offset. */
  hasOffset: boolean;
  note: string;
}

/**
 * Chooses the format that reads the most sample values (ties: the order of DATE_FORMATS). Day-first and
 * month-first are settled by the data (a first field over 12 means day-first); when every value fits
 * both, `monthFirst` (from the country) chooses and the result says it is ambiguous.
 */
export function detectDateFormat(samples: string[], monthFirst = false): DateDetection {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return { format: null, ambiguous: false, hasOffset: false, note: 'no values to judge' };
  let best: DateFormat | null = null;
  let bestCount = 0;
  const counts = new Map<DateFormat, number>();
  for (const format of DATE_FORMATS) {
    const n = values.filter((v) => parseDate(v, format, 'UTC') !== null).length;
    counts.set(format, n);
    if (n > bestCount) {
      best = format;
      bestCount = n;
    }
  }
  const hasOffset = values.some((v) => /(Z|[+-]\d{2}:?\d{2}|UTC|GMT)$/.test(v) && !RE.epoch.test(v));
  // Half the sample suffices: the rows a format cannot read are rejected one by one, with their reason.
  if (best === null || bestCount < Math.ceil(values.length * 0.5)) {
    return {
      format: null,
      ambiguous: false,
      hasOffset,
      note: `no known date format reads ${values.length - bestCount} of ${values.length} sample values`,
    };
  }
  if (best === 'dmy' || best === 'mdy') {
    const dmy = counts.get('dmy')!;
    const mdy = counts.get('mdy')!;
    if (dmy === mdy) {
      const format: DateFormat = monthFirst ? 'mdy' : 'dmy';
      return {
        format,
        ambiguous: true,
        hasOffset,
        note: `every sample date reads both day-first and month-first; assumed ${DATE_FORMAT_LABELS[format]}`,
      };
    }
    best = dmy > mdy ? 'dmy' : 'mdy';
  }
  return {
    format: best,
    ambiguous: false,
    hasOffset,
    note: `${bestCount} of ${values.length} sample values read as ${DATE_FORMAT_LABELS[best]}`,
  };
}

/** Dates of birth: kept as `yyyy-mm-dd`, no time zone. */
export function parseDateOnly(value: string, format: DateFormat): string | null {
  const ms = parseDate(value, format, 'UTC');
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}
