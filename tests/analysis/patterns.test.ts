import { describe, expect, it } from 'vitest';
import { findPatterns, startPatterns, type PatternKind } from '../../src/analysis/patterns';
import { resolveEntities } from '../../src/resolve/resolve';
import { sinkOf } from '../helpers';
import { RESOLUTION_RULES, type ResolutionRule } from '../../src/model/types';

const ACCT = {
  a: 'GB82WEST12345698765432',
  b: 'GB33BUKB20201555555555',
  c: 'DE89370400440532013000',
  d: 'FR1420041010050500013M02606',
};

function patterns(files: Record<string, string>, rules: ResolutionRule[] = [...RESOLUTION_RULES]) {
  const { records } = sinkOf(files);
  const resolution = resolveEntities(records, { rules: [...rules], exclude: [] });
  return findPatterns(records, resolution, (id) => id, {
    thresholds: { EUR: 10000 },
    coTravelHours: 12,
    timeZone: 'UTC',
    exclude: new Set(),
  });
}
const kinds = (f: ReturnType<typeof patterns>, kind: PatternKind) => f.filter((x) => x.kind === kind);

describe('#findPatterns', () => {
  it('should find structuring, pass-through, a circular flow and a cross-border leg, with their rows', () => {
    const rows = [
      'date,from,to,amount,currency',
      `2024-03-01,${ACCT.a},${ACCT.b},9500,EUR`,
      `2024-03-02,${ACCT.a},${ACCT.b},9800,EUR`,
      `2024-03-03,${ACCT.a},${ACCT.b},9900,EUR`,
      `2024-03-04,${ACCT.b},${ACCT.c},28000,EUR`,
      `2024-03-06,${ACCT.c},${ACCT.a},5000,EUR`,
      `2024-03-07,${ACCT.a},${ACCT.b},500,EUR`,
    ];
    const f = patterns({ 'bank.csv': rows.join('\n') + '\n' });
    const [structuring] = kinds(f, 'structuring');
    expect(structuring!.entities[0]).toBe(`acct:${ACCT.a}`);
    expect(structuring!.summary).toMatch(/3 transfers just under the EUR 10000 reporting threshold/);
    expect(structuring!.evidence).toEqual([0, 2, 0, 3, 0, 4]);
    const pass = kinds(f, 'pass-through').find((x) => x.entities[0] === `acct:${ACCT.b}`)!;
    expect(pass.summary).toMatch(/passes on 94% of what it receives, typically 1\.0 days after/);
    expect(kinds(f, 'circular-flow')[0]!.entities).toHaveLength(3);
    const border = kinds(f, 'cross-border').map((x) => x.summary);
    expect(border.some((s) => s.includes('(GB)') && s.includes('(DE)'))).toBe(true);
  });

  it('should find fan-in and fan-out over five accounts', () => {
    const payers = Array.from({ length: 5 }, (_, i) => `4000123${i}`); // plain account numbers, not IBANs
    const rows = ['date,from,to,amount,currency', ...payers.map((p) => `2024-03-01,${p},${ACCT.d},100,EUR`)];
    const f = patterns({ 'bank.csv': rows.join('\n') + '\n' });
    expect(kinds(f, 'fan-in')[0]!.entities[0]).toBe(`acct:${ACCT.d}`);
    expect(kinds(f, 'fan-out')).toEqual([]);
  });

  it('should join departures on one service within the window, and find repeated co-travel', () => {
    const rows = [
      'name,service,departure,carrier',
      'ANA POP,W61234,2024-02-01 06:00,W6',
      'ION RUSU,W61234,2024-02-01 09:30,W6',
      'ANA POP,W61234,2024-02-20 06:00,W6',
      'ION RUSU,W61234,2024-02-20 07:00,W6',
      'MARA DUMA,W61234,2024-02-20 05:00,W6',
      'ANA POP,N505,2024-03-01 22:00,FLIXBUS',
      'LIA STAN,N505,2024-03-02 06:00,FLIXBUS',
      'DAN VOICU,N505,2024-03-02 07:00,FLIXBUS',
    ];
    const f = patterns({ 'travel.csv': rows.join('\n') + '\n' });
    const pair = kinds(f, 'repeated-co-travel');
    expect(pair).toHaveLength(1);
    expect(pair[0]!.summary).toMatch(/travelled together 2 times/);
    // Ana's overnight coach (22:00 and 06:00 the next day) counts as one journey: four companions on three trips.
    expect(kinds(f, 'many-companions')[0]!.summary).toMatch(/travelled 3 times with 4 different people/);
  });

  it('should find SIMs sharing a handset, and a new SIM that takes over an old one’s contacts', () => {
    const rows = ['caller,callee,start,duration,imei'];
    const friends = ['07700900101', '07700900102', '07700900103', '07700900104'];
    friends.forEach((f, i) => rows.push(`07700900001,${f},2024-01-0${i + 1} 10:00,60,356938035643809`));
    friends.forEach((f, i) => rows.push(`07700900002,${f},2024-02-0${i + 1} 10:00,60,490154203237518`));
    rows.push('07700900003,07700900101,2024-02-10 10:00,60,490154203237518');
    // With the swap rule off (with it on, resolution joins the two numbers into one person).
    const f = patterns({ 'calls.csv': rows.join('\n') + '\n' }, ['kyc', 'imei', 'document', 'name']);
    const swap = kinds(f, 'sim-swap');
    expect(swap.map((x) => x.entities)).toContainEqual(['tel:+447700900002', 'tel:+447700900001']);
    expect(swap[0]!.summary).toMatch(/4 shared contacts \(similarity 1\.00\)/);
    expect(kinds(f, 'shared-handset')[0]!.summary).toMatch(/^2 SIMs used in handset 49015420323751/);
  });

  it('should find night-time activity and a burst', () => {
    const rows = ['caller,callee,start'];
    for (let d = 1; d <= 20; d++) rows.push(`07700900001,07700900002,2024-01-${String(d).padStart(2, '0')} 02:00`);
    // From 5 a.m. on is not night: rows 22 to 31.
    for (let d = 1; d <= 10; d++) rows.push(`07700900001,07700900006,2024-01-${String(d).padStart(2, '0')} 05:00`);
    for (let k = 0; k < 12; k++) rows.push(`07700900003,07700900004,2024-01-15 ${String(8 + k).padStart(2, '0')}:00`);
    for (let d = 1; d <= 20; d += 3) rows.push(`07700900003,07700900005,2024-01-${String(d).padStart(2, '0')} 12:00`);
    const f = patterns({ 'calls.csv': rows.join('\n') + '\n' });
    const night = kinds(f, 'night-activity').find((x) => x.entities[0] === 'tel:+447700900001')!;
    expect(night.summary).toMatch(/^67% of tel:\+447700900001's 30 calls are between midnight and 5 a\.m\./);
    // Its evidence is its night calls (as file, row pairs), in record order: rows 2 to 21.
    const nightRows = night.evidence.filter((_, i) => i % 2 === 1);
    expect(nightRows.length).toBeGreaterThan(0);
    expect(nightRows).toEqual(Array.from({ length: nightRows.length }, (_, i) => i + 2));
    const burst = kinds(f, 'burst').find((x) => x.entities[0] === 'tel:+447700900003')!;
    expect(burst.summary).toMatch(/12 calls on 2024-01-15/);
  });

  it('should leave out the excluded entities’ money and own call patterns, alike when started before they are known', () => {
    // A service (a remittance shop's account and a taxi firm's line) and a suspect, each with money and night calls.
    const payers = Array.from({ length: 5 }, (_, i) => `4000123${i}`);
    const bank = [
      'date,from,to,amount,currency',
      ...payers.map((p) => `2024-03-01,${p},${ACCT.d},100,EUR`),
      ...payers.map((p) => `2024-03-02,${p},${ACCT.c},100,EUR`),
    ];
    const calls = ['caller,callee,start'];
    for (let d = 1; d <= 12; d++) {
      calls.push(`07700900001,07700900009,2024-01-${String(d).padStart(2, '0')} 02:00`);
      calls.push(`07700900002,07700900008,2024-01-${String(d).padStart(2, '0')} 03:00`);
    }
    const { records } = sinkOf({ 'bank.csv': bank.join('\n') + '\n', 'calls.csv': calls.join('\n') + '\n' });
    const resolution = resolveEntities(records, { rules: [...RESOLUTION_RULES], exclude: [] });
    const options = { thresholds: { EUR: 10000 }, coTravelHours: 12, timeZone: 'UTC' };
    const services = new Set([`acct:${ACCT.d}`, 'tel:+447700900001']);
    const all = findPatterns(records, resolution, (id) => id, { ...options, exclude: new Set() });
    const left = findPatterns(records, resolution, (id) => id, { ...options, exclude: services });
    const main = (f: typeof all, kind: PatternKind) => kinds(f, kind).map((x) => x.entities[0]);
    expect(main(all, 'fan-in').sort()).toEqual([`acct:${ACCT.c}`, `acct:${ACCT.d}`]);
    expect(main(left, 'fan-in')).toEqual([`acct:${ACCT.c}`]);
    // The taxi firm's line is left out of night-time activity; its callee, who is not, keeps hers.
    expect(main(all, 'night-activity')).toContain('tel:+447700900001');
    expect(main(left, 'night-activity')).not.toContain('tel:+447700900001');
    expect(main(left, 'night-activity')).toEqual(expect.arrayContaining(['tel:+447700900002', 'tel:+447700900009']));
    expect(left.length).toBe(all.length - 2);
    // Started before the excluded are known, finished once they are: the same findings, in the same order.
    const started = startPatterns(records, resolution, (id) => id, options);
    expect(started.finish(services)).toEqual(left);
    expect(startPatterns(records, resolution, (id) => id, options).finish(new Set())).toEqual(all);
  });
});
