import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLinkTouching, linksTouching } from '../../src/app/links';
import { caseView, edge, node } from './view-fixture';

/** A random case: up to 12 entities, up to 40 links between them (parallel links of different layers included). */
const cases = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      links: fc.array(
        fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('calls', 'money', 'travel') as fc.Arbitrary<'calls'>),
        { maxLength: 40 },
      ),
      part: fc.array(fc.nat(n + 2), { maxLength: n + 3 }),
    }),
  )
  .map(({ n, links, part }) => {
    const ids = Array.from({ length: n }, (_, i) => `e${i}`);
    const seen = new Set<string>();
    const edges = links
      .filter(([a, b]) => a !== b)
      .map(([a, b, layer]) => edge(ids[a]!, ids[b]!, layer))
      .filter((e) => !seen.has(e.key) && seen.add(e.key));
    // The part may name entities the case does not hold (`e${n}`…): they touch nothing.
    return {
      view: caseView(
        ids.map((id, i) => node(id, 0, i + 1)),
        edges,
      ),
      part: part.map((i) => `e${i}`),
    };
  });

describe('#linksTouching', () => {
  it('should give the places of the links with an end in the part, ascending, each once', () => {
    fc.assert(
      fc.property(cases, ({ view, part }) => {
        const inPart = new Set(part);
        const expected = [...view.edges].flatMap((e, k) => (inPart.has(e.source) || inPart.has(e.target) ? [k] : []));
        expect([...linksTouching(view, part)]).toEqual(expected);
      }),
    );
  });
});

describe('#forEachLinkTouching', () => {
  it('should visit every link for no part, and stop when the visitor says so', () => {
    fc.assert(
      fc.property(cases, fc.nat(5), ({ view, part }, stopAfter) => {
        const all: number[] = [];
        forEachLinkTouching(view, null, (k) => void all.push(k));
        expect(all).toEqual([...view.edges].map((_, k) => k));
        const some: number[] = [];
        forEachLinkTouching(view, part, (k) => (some.push(k), some.length <= stopAfter));
        expect(some).toEqual([...linksTouching(view, part)].slice(0, stopAfter + 1));
      }),
    );
  });
});
