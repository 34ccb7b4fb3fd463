import { describe, expect, it } from 'vitest';
import { initialFocus } from '../../src/app/focus';
import { caseView, edge, node } from './view-fixture';

describe('#initialFocus', () => {
  it('should show a case that fits whole', () => {
    const f = initialFocus(caseView([node('a', 0, 1), node('b', 0, 2)], [edge('a', 'b')]), 10);
    expect(f.nodes).toBeNull();
    expect(f.description).toMatch(/All 2 entities/);
  });

  it("should open a large case on the top targets' communities and say what is hidden", () => {
    // Community 0: 6 members with the top target; community 1: 6 members; community 2: 30 members.
    const nodes = [
      ...Array.from({ length: 6 }, (_, i) => node(`a${i}`, 0, i === 0 ? 1 : 10 + i)),
      ...Array.from({ length: 6 }, (_, i) => node(`b${i}`, 1, i === 0 ? 2 : 20 + i)),
      ...Array.from({ length: 30 }, (_, i) => node(`c${i}`, 2, 100 + i)),
    ];
    const f = initialFocus(caseView(nodes, []), 15);
    expect([...f.nodes!].sort()).toEqual([...nodes.slice(0, 12).map((n) => n.id)].sort());
    expect(f.description).toMatch(/12 of 42 entities\. 30 are hidden/);
  });

  it('should fall back to the top targets and their contacts when every community is too big', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node(`n${i}`, 0, i + 1));
    const edges = Array.from({ length: 39 }, (_, i) => edge(`n${i}`, `n${i + 1}`));
    const f = initialFocus(caseView(nodes, edges), 20);
    // The top 10 (half the budget) and their neighbours along the chain: n0..n10.
    expect([...f.nodes!].sort()).toEqual(Array.from({ length: 11 }, (_, i) => `n${i}`).sort());
    expect(f.description).toMatch(/top 10 targets and their contacts: 11 of 40 entities/);
  });
});
