// Entities cross to the page as columns and are read back through getters: what the page reads must be what the
// worker held, field for field, whatever the texts hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeColumns, nodesFromColumns, plainNode } from '../../src/worker/node-columns';
import type { ViewNode } from '../../src/worker/messages';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const node: fc.Arbitrary<ViewNode> = fc
  .record({
    id: text,
    kind: fc.constantFrom('person', 'phone', 'account', 'organisation'),
    label: text,
    identifiers: fc.array(text, { maxLength: 5 }),
    names: fc.array(text, { maxLength: 3 }),
    dob: fc.option(text, { nil: undefined }),
    nationality: fc.option(text, { nil: undefined }),
    firstSeen: fc.double(),
    lastSeen: fc.double(),
    metrics: fc.record({
      rank: fc.nat(),
      score: fc.double(),
      community: fc.integer({ min: -1, max: 1000 }),
      degree: fc.nat(),
      strength: fc.double({ min: 0, noNaN: true }),
      betweenness: fc.double(),
      closeness: fc.double(),
      eigenvector: fc.double(),
      pagerank: fc.double(),
      hubPenalty: fc.double({ min: 0, max: 1 }),
      why: text,
      role: fc.constantFrom('', 'leader', 'victim', 'hub'),
      roleConfidence: fc.double({ min: 0, max: 1 }),
      roleReasons: text,
      serviceLikeness: fc.double({ min: 0, max: 1 }),
    }),
  })
  // Plain objects (fast-check makes them without a prototype); an absent optional field left out, as the worker
  // leaves it out.
  .map((n) => {
    const out: ViewNode = { ...n, metrics: { ...n.metrics } };
    if (n.dob === undefined) delete out.dob;
    if (n.nationality === undefined) delete out.nationality;
    return out;
  });

describe('nodeColumns / nodesFromColumns', () => {
  it('should give back every field of every entity of a slice, as the worker held it', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 12 }), fc.nat(14), fc.nat(14), (nodes, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const read = nodesFromColumns(structuredClone(nodeColumns(nodes, from, to)));
        expect(read.map(plainNode)).toStrictEqual(nodes.slice(from, to));
      }),
    );
  });

  it("should read an entity's metrics from the same columns, and its texts apart however they are spelled", () => {
    const n: ViewNode = {
      id: 'ref:K1',
      kind: 'person',
      label: 'Maria Ţurcanu',
      identifiers: ['ref:K1', '', 'tel:+447700900521'],
      names: ['Maria Ţurcanu', 'TURCANU, Maria\u0000'],
      nationality: 'MDA',
      firstSeen: 1704500150000,
      lastSeen: 1719289889000,
      metrics: {
        rank: 2,
        score: 0.5,
        community: 7,
        degree: 12,
        strength: 40,
        betweenness: 1930.962,
        closeness: 0.147,
        eigenvector: 1.6e-34,
        pagerank: 0.0001,
        hubPenalty: 0,
        why: 'heavy, repeated two-way contact',
        role: 'controller',
        roleConfidence: 0.8,
        roleReasons: 'calls 3 likely victims regularly',
        serviceLikeness: 0.1,
      },
    };
    const [read] = nodesFromColumns(nodeColumns([n], 0, 1));
    expect(read!.metrics.community).toBe(7);
    expect(read!.metrics.role).toBe('controller');
    expect(read!.identifiers).toEqual(['ref:K1', '', 'tel:+447700900521']);
    expect(read!.names).toEqual(['Maria Ţurcanu', 'TURCANU, Maria\u0000']);
    expect(read!.dob).toBeUndefined();
    expect(read!.nationality).toBe('MDA');
    expect(read!.metrics.why).toBe('heavy, repeated two-way contact');
  });
});
