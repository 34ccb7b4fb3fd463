// The exports' view of a case's network: from the links' columns, from a graph, and with entities cut out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCase } from '../../src/analysis/pipeline';
import { graphNetwork, linksNetwork, networkWithout, type CaseNetwork } from '../../src/graph/network';
import { subgraph } from '../../src/graph/subgraph';
import { sinkOf } from '../helpers';

const dir = join(__dirname, '../../samples/case');
const sink = sinkOf(
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  ),
);
const result = analyseCase(sink.records);

/** Everything an export can read of a network, in the order it reads it. */
function contents(network: CaseNetwork) {
  const nodes = network.nodes();
  return {
    order: network.order,
    size: network.size,
    nodes: nodes.map((id) => [id, network.node(id)]),
    links: [...network.links()],
    linksOf: nodes.map((id) =>
      network
        .linksOf(id)
        .map((l) => l.key)
        .sort(),
    ),
  };
}

describe('#networkWithout', () => {
  // The likely victims (as privacy leaves them out), and a few of the busiest entities besides.
  const busiest = result.network
    .nodes()
    .sort((a, b) => result.network.linksOf(b).length - result.network.linksOf(a).length)
    .slice(0, 3);
  const dropped = new Set([...result.protection.map((p) => p.id), ...busiest]);

  it('should hold what the graph without those entities holds, in the same order', () => {
    expect(result.protection.length).toBeGreaterThan(0);
    const graph = result.graph;
    const cut = subgraph(
      graph,
      graph.filterNodes((id) => !dropped.has(id)),
      graph.filterEdges((_k, _e, s, t) => !dropped.has(s) && !dropped.has(t)),
    );
    const expected = contents(graphNetwork(cut));
    expect(contents(networkWithout(linksNetwork(result.links), dropped))).toEqual(expected);
    expect(contents(networkWithout(graphNetwork(graph), dropped))).toEqual(expected);
    expect(expected.order).toBe(result.network.order - dropped.size);
  });

  it('should know nothing of an entity cut out, nor of its links', () => {
    const network = networkWithout(result.network, dropped);
    for (const id of dropped) {
      expect(network.hasNode(id)).toBe(false);
      expect(() => network.node(id)).toThrow();
      expect(network.linksOf(id)).toEqual([]);
    }
    for (const l of network.links()) expect(dropped.has(l.source) || dropped.has(l.target)).toBe(false);
  });
});
