// The part of a case an investigator has filtered to, as a case of its own for the graph exports.
import Graph from 'graphology';
import type { CaseGraph, EdgeAttributes, NodeAttributes } from './build';

/** A copy of `graph` with only the given edges and their endpoints, plus any listed nodes left without edges. */
export function subgraph(graph: CaseGraph, nodes: Iterable<string>, edges: Iterable<string>): CaseGraph {
  const out: CaseGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'mixed', multi: true });
  const add = (id: string) => {
    if (graph.hasNode(id) && !out.hasNode(id)) out.addNode(id, graph.getNodeAttributes(id));
  };
  for (const id of nodes) add(id);
  for (const key of edges) {
    if (!graph.hasEdge(key)) continue;
    const [s, t] = graph.extremities(key);
    add(s);
    add(t);
    if (graph.isDirected(key)) out.addDirectedEdgeWithKey(key, s, t, graph.getEdgeAttributes(key));
    else out.addUndirectedEdgeWithKey(key, s, t, graph.getEdgeAttributes(key));
  }
  return out;
}
