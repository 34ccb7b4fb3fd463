import { describe, expect, it } from 'vitest';
import {
  activityHistogram,
  anyWithin,
  DEFAULT_FILTERS,
  linksPerLayer,
  shortestPath,
  visibleSets,
  type Filters,
  type Scope,
} from '../../src/app/filters';
import { caseView, edge, node } from './view-fixture';
import { layerActivity, timesOf } from '../../src/graph/provenance';

// a - b - c - d in community 0 (calls), d -> e money in community 1, f alone.
const view = caseView(
  [node('a', 0, 1), node('b', 0, 2), node('c', 0, 3), node('d', 0, 4), node('e', 1, 5), node('f', 2, 6)],
  [edge('a', 'b', 'calls', 5), edge('b', 'c', 'calls', 1), edge('c', 'd', 'calls', 2), edge('d', 'e', 'money', 3)],
  { 'calls|a|b': [100, 200], 'calls|b|c': [500], 'calls|c|d': [], 'money|d|e': [300, 900] },
);
const filters = (f: Partial<Filters>): Filters => ({ ...DEFAULT_FILTERS, ...f });

describe('#anyWithin', () => {
  it('should find a time inside the range, inclusive at both ends', () => {
    expect(anyWithin([1, 5, 9], 5, 5)).toBe(true);
    expect(anyWithin([1, 5, 9], 6, 8)).toBe(false);
    expect(anyWithin([1, 5, 9], 9, 100)).toBe(true);
    expect(anyWithin([], -Infinity, Infinity)).toBe(false);
  });
});

describe('#visibleSets', () => {
  it('should show everything, isolated entities included, with no filter', () => {
    const v = visibleSets(view, DEFAULT_FILTERS);
    expect(v.nodes.size).toBe(6);
    expect(v.edges.size).toBe(4);
  });

  it('should hide a layer and the entities left without links', () => {
    const v = visibleSets(view, filters({ layers: { ...DEFAULT_FILTERS.layers, money: false } }));
    expect([...v.edges].sort()).toEqual(['calls|a|b', 'calls|b|c', 'calls|c|d']);
    expect(v.nodes.has('e')).toBe(false);
    expect(v.nodes.has('f')).toBe(false);
  });

  it('should keep links with a row in the time range, and undated links', () => {
    const v = visibleSets(view, filters({ from: 150, to: 350 }));
    expect([...v.edges].sort()).toEqual(['calls|a|b', 'calls|c|d', 'money|d|e']);
    expect(v.nodes.has('b')).toBe(true);
  });

  it('should apply a minimum weight and a community selection', () => {
    expect([...visibleSets(view, filters({ minWeight: 3 })).edges].sort()).toEqual(['calls|a|b', 'money|d|e']);
    const only0 = visibleSets(view, filters({ communities: [0] }));
    expect([...only0.nodes].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(only0.edges.has('money|d|e')).toBe(false);
  });

  it('should narrow to an ego network of a given depth, or to one community', () => {
    const ego1 = visibleSets(view, DEFAULT_FILTERS, { kind: 'ego', node: 'b', depth: 1 });
    expect([...ego1.nodes].sort()).toEqual(['a', 'b', 'c']);
    expect([...ego1.edges].sort()).toEqual(['calls|a|b', 'calls|b|c']);
    const ego2 = visibleSets(view, DEFAULT_FILTERS, { kind: 'ego', node: 'b', depth: 2 });
    expect([...ego2.nodes].sort()).toEqual(['a', 'b', 'c', 'd']);
    const community = visibleSets(view, DEFAULT_FILTERS, { kind: 'community', id: 1 });
    expect([...community.nodes]).toEqual(['e']);
    expect(community.edges.size).toBe(0);
  });
});

describe('#activityHistogram', () => {
  it('should give, within a drawn part, exactly what it gives for the whole case cut to that part', () => {
    const cut = (v: { nodes: Set<string>; edges: Set<string> }, within: Set<string>) => {
      const nodes = new Set([...v.nodes].filter((id) => within.has(id)));
      const edges = [...view.edges]
        .filter((e) => v.edges.has(e.key) && nodes.has(e.source) && nodes.has(e.target))
        .map((e) => e.key);
      return { nodes: [...nodes].sort(), edges: edges.sort() };
    };
    const sorted = (v: { nodes: Set<string>; edges: Set<string> }) => ({
      nodes: [...v.nodes].sort(),
      edges: [...v.edges].sort(),
    });
    const cases: Partial<Filters>[] = [
      {},
      { layers: { ...DEFAULT_FILTERS.layers, money: false } },
      { minWeight: 2 },
      { from: 150, to: 600 },
      { communities: [0] },
    ];
    const scopes: Scope[] = [
      { kind: 'all' },
      { kind: 'community', id: 0 },
      { kind: 'ego', node: 'b', depth: 1 },
      { kind: 'ego', node: 'a', depth: 3 },
    ];
    const parts = [
      new Set(['a', 'b', 'c']),
      new Set(['a', 'd']),
      new Set(['d', 'e', 'f']),
      new Set(['b']),
      new Set<string>(),
    ];
    let compared = 0;
    for (const f of cases)
      for (const scope of scopes)
        for (const within of parts) {
          const whole = visibleSets(view, filters(f), scope);
          expect(sorted(visibleSets(view, filters(f), scope, within))).toEqual(cut(whole, within));
          compared++;
        }
    expect(compared).toBe(100);
    // A drawn entity whose visible links all leave the drawn part still shows: d, through its call with c.
    const v = visibleSets(
      view,
      filters({ layers: { ...DEFAULT_FILTERS.layers, money: false } }),
      { kind: 'all' },
      new Set(['d', 'e']),
    );
    expect(sorted(v)).toEqual({ nodes: ['d'], edges: [] });
  });

  it('should count the events of the layers switched on, over the whole span', () => {
    const activity = layerActivity(view.times, view.linkLayers, 4);
    const h = activityHistogram(activity, DEFAULT_FILTERS.layers)!;
    expect(h.start).toBe(100);
    expect(h.counts.reduce((a, b) => a + b)).toBe(5);
    const calls = activityHistogram(activity, { ...DEFAULT_FILTERS.layers, money: false })!;
    expect(calls.counts.reduce((a, b) => a + b)).toBe(3);
    // Bin by bin, as each event of each link of a layer switched on falls, counted one by one.
    for (const layers of [DEFAULT_FILTERS.layers, { ...DEFAULT_FILTERS.layers, money: false }]) {
      const got = activityHistogram(activity, layers)!;
      const expected = [0, 0, 0, 0];
      [...view.edges].forEach((e, k) => {
        if (!layers[e.layer]) return;
        for (const t of timesOf(view.times, k)) expected[Math.min(3, Math.floor((t - got.start) / got.width))]!++;
      });
      expect(got.counts).toEqual(expected);
      expect(got.start + 4 * got.width).toBeGreaterThan(Math.max(...view.times.values));
    }
  });

  it('should count the links of each layer', () => {
    expect(linksPerLayer(view)).toEqual({ calls: 3, money: 1, travel: 0, links: 0 });
  });

  it('should say there is nothing to draw when no row is dated', () => {
    expect(activityHistogram(caseView([node('a', 0, 1)], []).activity, DEFAULT_FILTERS.layers)).toBeNull();
  });
});

describe('#shortestPath', () => {
  it('should find the fewest links between two entities over the visible links', () => {
    const all = visibleSets(view, DEFAULT_FILTERS);
    expect(shortestPath(view, all, 'a', 'e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shortestPath(view, all, 'a', 'f')).toBeNull();
    const noMoney = visibleSets(view, filters({ layers: { ...DEFAULT_FILTERS.layers, money: false } }));
    expect(shortestPath(view, noMoney, 'a', 'e')).toBeNull();
  });
});
