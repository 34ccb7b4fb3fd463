// What the investigator sees: filters (layers, time, weight, communities) and a scope (an ego network or one
// community) turn the case into the visible sets that the view, the lists and the graph exports all share.
import { edgeKey, LINK_LAYERS, type Layer } from '../graph/build';
import { timesOf, type LayerActivity } from '../graph/provenance';
import { pushTo } from '../lib/maps';
import type { CaseView } from '../worker/messages';
import { forEachLinkTouching, nodeIndex } from './links';

export interface Filters {
  layers: Record<Layer, boolean>;
  /** UTC ms; ±Infinity when open. */
  from: number;
  to: number;
  minWeight: number;
  /** Communities shown; null shows all. */
  communities: number[] | null;
}

export type Scope = { kind: 'all' } | { kind: 'ego'; node: string; depth: number } | { kind: 'community'; id: number };

export const DEFAULT_FILTERS: Filters = {
  layers: { calls: true, money: true, travel: true, links: true },
  from: -Infinity,
  to: Infinity,
  minWeight: 0,
  communities: null,
};

export interface Visible {
  nodes: Set<string>;
  edges: Set<string>;
}

/** Whether sorted `times` hold a time in [from, to]. */
export function anyWithin(times: ArrayLike<number>, from: number, to: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= to;
}

export function timeFiltered(f: Filters): boolean {
  return f.from > -Infinity || f.to < Infinity;
}

/**
 * Entities and links that pass the filters and lie in the scope, among the entities `within` when given. A link
 * passes when its layer is on, its weight reaches the minimum and (if it has dated rows) one of them falls in the
 * time range; undated links (register rows) are not hidden by time. An entity shows when it has a link that
 * passes, or has no links at all and no filter but communities is set.
 */
export function visibleSets(
  view: CaseView,
  f: Filters,
  scope: Scope = { kind: 'all' },
  within: Set<string> | null = null,
): Visible {
  const index = nodeIndex(view);
  const community = (id: string) => view.nodes[index.get(id)!]!.metrics.community;
  const allowed = f.communities ? new Set(f.communities) : null;
  // Only the drawn part of a large case: a city's million links need not all be held as visible keys, nor all
  // be looked at. An ego network may reach its drawn members through others, so it is traced over everything and
  // cut afterwards.
  const inside = scope.kind === 'ego' ? null : within;
  const nodeOk = (id: string) => !allowed || allowed.has(community(id));
  const byTime = timeFiltered(f);
  const edges = new Set<string>();
  const nodes = new Set<string>();
  // Who is linked to whom, for an ego network only (a city's million links would make two million entries).
  const adjacency = scope.kind === 'ego' ? new Map<string, string[]>() : null;
  forEachLinkTouching(view, inside, (k) => {
    // Each field once: a link on the page reads its fields from columns (edge-columns.ts).
    const e = view.edges.at(k)!;
    const layer = e.layer;
    if (!f.layers[layer] || e.weight < f.minWeight) return;
    const a = e.source;
    const b = e.target;
    if (!nodeOk(a) || !nodeOk(b)) return;
    if (byTime) {
      const times = timesOf(view.times, k);
      if (times.length && !anyWithin(times, f.from, f.to)) return;
    }
    const source = inside === null || inside.has(a);
    const target = inside === null || inside.has(b);
    if (source && target) edges.add(edgeKey(layer, a, b));
    if (source) nodes.add(a);
    if (target) nodes.add(b);
    if (adjacency) {
      pushTo(adjacency, a, b);
      pushTo(adjacency, b, a);
    }
  });
  const plain = !byTime && f.minWeight <= 0 && Object.values(f.layers).every(Boolean);
  if (plain) for (const n of view.nodes) if (nodeOk(n.id) && (inside === null || inside.has(n.id))) nodes.add(n.id);

  if (scope.kind === 'all') return { nodes, edges };
  let keep: Set<string>;
  if (scope.kind === 'community') {
    keep = new Set([...nodes].filter((id) => community(id) === scope.id));
  } else {
    keep = new Set(nodes.has(scope.node) ? [scope.node] : []);
    let frontier = [...keep];
    for (let d = 0; d < scope.depth && frontier.length; d++) {
      const nextFrontier: string[] = [];
      for (const id of frontier)
        for (const other of adjacency!.get(id) ?? [])
          if (!keep.has(other)) {
            keep.add(other);
            nextFrontier.push(other);
          }
      frontier = nextFrontier;
    }
  }
  // The ego network, traced over everything, is cut to the drawn part here (the other scopes already are).
  if (within && inside === null) keep = new Set([...keep].filter((id) => within.has(id)));
  const keptEdges = new Set<string>();
  forEachLinkTouching(view, keep, (k) => {
    const e = view.edges.at(k)!;
    if (keep.has(e.source) && keep.has(e.target) && edges.has(e.key)) keptEdges.add(e.key);
  });
  return { nodes: keep, edges: keptEdges };
}

export interface Histogram {
  start: number;
  /** Bin width in ms. */
  width: number;
  counts: number[];
}

/** Events per bin over the case's whole time span, for the layers switched on. Null when nothing is dated. */
export function activityHistogram(activity: LayerActivity | null, layers: Record<Layer, boolean>): Histogram | null {
  if (!activity) return null;
  const { bins, counts: byLayer } = activity;
  const counts = new Array<number>(bins).fill(0);
  LINK_LAYERS.forEach((layer, code) => {
    if (layers[layer]) for (let i = 0; i < bins; i++) counts[i]! += byLayer[code * bins + i]!;
  });
  return { start: activity.start, width: activity.width, counts };
}

/** How many links each layer has, from the links' layer column (no pass over the link objects). */
export function linksPerLayer(view: CaseView): Record<Layer, number> {
  const byCode = new Array<number>(LINK_LAYERS.length).fill(0);
  const { linkLayers } = view;
  for (let k = 0; k < linkLayers.length; k++) byCode[linkLayers[k]!]!++;
  return Object.fromEntries(LINK_LAYERS.map((l, code) => [l, byCode[code]!])) as Record<Layer, number>;
}

/** Shortest path (fewest links) between two entities over the visible links; null when none. */
export function shortestPath(view: CaseView, visible: Visible, from: string, to: string): string[] | null {
  if (!visible.nodes.has(from) || !visible.nodes.has(to)) return null;
  const adjacency = new Map<string, string[]>();
  forEachLinkTouching(view, visible.nodes, (k) => {
    const e = view.edges.at(k)!;
    if (!visible.edges.has(e.key)) return;
    pushTo(adjacency, e.source, e.target);
    pushTo(adjacency, e.target, e.source);
  });
  const previous = new Map<string, string>([[from, from]]);
  let frontier = [from];
  while (frontier.length && !previous.has(to)) {
    const next: string[] = [];
    for (const id of frontier)
      for (const other of (adjacency.get(id) ?? []).sort())
        if (!previous.has(other)) {
          previous.set(other, id);
          next.push(other);
        }
    frontier = next;
  }
  if (!previous.has(to)) return null;
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path;
}
