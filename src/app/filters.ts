// What the investigator sees: filters (layers, time, weight, communities) and a scope (an ego network or one
// community) turn the case into the visible sets that the view, the lists and the graph exports all share.
import { LINK_LAYERS, type Layer } from '../graph/build';
import { timesOf } from '../graph/provenance';
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
    const e = view.edges[k]!;
    if (!f.layers[e.layer] || e.weight < f.minWeight || !nodeOk(e.source) || !nodeOk(e.target)) return;
    if (byTime) {
      const times = timesOf(view.times, k);
      if (times.length && !anyWithin(times, f.from, f.to)) return;
    }
    const source = inside === null || inside.has(e.source);
    const target = inside === null || inside.has(e.target);
    if (source && target) edges.add(e.key);
    if (source) nodes.add(e.source);
    if (target) nodes.add(e.target);
    if (adjacency) {
      pushTo(adjacency, e.source, e.target);
      pushTo(adjacency, e.target, e.source);
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
    const e = view.edges[k]!;
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
export function activityHistogram(view: CaseView, layers: Record<Layer, boolean>, bins = 60): Histogram | null {
  let min = Infinity;
  let max = -Infinity;
  const { offsets, values } = view.times;
  for (let k = 0; k + 1 < offsets.length; k++)
    if (offsets[k + 1]! > offsets[k]!) {
      min = Math.min(min, values[offsets[k]!]!);
      max = Math.max(max, values[offsets[k + 1]! - 1]!);
    }
  if (!Number.isFinite(min)) return null;
  const width = Math.max(1, Math.ceil((max - min + 1) / bins));
  const counts = new Array<number>(bins).fill(0);
  // By the links' layer column: no pass over the link objects.
  const on = LINK_LAYERS.map((l) => layers[l]);
  const { linkLayers } = view;
  for (let k = 0; k < linkLayers.length; k++) {
    if (!on[linkLayers[k]!]) continue;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++)
      counts[Math.min(bins - 1, Math.floor((values[i]! - min) / width))]!++;
  }
  return { start: min, width, counts };
}

/** Shortest path (fewest links) between two entities over the visible links; null when none. */
export function shortestPath(view: CaseView, visible: Visible, from: string, to: string): string[] | null {
  if (!visible.nodes.has(from) || !visible.nodes.has(to)) return null;
  const adjacency = new Map<string, string[]>();
  forEachLinkTouching(view, visible.nodes, (k) => {
    const e = view.edges[k]!;
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
