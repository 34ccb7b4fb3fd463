import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDate, parseDateOnly, readDate } from '../../src/ingest/dates';
import { wallTimeToUtc, validateTimeZone } from '../../src/lib/time-zones';

const utc = (s: string) => Date.parse(s);

describe('#parseDate', () => {
  it('should read ISO 8601 with and without offsets', () => {
    expect(parseDate('2024-03-13T14:05:00+01:00', 'iso', 'UTC')).toBe(utc('2024-03-13T13:05:00Z'));
    expect(parseDate('2024-03-13T14:05:00Z', 'iso', 'Europe/London')).toBe(utc('2024-03-13T14:05:00Z'));
    expect(parseDate('2024-07-13 14:05', 'iso', 'Europe/London')).toBe(utc('2024-07-13T13:05:00Z'));
    expect(parseDate('2024-03-13T14:05:00.250+0530', 'iso', 'UTC')).toBe(utc('2024-03-13T08:35:00.250Z'));
  });
  it('should read day-first, month-first, compact and month-name forms', () => {
    expect(parseDate('13/03/2024 14:05:00', 'dmy', 'UTC')).toBe(utc('2024-03-13T14:05:00Z'));
    expect(parseDate('03/13/2024 2:05 PM', 'mdy', 'UTC')).toBe(utc('2024-03-13T14:05:00Z'));
    expect(parseDate('13.03.24', 'dmy', 'UTC')).toBe(utc('2024-03-13T00:00:00Z'));
    expect(parseDate('20240313 1405', 'compact', 'UTC')).toBe(utc('2024-03-13T14:05:00Z'));
    expect(parseDate('13-Mar-2024 14:05', 'dmony', 'UTC')).toBe(utc('2024-03-13T14:05:00Z'));
    expect(parseDate('1710338700', 'epoch', 'UTC')).toBe(utc('2024-03-13T14:05:00Z'));
  });
  it('should reject impossible dates and times', () => {
    expect(parseDate('31/02/2024 10:00', 'dmy', 'UTC')).toBeNull();
    expect(parseDate('2024-13-01', 'iso', 'UTC')).toBeNull();
    expect(parseDate('2024-01-01 25:00', 'iso', 'UTC')).toBeNull();
    expect(parseDate('1800-01-01', 'iso', 'UTC')).toBeNull();
    expect(parseDate('yesterday', 'iso', 'UTC')).toBeNull();
  });
  it('should keep dates of birth as plain dates', () => {
    expect(parseDateOnly('08/09/1987', 'dmy')).toBe('1987-09-08');
  });
});

describe('#detectDateFormat', () => {
  it('should settle day-first from the data', () => {
    const d = detectDateFormat(['01/02/2024 10:00', '13/02/2024 11:00']);
    expect(d).toMatchObject({ format: 'dmy', ambiguous: false });
  });
  it('should settle month-first from the data', () => {
    expect(detectDateFormat(['02/01/2024 10:00', '02/13/2024 11:00'])).toMatchObject({
      format: 'mdy',
      ambiguous: false,
    });
  });
  it('should say when day and month cannot be told apart, and follow the country', () => {
    expect(detectDateFormat(['01/02/2024', '03/04/2024'])).toMatchObject({ format: 'dmy', ambiguous: true });
    expect(detectDateFormat(['01/02/2024', '03/04/2024'], true)).toMatchObject({ format: 'mdy', ambiguous: true });
  });
  it('should detect ISO with offsets and report no format for junk', () => {
    expect(detectDateFormat(['2024-03-13T14:05:00+01:00'])).toMatchObject({ format: 'iso', hasOffset: true });
    expect(detectDateFormat(['soon', 'later'])).toMatchObject({ format: null });
  });
});

describe('#wallTimeToUtc', () => {
  it('should apply summer and winter offsets of a named zone', () => {
    expect(wallTimeToUtc('Europe/London', 2024, 1, 15, 12, 0, 0)).toBe(utc('2024-01-15T12:00:00Z'));
    expect(wallTimeToUtc('Europe/London', 2024, 7, 15, 12, 0, 0)).toBe(utc('2024-07-15T11:00:00Z'));
    expect(wallTimeToUtc('Europe/Bucharest', 2024, 7, 15, 12, 0, 0)).toBe(utc('2024-07-15T09:00:00Z'));
    expect(wallTimeToUtc('+05:30', 2024, 7, 15, 12, 0, 0)).toBe(utc('2024-07-15T06:30:00Z'));
  });
  it('should choose the earlier instant in an autumn overlap', () => {
    expect(wallTimeToUtc('Europe/London', 2024, 10, 27, 1, 30, 0)).toBe(utc('2024-10-27T00:30:00Z'));
  });
  it('should refuse unknown zones', () => {
    expect(() => validateTimeZone('Mars/Olympus')).toThrow(/time: unknown time zone/);
  });
});

describe('#readDate, the usual ISO spelling read by its characters', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  // Components a little outside their ranges too, so that refusals are compared as well as readings.
  const spelling = fc.record({
    y: fc.integer({ min: 1890, max: 2110 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    space: fc.boolean(),
    zone: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
    ),
    tz: fc.constantFrom('UTC', 'Europe/London', 'America/New_York'),
  });
  const day = (p: { y: number; mo: number; d: number; h: number; mi: number; s: number }) =>
    `${String(p.y).padStart(4, '0')}-${two(p.mo)}-${two(p.d)}`;

  it('should read as the regular expression reads the same time written another way', () => {
    fc.assert(
      fc.property(spelling, (p) => {
        const time = `${two(p.h)}:${two(p.mi)}:${two(p.s)}`;
        const usual = `${day(p)}${p.space ? ' ' : 'T'}${time}${p.zone}`;
        // A comma before the time, or a space before the zone, is the expression's to read.
        const other = p.zone ? `${day(p)}T${time} ${p.zone}` : `${day(p)},${time}`;
        expect(readDate(usual, 'iso', p.tz)).toBe(readDate(other, 'iso', p.tz));
      }),
      { numRuns: 2000 },
    );
  });

  it('should give the instant Date.UTC gives, and refuse impossible dates and times', () => {
    fc.assert(
      fc.property(spelling, (p) => {
        const v = `${day(p)}T${two(p.h)}:${two(p.mi)}:${two(p.s)}${p.zone}`;
        const real =
          p.mo >= 1 &&
          p.mo <= 12 &&
          p.d >= 1 &&
          new Date(Date.UTC(2000, p.mo - 1, p.d)).getUTCDate() === p.d &&
          (p.mo !== 2 || p.d !== 29 || new Date(Date.UTC(p.y, 1, 29)).getUTCDate() === 29) &&
          p.h <= 23 &&
          p.mi <= 59 &&
          p.s <= 59;
        const got = readDate(v, 'iso', 'UTC');
        if (!real) {
          expect(got).toBeNull();
          return;
        }
        const offset =
          p.zone === '' || p.zone === 'Z'
            ? 0
            : (p.zone[0] === '-' ? -1 : 1) * (Number(p.zone.slice(1, 3)) * 60 + Number(p.zone.slice(4)));
        const ms = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - offset * 60_000;
        const plausible = ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(2100, 0, 1) && p.y >= 1899 && p.y <= 2100;
        expect(got).toBe(plausible ? ms : 'range');
      }),
      { numRuns: 2000 },
    );
  });
});
