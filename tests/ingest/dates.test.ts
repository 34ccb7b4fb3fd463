import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDate, parseDateOnly } from '../../src/ingest/dates';
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
