import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc, zoneOffsetMinutes, zoneOffsets } from '../../src/lib/time-zones';

describe('#isoUtc', () => {
  it('should write any instant exactly as toISOString does', () => {
    const edges = [
      0,
      -1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      Date.UTC(2024, 11, 31, 23, 59, 59, 5),
      1.5,
      -8.64e15,
      8.64e15,
    ];
    for (const ms of edges) expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => isoUtc(ms) === new Date(ms).toISOString()),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1899, 0, 1), max: Date.UTC(2101, 0, 1) }),
        (ms) => isoUtc(ms) === new Date(ms).toISOString(),
      ),
      { numRuns: 20_000 },
    );
  });
});

// The oracle: Intl's "GMT+05:45" for the instant, read independently of the code under test.
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
const oracle = (zone: string, t: number): number => {
  let format = oracleFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    oracleFormats.set(zone, format);
  }
  const name = format.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)!;
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};

describe('#zoneOffsets', () => {
  it('should give the offsets of summer and winter time, and of a fixed offset', () => {
    const london = zoneOffsets('Europe/London');
    expect(london(Date.UTC(2024, 6, 1, 12))).toBe(60);
    expect(london(Date.UTC(2024, 0, 1, 12))).toBe(0);
    // The clocks went back at 01:00 UTC on 27 October 2024.
    expect(london(Date.UTC(2024, 9, 27, 0, 59, 59))).toBe(60);
    expect(london(Date.UTC(2024, 9, 27, 1))).toBe(0);
    expect(zoneOffsets('+05:30')(Date.UTC(2024, 0, 1))).toBe(330);
  });

  it("should agree at any instant with Intl's own offset for the zone", () => {
    const zones = ['Europe/London', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    const readers = zones.map((zone) => zoneOffsets(zone));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: zones.length - 1 }),
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2060, 0, 1) }),
        (z, t) => readers[z]!(t) === oracle(zones[z]!, t) && zoneOffsetMinutes(zones[z]!, t) === readers[z]!(t),
      ),
      { numRuns: 2000 },
    );
  });

  it('should give the offset of every minute around each change of offset, as Intl does', () => {
    // Offsets are kept by hour, and by quarter hour only in an hour with a change: the minutes around the changes
    // are where a wrong hour would show. The changes are found by Intl's own offsets, a day apart.
    const zones = ['Europe/London', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];
    const DAY = 86_400_000;
    let changes = 0;
    for (const zone of zones) {
      const reader = zoneOffsets(zone);
      for (let day = Date.UTC(1985, 0, 1); day < Date.UTC(2026, 0, 1); day += DAY) {
        if (oracle(zone, day) === oracle(zone, day + DAY)) continue;
        changes++;
        for (let t = day; t <= day + DAY; t += 60_000) if (reader(t) !== oracle(zone, t)) expect([zone, t]).toBe(null);
      }
    }
    expect(changes).toBeGreaterThan(150);
  });
});
