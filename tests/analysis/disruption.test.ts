// Disruption strategies against the published Montagna figures (Cavallaro et al. 2020; see the fixture's README).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curve, disruptionGraph, measure, removalOrder, STRATEGIES } from '../../src/analysis/disruption';

function layer(name: 'meetings' | 'phonecalls') {
  const rows = readFileSync(new URL('../fixtures/montagna/edges_raw.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return disruptionGraph(
    rows
      .map((r) => r.split(','))
      .filter((r) => r[3] === name)
      .map((r) => [r[0]!, r[1]!] as [string, string]),
  );
}

describe('#removalOrder on Montagna', () => {
  const meetings = layer('meetings');
  const phone = layer('phonecalls');

  it('should start from the published graphs', () => {
    expect(meetings.ids).toHaveLength(101);
    expect(measure(meetings, []).lcc).toBe(92);
    expect(measure(meetings, []).components).toBe(5);
    expect(measure(phone, []).lcc).toBe(89);
  });

  it('should reproduce sequential betweenness exactly (LCC after 0–10 arrests)', () => {
    const m = removalOrder(meetings, 'betweenness', 10);
    expect(curve(meetings, m).map((x) => x.lcc)).toEqual([92, 88, 68, 66, 46, 39, 38, 36, 24, 23, 19]);
    expect(m.slice(0, 5).map((i) => meetings.ids[i])).toEqual(['18', '25', '29', '22', '68']);
    const p = removalOrder(phone, 'betweenness', 10);
    expect(curve(phone, p).map((x) => x.lcc)).toEqual([89, 68, 51, 38, 35, 22, 12, 11, 5, 5, 4]);
  });

  it('should reproduce block betweenness (blocks of 5)', () => {
    const m = curve(meetings, removalOrder(meetings, 'block-betweenness', 20));
    expect([0, 5, 10, 15, 20].map((k) => m[k]!.lcc)).toEqual([92, 77, 24, 11, 8]);
    const p = curve(phone, removalOrder(phone, 'block-betweenness', 20));
    expect([0, 5, 10, 15, 20].map((k) => p[k]!.lcc)).toEqual([89, 29, 5, 3, 2]);
  });

  it('should beat the best published strategy at five arrests with the optimiser, and every other strategy', () => {
    for (const [g, published] of [
      [meetings, 39],
      [phone, 22],
    ] as const) {
      const lcc = Object.fromEntries(STRATEGIES.map((s) => [s, measure(g, removalOrder(g, s, 5)).lcc]));
      expect(lcc.best).toBeLessThan(published);
      for (const s of STRATEGIES) expect(lcc.best, s).toBeLessThanOrEqual(lcc[s]!);
    }
  });

  it('should keep to a budget of costs', () => {
    const cost = (i: number) => (meetings.ids[i] === '18' ? 10 : meetings.ids[i] === '68' ? 2 : 1);
    for (const s of STRATEGIES) {
      const order = removalOrder(meetings, s, 5, { allowed: () => true, include: [], block: 5, cost });
      expect(
        order.map((i) => meetings.ids[i]),
        s,
      ).not.toContain('18');
      expect(
        order.reduce((a, i) => a + cost(i), 0),
        s,
      ).toBeLessThanOrEqual(5);
    }
  });

  it('should never remove a node that is not allowed, and remove the included ones first', () => {
    const allowed = (i: number) => meetings.ids[i] !== '18';
    for (const s of STRATEGIES) {
      const order = removalOrder(meetings, s, 5, { allowed, include: [meetings.ids.indexOf('47')], block: 5 });
      expect(
        order.map((i) => meetings.ids[i]),
        s,
      ).not.toContain('18');
      expect(meetings.ids[order[0]!], s).toBe('47');
      expect(order).toHaveLength(5);
    }
  });
});

describe('#removalOrder with tie strengths', () => {
  it('should read 1/strength as distance when the graph is weighted, and hops when not', () => {
    // A square: a–b–c strong (10 contacts each), c–d–a weak (1 each).
    const g = disruptionGraph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'a'],
    ]);
    expect(g.ids[removalOrder(g, 'betweenness', 1)[0]!]).toBe('a'); // all equal by hops: the first
    g.strength = new Map([
      ['0,1', 10],
      ['1,2', 10],
      ['2,3', 1],
      ['0,3', 1],
    ]);
    expect(g.ids[removalOrder(g, 'betweenness', 1)[0]!]).toBe('b'); // every strong a–c path runs through b
  });
});
