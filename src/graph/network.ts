// What the exports read of a case's network: its entities and links with their attributes, from either the
// links' columns (a whole case: no graphology graph is made for the files) or a graphology graph (the part of
// a case the investigator filtered to, or left after privacy took likely victims out).
import type { CaseGraph, CaseLinks, EdgeAttributes, NodeAttributes } from './build';
import { edgeKey, linkAttributes, linkLayer } from './build';

export interface NetworkLink {
  key: string;
  source: string;
  target: string;
  directed: boolean;
  attributes: EdgeAttributes;
}

export interface CaseNetwork {
  readonly order: number;
  readonly size: number;
  hasNode(id: string): boolean;
  node(id: string): NodeAttributes;
  /** Entity ids, sorted. */
  nodes(): string[];
  /** Every link, in the order of its key (`layer|source|target`). */
  links(): Iterable<NetworkLink>;
  /** The links of one entity, in no set order. */
  linksOf(id: string): NetworkLink[];
}

export function graphNetwork(graph: CaseGraph): CaseNetwork {
  const link = (key: string): NetworkLink => ({
    key,
    source: graph.source(key),
    target: graph.target(key),
    directed: graph.isDirected(key),
    attributes: graph.getEdgeAttributes(key),
  });
  return {
    order: graph.order,
    size: graph.size,
    hasNode: (id) => graph.hasNode(id),
    node: (id) => graph.getNodeAttributes(id),
    nodes: () => graph.nodes().sort(),
    links: () => graph.edges().sort().map(link),
    linksOf: (id) => graph.edges(id).map(link),
  };
}

/** The links' columns as a network: links are made one at a time as they are read, never all held. */
export function linksNetwork(links: CaseLinks): CaseNetwork {
  const link = (k: number): NetworkLink => {
    const source = links.ids[links.source[k]!]!;
    const target = links.ids[links.target[k]!]!;
    const layer = linkLayer(links, k);
    return {
      key: edgeKey(layer, source, target),
      source,
      target,
      directed: layer === 'money',
      attributes: linkAttributes(links, k),
    };
  };
  // Each entity's links (from either end), made the first time one entity's links are asked for.
  let incidence: { offsets: Int32Array; links: Int32Array } | null = null;
  const incidenceOf = () => {
    if (incidence) return incidence;
    const n = links.ids.length;
    const offsets = new Int32Array(n + 1);
    for (let k = 0; k < links.size; k++) {
      offsets[links.source[k]! + 1]!++;
      offsets[links.target[k]! + 1]!++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, n);
    const list = new Int32Array(offsets[n]!);
    for (let k = 0; k < links.size; k++) {
      list[fill[links.source[k]!]!++] = k;
      list[fill[links.target[k]!]!++] = k;
    }
    return (incidence = { offsets, links: list });
  };
  return {
    order: links.ids.length,
    size: links.size,
    hasNode: (id) => links.index.has(id),
    node: (id) => {
      const i = links.index.get(id);
      if (i === undefined) throw new Error(`no entity ${id}`);
      return links.nodes[i]!;
    },
    nodes: () => [...links.ids],
    *links() {
      for (let k = 0; k < links.size; k++) yield link(k);
    },
    linksOf: (id) => {
      const i = links.index.get(id);
      if (i === undefined) return [];
      const { offsets, links: list } = incidenceOf();
      return Array.from(list.subarray(offsets[i]!, offsets[i + 1]!), link);
    },
  };
}
