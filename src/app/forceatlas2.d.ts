// Types for the parts of graphology-layout-forceatlas2 that the view's own layout worker uses (the package
// declares only its index and its worker supervisor).
declare module 'graphology-layout-forceatlas2/iterate.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
  /** One iteration of ForceAtlas2 over the node matrix (10 floats a node) and the edge matrix (3 an edge). */
  export default function iterate(
    settings: Required<ForceAtlas2Settings>,
    nodes: Float32Array,
    edges: Float32Array,
  ): void;
}

declare module 'graphology-layout-forceatlas2/defaults.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
  const defaults: Required<ForceAtlas2Settings>;
  export default defaults;
}

declare module 'graphology-layout-forceatlas2/helpers.js' {
  import type Graph from 'graphology';
  import type { Attributes } from 'graphology-types';
  /** The node and edge matrices of a graph, in its node and edge order; a node's mass is 1 + its weighted degree. */
  export function graphToByteArrays(
    graph: Graph,
    getEdgeWeight: (edge: string, attributes: Attributes) => number,
  ): { nodes: Float32Array<ArrayBuffer>; edges: Float32Array<ArrayBuffer> };
}
