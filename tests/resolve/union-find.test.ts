import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from '../../src/resolve/union-find';

/** The groups by a plain search over the pairs joined: the reference for the union-find. */
function componentsOf(keys: string[], pairs: [string, string][]): string[][] {
  const next = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const [a, b] of pairs) {
    next.get(a)!.push(b);
    next.get(b)!.push(a);
  }
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const k of keys) {
    if (seen.has(k)) continue;
    const group = [k];
    seen.add(k);
    for (let i = 0; i < group.length; i++) {
      for (const n of next.get(group[i]!)!) {
        if (seen.has(n)) continue;
        seen.add(n);
        group.push(n);
      }
    }
    out.push(group.sort());
  }
  return out.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('UnionFind', () => {
  it('should group keys as the pairs joined them, each group sorted, in order of their first key', () => {
    const uf = new UnionFind();
    for (const k of ['tel:3', 'tel:1', 'acct:9', 'tel:2', 'doc:A']) uf.add(k);
    uf.union('tel:1', 'acct:9');
    uf.union('doc:A', 'tel:1');
    expect(uf.groups()).toEqual([['acct:9', 'doc:A', 'tel:1'], ['tel:2'], ['tel:3']]);
  });

  it('should find the same groups as a plain search, for any keys and pairs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
        (keys, picks) => {
          const pairs = picks.map(([a, b]) => [keys[a % keys.length]!, keys[b % keys.length]!] as [string, string]);
          const uf = new UnionFind();
          for (const k of keys) uf.add(k);
          for (const [a, b] of pairs) uf.union(a, b);
          expect(uf.groups()).toEqual(componentsOf(keys, pairs));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('should number a seed’s keys as the seed does, and keys beyond it after them, with the same groups', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.nat(40),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
        fc.option(fc.array(fc.nat(), { maxLength: 40 })),
        (keys, seeded, picks, widePicks) => {
          const seedKeys = keys.slice(0, seeded);
          // With a wider numbering (a run's identifiers): the seed's keys and some others, in another order.
          const wideKeys =
            widePicks &&
            [...new Set([...widePicks.map((w) => keys[w % keys.length]!), ...seedKeys])].sort((a, b) =>
              a < b ? 1 : -1,
            );
          const seed = {
            identifiers: seedKeys,
            numberOf: (k: string) => seedKeys.indexOf(k),
            ...(wideKeys && {
              wideNumberOf: (k: string) => wideKeys.indexOf(k),
              numberOfWide: (w: number) => seedKeys.indexOf(wideKeys[w]!),
            }),
          };
          const pairs = picks.map(([a, b]) => [keys[a % keys.length]!, keys[b % keys.length]!] as [string, string]);
          // Keys added by their wide numbers (a record's, see addWide) are numbered as when added by their text.
          const byWide = new UnionFind(seed);
          const wideOf = (k: string) => (wideKeys ? wideKeys.indexOf(k) : -1);
          for (const k of keys) expect(byWide.addWide(wideOf(k), k)).toBe(keys.indexOf(k));
          for (const k of keys) expect(byWide.addWide(wideOf(k), k)).toBe(keys.indexOf(k));
          for (const k of keys)
            expect(byWide.numberOfWide(wideOf(k))).toBe(wideKeys?.includes(k) ? keys.indexOf(k) : -1);
          const uf = new UnionFind(seed);
          for (const k of keys) expect(uf.add(k)).toBe(keys.indexOf(k));
          for (const k of keys) expect(uf.add(k)).toBe(keys.indexOf(k));
          for (const k of keys) expect(uf.numberOf(k)).toBe(keys.indexOf(k));
          expect(uf.keyList()).toEqual(keys);
          expect(uf.numberOf('not a key: longer than four')).toBe(-1);
          for (const [a, b] of pairs) uf.union(a, b);
          expect(uf.groups()).toEqual(componentsOf(keys, pairs));
          // By number: the same groups, in the order of their first-numbered keys, each with its root.
          const roots: number[] = [];
          const byNumber = uf.groupsByNumber(roots);
          expect([...byNumber].sort((a, b) => (a[0]! < b[0]! ? -1 : 1))).toEqual(uf.groups());
          const firsts = byNumber.map((g) => Math.min(...g.map((k) => keys.indexOf(k))));
          expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
          byNumber.forEach((g, i) => g.forEach((k) => expect(uf.root(keys.indexOf(k))).toBe(roots[i])));
          // As numbers: the same groups in the same order, each in number order, every key once.
          const numbered = uf.numberGroups();
          expect(Array.from(numbered.roots)).toEqual(roots);
          expect(numbered.start[numbered.roots.length]).toBe(keys.length);
          byNumber.forEach((g, i) => {
            const members = Array.from(numbered.members.subarray(numbered.start[i], numbered.start[i + 1]));
            expect(members).toEqual([...members].sort((a, b) => a - b));
            expect(members.map((m) => keys[m]!).sort()).toEqual(g);
            for (const m of members) expect(numbered.groupOf[m]).toBe(i);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
