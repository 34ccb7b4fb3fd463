// What the exports read of a case's network: its entities and links with their attributes, from either the
// links' columns (a whole case: no graphology graph is made for the files) or a graphology graph (the part of
// a case the investigator filtered to, or left after privacy took likely victims out).
import type { CaseGraph, CaseLinks, EdgeAttributes, NodeAttributes } from './build';
import { linkAttributes, linkEnds, linkIncidence } from './build';

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
    const { key, source, target, directed } = linkEnds(links, k);
    return { key, source, target, directed, attributes: linkAttributes(links, k) };
  };
  // Each entity's links (from either end), made the first time one entity's links are asked for.
  let incidence: ReturnType<typeof linkIncidence> | null = null;
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
      const { offsets, link: list } = (incidence ??= linkIncidence(links));
      return Array.from(list.subarray(offsets[i]!, offsets[i + 1]!), link);
    },
  };
}

/**
 * `network` without the entities in `dropped` and every link at either end of one, read through the network
 * itself: no graph is built (likely victims left out of a city's exports). Links and nodes keep their order.
 */
export function networkWithout(network: CaseNetwork, dropped: ReadonlySet<string>): CaseNetwork {
  const keeps = (id: string) => !dropped.has(id);
  const kept = (l: NetworkLink) => keeps(l.source) && keeps(l.target);
  let size: number | undefined;
  return {
    order: network.nodes().filter(keeps).length,
    get size() {
      if (size === undefined) {
        size = 0;
        for (const l of network.links()) if (kept(l)) size++;
      }
      return size;
    },
    hasNode: (id) => keeps(id) && network.hasNode(id),
    node: (id) => {
      if (!keeps(id)) throw new Error(`no entity ${id}`);
      return network.node(id);
    },
    nodes: () => network.nodes().filter(keeps),
    *links() {
      for (const l of network.links()) if (kept(l)) yield l;
    },
    linksOf: (id) => (keeps(id) ? network.linksOf(id).filter(kept) : []),
  };
}
