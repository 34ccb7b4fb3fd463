// Wall-clock time in a named IANA zone -> UTC, with the platform's Intl data (no network, no tz files).
import { appError } from './errors';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws an AppError unless `zone` is "UTC", a fixed offset like "+02:00", or an IANA name Intl knows. */
export function validateTimeZone(zone: string): void {
  if (parseFixedOffset(zone) !== null) return;
  try {
    formatter(zone);
  } catch {
    throw appError('time', `unknown time zone "${zone}"; expected an IANA name such as "Europe/London", or "+02:00"`);
  }
}

/** "+02:00", "-0530", "+02", "Z", "UTC" -> minutes east of UTC; null when not a fixed offset. */
export function parseFixedOffset(zone: string): number | null {
  // A file writes the same few zones on every row: each is read once.
  let offset = fixedOffsets.get(zone);
  if (offset === undefined) {
    offset = readFixedOffset(zone);
    if (fixedOffsets.size >= 1000) fixedOffsets.clear();
    fixedOffsets.set(zone, offset);
  }
  return offset;
}

const fixedOffsets = new Map<string, number | null>();

function readFixedOffset(zone: string): number | null {
  if (zone === 'Z' || zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'GMT') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Offset (minutes east of UTC) of `zone` at the UTC instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const fixed = parseFixedOffset(zone);
  return fixed !== null ? fixed : offsetAt(zone, bucketsOf(zone), utcMs);
}

/** `zoneOffsetMinutes` of one zone, for a loop over many instants: the zone itself is looked up once. */
export function zoneOffsets(zone: string): (utcMs: number) => number {
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return () => fixed;
  const byBucket = bucketsOf(zone);
  return (utcMs) => offsetAt(zone, byBucket, utcMs);
}

/**
 * A zone's offsets, remembered by hour (numbers as keys: no string is made per look-up). A zone never changes its
 * offset twice within an hour, so an hour whose start and end have the same offset has it throughout: one Intl
 * look-up serves the hour (a year of calls made 35,000 look-ups by quarter hour, half a second). In an hour with
 * a change, the second of the change is found by halving (changes fall on any minute: St John's changed at
 * 00:01 local time until 2011).
 */
interface ZoneOffsets {
  /** The offset in force throughout each hour, or MIXED for an hour with a change in it. */
  hours: Map<number, number>;
  /** The offset at the start of each hour looked at (the end of one hour is the start of the next). */
  starts: Map<number, number>;
  /** The first instant of the new offset, in each hour with a change. */
  changes: Map<number, number>;
}

const MIXED = Number.NaN;
const HOUR_MS = 3_600_000;
const offsetCache = new Map<string, ZoneOffsets>();

function bucketsOf(zone: string): ZoneOffsets {
  let byZone = offsetCache.get(zone);
  if (!byZone) offsetCache.set(zone, (byZone = { hours: new Map(), starts: new Map(), changes: new Map() }));
  return byZone;
}

function offsetAt(zone: string, byZone: ZoneOffsets, utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = byZone.hours.get(hour);
  if (offset === undefined) {
    if (byZone.hours.size > 200_000) {
      byZone.hours.clear();
      byZone.starts.clear();
      byZone.changes.clear();
    }
    const before = hourStart(zone, byZone, hour);
    const after = hourStart(zone, byZone, hour + 1);
    offset = before === after ? before : MIXED;
    byZone.hours.set(hour, offset);
    if (offset !== offset) {
      // The first whole second of `after` (Intl reads an instant to the second).
      let lo = hour * 3600;
      let hi = lo + 3600;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (computeOffset(zone, mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      byZone.changes.set(hour, hi * 1000);
    }
  }
  if (offset === offset) return offset;
  return Math.floor(utcMs / 1000) * 1000 < byZone.changes.get(hour)!
    ? byZone.starts.get(hour)!
    : byZone.starts.get(hour + 1)!;
}

function hourStart(zone: string, byZone: ZoneOffsets, hour: number): number {
  let offset = byZone.starts.get(hour);
  if (offset === undefined) byZone.starts.set(hour, (offset = computeOffset(zone, hour * HOUR_MS)));
  return offset;
}

function computeOffset(zone: string, utcMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * UTC milliseconds of a wall-clock time in `zone`. In a DST gap the time is read with the offset before
 * the change; in a DST overlap the earlier instant is chosen (as most exporting systems write it).
 */
export function wallTimeToUtc(
  zone: string,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms = 0,
): number {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return naive - fixed * 60000;
  // The zone's offsets half a day either side of the wall time are the only two it can have then.
  const before = zoneOffsetMinutes(zone, naive - 43200000);
  const after = zoneOffsetMinutes(zone, naive + 43200000);
  const valid = [before, after]
    .map((offset) => naive - offset * 60000)
    .filter((t) => naive - zoneOffsetMinutes(zone, t) * 60000 === t);
  return valid.length ? Math.min(...valid) : naive - before * 60000;
}

const DAY_MS = 86_400_000;
/** The instants whose years have four digits (1000–9999): toISOString writes other years with a sign. */
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 1), Date.UTC(10_000, 0, 1) - 1] as const;
/** Character codes of an ISO time's digits and signs. */
const [DIGIT, DASH, LETTER_T, COLON, POINT, LETTER_Z] = [48, 45, 84, 58, 46, 90];

/**
 * `new Date(ms).toISOString()`, written by arithmetic (days to a civil date as in Howard Hinnant's
 * "chrono-compatible low-level date algorithms"): an export writes two per link, and the Date object per
 * call took 1.9 s of a million-link export. Other years and fractional instants go to toISOString itself.
 */
export function isoUtc(ms: number): string {
  if (!Number.isInteger(ms) || ms < FOUR_DIGIT_YEARS[0] || ms > FOUR_DIGIT_YEARS[1]) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  // Days since 1970-01-01 to year, month and day, in 400-year eras starting on 1 March.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m < 10 ? m + 3 : m - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // Made at once from its 24 characters: a template of twelve parts made a string of a dozen pieces (and a dozen
  // objects for the collector), which the CSV writer then copied into one before it could look at a character.
  // Two million of them, as a 1M-row city's exports write: 420 ms against 910 ms, with that first look.
  return String.fromCharCode(
    DIGIT + Math.floor(year / 1000),
    DIGIT + (Math.floor(year / 100) % 10),
    DIGIT + (Math.floor(year / 10) % 10),
    DIGIT + (year % 10),
    DASH,
    DIGIT + Math.floor(month / 10),
    DIGIT + (month % 10),
    DASH,
    DIGIT + Math.floor(day / 10),
    DIGIT + (day % 10),
    LETTER_T,
    DIGIT + Math.floor(hour / 10),
    DIGIT + (hour % 10),
    COLON,
    DIGIT + Math.floor(minute / 10),
    DIGIT + (minute % 10),
    COLON,
    DIGIT + Math.floor(second / 10),
    DIGIT + (second % 10),
    POINT,
    DIGIT + Math.floor(milli / 100),
    DIGIT + (Math.floor(milli / 10) % 10),
    DIGIT + (milli % 10),
    LETTER_Z,
  );
}
