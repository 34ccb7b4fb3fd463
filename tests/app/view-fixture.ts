// Small hand-made case views for the app's pure modules.
import { DEFAULT_CASE_SETTINGS } from '../../src/analysis/pipeline';
import { LINK_LAYERS, type Layer } from '../../src/graph/build';
import type { CaseView, ViewEdge, ViewNode } from '../../src/worker/messages';
import { layerActivity, type EdgeTimes } from '../../src/graph/provenance';

export function node(id: string, community: number, rank: number, extra: Partial<ViewNode> = {}): ViewNode {
  return {
    id,
    kind: 'person',
    label: id.toUpperCase(),
    identifiers: [id],
    names: [],
    firstSeen: 0,
    lastSeen: 0,
    metrics: {
      rank,
      score: 1 / rank,
      community,
      degree: 1,
      strength: 1,
      betweenness: 0,
      closeness: 0,
      eigenvector: 0,
      pagerank: 0,
      hubPenalty: 0,
      why: '',
      role: '',
      roleConfidence: 0,
      roleReasons: '',
      serviceLikeness: 0,
    },
    ...extra,
  };
}

export function edge(source: string, target: string, layer: Layer = 'calls', weight = 1): ViewEdge {
  return {
    key: `${layer}|${source}|${target}`,
    source,
    target,
    directed: layer === 'money',
    layer,
    weight,
    rows: weight,
    first: 0,
    last: 0,
  };
}

/** Event times by link key, laid out as the worker sends them (in the order of `edges`). */
function timesFor(edges: ViewEdge[], byKey: Record<string, number[]>): EdgeTimes {
  const offsets = new Int32Array(edges.length + 1);
  const values: number[] = [];
  edges.forEach((e, k) => {
    values.push(...[...(byKey[e.key] ?? [])].sort((a, b) => a - b));
    offsets[k + 1] = values.length;
  });
  return { offsets, values: Float64Array.from(values) };
}

/** Each entity's links, from both ends, by their places in `edges`, ascending: the rule the worker follows. */
export function incidenceOf(nodes: ViewNode[], edges: ViewEdge[]): CaseView['incidence'] {
  const lists = nodes.map((n) => edges.flatMap((e, k) => (e.source === n.id || e.target === n.id ? [k] : [])));
  const offsets = new Int32Array(nodes.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
  return { offsets, link: Int32Array.from(lists.flat()) };
}

export function caseView(nodes: ViewNode[], edges: ViewEdge[], times: Record<string, number[]> = {}): CaseView {
  return {
    files: [],
    settings: { ...DEFAULT_CASE_SETTINGS },
    inputs: [],
    mappings: {},
    nodes,
    edges,
    counts: { nodes: nodes.length, edges: edges.length, merges: 0 },
    ranking: [...nodes].sort((a, b) => a.metrics.rank - b.metrics.rank).map((n) => n.id),
    protection: [],
    findings: [],
    communities: [],
    modularity: 0,
    betweenness: 'exact',
    times: timesFor(edges, times),
    incidence: incidenceOf(nodes, edges),
    linkLayers: Uint8Array.from(edges, (e) => LINK_LAYERS.indexOf(e.layer)),
    maxWeight: Math.max(1, ...edges.map((e) => e.weight)),
    activity: layerActivity(
      timesFor(edges, times),
      Uint8Array.from(edges, (e) => LINK_LAYERS.indexOf(e.layer)),
    ),
    issues: [],
    issueCount: 0,
    outputs: [],
  };
}
