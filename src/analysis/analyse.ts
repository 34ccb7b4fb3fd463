// Runs the analyses on a case's links and returns plain mappings: metrics per entity, the ranking with its
// reasons and evidence, and a summary per community. The caller writes them where it needs them.
import { untimed, type StepTimer } from '../lib/timing';
import { interactions, linkLayer, type CaseLinks, type Layer } from '../graph/build';
import type { CaseNetwork } from '../graph/network';
import { DEFAULT_CENTRALITY_OPTIONS, startCentralities, strengths } from './centrality';
import { degreeOf } from './csr';
import { detectCommunities } from './communities';
import type { NodeFeatures, Projection } from './projection';
import { explain, rankNodes } from './ranking';

export interface AnalysisOptions {
  seed: number;
  resolution: number;
  /** Betweenness is exact up to this many nodes, sampled above. */
  exactLimit: number;
  samples: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  seed: 1,
  resolution: 1,
  exactLimit: DEFAULT_CENTRALITY_OPTIONS.exactLimit,
  samples: DEFAULT_CENTRALITY_OPTIONS.samples,
};

export interface NodeMetrics {
  rank: number;
  score: number;
  community: number;
  degree: number;
  strength: number;
  betweenness: number;
  closeness: number;
  eigenvector: number;
  pagerank: number;
  /** 0..1: how much the ranking discounted this entity as a likely service hub. */
  hubPenalty: number;
  features: NodeFeatures;
  why: string;
  /** The stated role ('' when none), its confidence and every stated role with its reasons. */
  role: string;
  roleConfidence: number;
  roleReasons: string;
}

export interface EvidenceLink {
  with: string;
  withLabel: string;
  layer: Layer;
  /** calls: calls + SMS; money: transfers; travel: shared journeys; links: weight. */
  count: number;
  summary: string;
  /** Flat [file, row, …] pairs, as on the edge. */
  sources: number[];
}

export interface CommunitySummary {
  id: number;
  size: number;
  /** Edges of each layer inside the community. */
  layers: Record<Layer, number>;
  /** Top members by score. */
  top: string[];
}

export interface Analysis {
  /** Entity ids, best target first. */
  ranking: string[];
  metrics: Map<string, NodeMetrics>;
  /** The same metrics by place in the links' entity order (`links.ids`): read by place, with no look-up by id. */
  byPlace: NodeMetrics[];
  communities: CommunitySummary[];
  modularity: number;
  betweennessSampled: boolean;
  betweennessSources: number;
  /** Threads that ran betweenness's passes (the result is the same bit for bit either way). */
  betweennessThreads: 1 | 2;
}

const LAYER_ORDER: Layer[] = ['calls', 'money', 'travel', 'links'];

/** What is known of each entity before betweenness is in, by place in the links' entity order (see analyse). */
export interface EarlyAnalysis {
  community: ArrayLike<number>;
  eigenvector: ArrayLike<number>;
  features: readonly NodeFeatures[];
}

/**
 * The analyses on the case's links and their projection (see projection.ts). `meanwhile` is other work of the
 * caller's, run on this thread while the helper thread, if there is one, runs betweenness's passes: it is given
 * what is known by then (communities, the eigenvector and the features, by place in the links' entity order).
 */
export function analyse(
  links: CaseLinks,
  projection: Projection,
  options: Partial<AnalysisOptions> = {},
  time: StepTimer = untimed,
  meanwhile?: (early: EarlyAnalysis) => void,
): Analysis {
  const o = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
  const { ids, features } = projection;
  // The centralities start first: where a helper thread runs, it works on them while this thread runs Louvain.
  const centralities = startCentralities(
    projection.core,
    { exactLimit: o.exactLimit, samples: o.samples, seed: o.seed },
    time,
  );
  const communities = time('louvain', () =>
    detectCommunities(projection.csr, { resolution: o.resolution, seed: o.seed }),
  );
  const strength = strengths(projection.csr);
  // Each entity's metrics, made while the helper still runs the centralities' passes (a city's hundred thousand
  // objects, a quarter of a second), and completed once they are in. The figures still to come start as NaN,
  // so that each field holds a double from the start.
  const metricsAt: NodeMetrics[] = [];
  for (let i = 0; i < ids.length; i++)
    metricsAt.push({
      rank: 0,
      score: NaN,
      community: communities.membership[i]!,
      degree: degreeOf(projection.csr, i),
      strength: strength[i]!,
      betweenness: NaN,
      closeness: NaN,
      eigenvector: NaN,
      pagerank: NaN,
      hubPenalty: NaN,
      features: features[i]!,
      why: '',
      role: '',
      roleConfidence: 0,
      roleReasons: '',
    });
  // Each community's links by layer, which the ranking does not change, also while the helper runs.
  const summaries: CommunitySummary[] = Array.from({ length: communities.count }, (_, id) => ({
    id,
    size: 0,
    layers: { calls: 0, money: 0, travel: 0, links: 0 },
    top: [],
  }));
  const membership = communities.membership;
  for (let k = 0; k < links.size; k++) {
    const ca = membership[links.source[k]!]!;
    if (ca === membership[links.target[k]!]) summaries[ca]!.layers[linkLayer(links, k)]++;
  }
  if (meanwhile) {
    const { eigenvector } = centralities.spectral();
    meanwhile({ community: membership, eigenvector, features });
  }
  const core = centralities.finish();
  const ranked = time('ranking', () => rankNodes(core, features));
  const metrics = new Map<string, NodeMetrics>();
  ranked.forEach((r, position) => {
    const i = r.index;
    const m = metricsAt[i]!;
    m.rank = position + 1;
    m.score = r.score;
    m.betweenness = core.betweenness[i]!;
    m.closeness = core.closeness[i]!;
    m.eigenvector = core.eigenvector[i]!;
    m.pagerank = core.pagerank[i]!;
    m.hubPenalty = r.penalty;
    m.why = explain(r, features[i]!);
    metrics.set(ids[i]!, m);
  });
  const ranking = ranked.map((r) => ids[r.index]!);

  // In rank order, each entity's community by its place (no look-up by id).
  for (const r of ranked) {
    const s = summaries[membership[r.index]!]!;
    s.size++;
    if (s.top.length < 5) s.top.push(ids[r.index]!);
  }
  return {
    ranking,
    metrics,
    byPlace: metricsAt,
    communities: summaries,
    modularity: communities.modularity,
    betweennessSampled: core.sampled,
    betweennessSources: core.sources,
    betweennessThreads: core.threads,
  };
}

/** A link's contact in words: "12 calls (30 min), 3 SMS", "4 transfers, 900.00 EUR". */
export function describeEdge(
  layer: Layer,
  e: {
    calls: number;
    sms: number;
    seconds: number;
    count: number;
    amounts: Record<string, number>;
    trips: number;
    weight: number;
  },
): string {
  switch (layer) {
    case 'calls':
      return `${e.calls} calls (${Math.round(e.seconds / 60)} min), ${e.sms} SMS`;
    case 'money':
      return `${e.count} transfers, ${Object.entries(e.amounts)
        .sort()
        .map(([c, a]) => `${a.toFixed(2)} ${c}`)
        .join(' + ')}`;
    case 'travel':
      return `${e.trips} shared journeys`;
    case 'links':
      return `weight ${e.weight}`;
  }
}

/** The strongest links of an entity with the rows behind them, for a target list or a details panel. */
export function evidenceFor(network: CaseNetwork, id: string, limit = 3): EvidenceLink[] {
  const links: EvidenceLink[] = [];
  for (const { source, target, attributes: e } of network.linksOf(id)) {
    const other = source === id ? target : source;
    const direction = e.layer === 'money' ? (source === id ? 'to ' : 'from ') : '';
    links.push({
      with: other,
      withLabel: network.node(other).label,
      layer: e.layer,
      count: interactions(e),
      summary: `${direction}${describeEdge(e.layer, e)}`,
      sources: e.sources,
    });
  }
  return links
    .sort(
      (a, b) =>
        b.count - a.count || LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) || (a.with < b.with ? -1 : 1),
    )
    .slice(0, limit);
}
