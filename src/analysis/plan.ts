// An arrest plan for a case: the scope (whole network, chosen communities, or the suspects: the top targets and
// the people on the shortest chains between them), whom the plan may not touch (likely victims, innocent hubs,
// the analyst's exclusions), every strategy's fragmentation curve, and the chosen order with its effect.
import type { CaseResult } from './pipeline';
import {
  curve,
  disruptionGraph,
  nextBroker,
  removalOrder,
  STRATEGIES,
  type DisruptionGraph,
  type Measures,
  type Strategy,
} from './disruption';

export type PlanScope = { kind: 'all' } | { kind: 'suspects'; top: number } | { kind: 'communities'; ids: number[] };

export interface PlanSettings {
  budget: number;
  strategy: Strategy;
  scope: PlanScope;
  include: string[];
  exclude: string[];
}

export interface PlanStep {
  step: number;
  id: string;
  measures: Measures;
  /** Who is likely to take over the broken role: the highest betweenness left. */
  nextBroker: string;
}

export interface CasePlan {
  graph: DisruptionGraph;
  /** Nodes in scope, and why some may not be removed. */
  protectedIds: Map<string, string>;
  steps: PlanStep[];
  start: Measures;
  curves: Record<Strategy, Measures[]>;
}

/** The suspects: the top targets and everyone on a shortest chain between two of them. */
function suspects(result: CaseResult, top: number): Set<string> {
  const targets = result.analysis.ranking.slice(0, top);
  const keep = new Set(targets);
  const g = result.graph;
  for (const source of targets) {
    const previous = new Map<string, string>([[source, source]]);
    let frontier = [source];
    while (frontier.length) {
      const next: string[] = [];
      for (const v of frontier)
        for (const w of g.neighbors(v).sort())
          if (!previous.has(w)) {
            previous.set(w, v);
            next.push(w);
          }
      frontier = next;
    }
    for (const t of targets) {
      if (t === source || !previous.has(t)) continue;
      for (let v = t; v !== source; v = previous.get(v)!) keep.add(v);
    }
  }
  return keep;
}

export function planCase(result: CaseResult, s: PlanSettings): CasePlan {
  const { graph, analysis } = result;
  const inScope =
    s.scope.kind === 'all'
      ? null
      : s.scope.kind === 'suspects'
        ? suspects(result, s.scope.top)
        : new Set(
            graph.filterNodes((id) => (s.scope as { ids: number[] }).ids.includes(analysis.metrics.get(id)!.community)),
          );
  const ids = graph.nodes().filter((id) => !inScope || inScope.has(id));
  const scoped = new Set(ids);
  const pairs: [string, string][] = [];
  graph.forEachEdge((_k, _e, a, b) => {
    if (scoped.has(a) && scoped.has(b)) pairs.push([a, b]);
  });
  const g = disruptionGraph(pairs, ids);
  const protectedIds = new Map<string, string>();
  for (const id of ids) {
    const m = analysis.metrics.get(id)!;
    if (m.role === 'victim') protectedIds.set(id, 'likely victim');
    else if (m.role === 'hub') protectedIds.set(id, 'innocent hub');
    else if (s.exclude.includes(id)) protectedIds.set(id, 'excluded by the analyst');
  }
  const allowed = (i: number) => !protectedIds.has(g.ids[i]!);
  const include = s.include.map((id) => g.ids.indexOf(id)).filter((i) => i >= 0 && allowed(i));
  const options = { allowed, include, block: 5 };
  const curves = Object.fromEntries(
    STRATEGIES.map((st) => [st, curve(g, removalOrder(g, st, s.budget, options))]),
  ) as Record<Strategy, Measures[]>;
  const order = removalOrder(g, s.strategy, s.budget, options);
  const measures = curve(g, order);
  const steps = order.map((i, step) => {
    const next = nextBroker(g, order.slice(0, step + 1), allowed);
    return { step: step + 1, id: g.ids[i]!, measures: measures[step + 1]!, nextBroker: next >= 0 ? g.ids[next]! : '' };
  });
  return { graph: g, protectedIds, steps, start: measures[0]!, curves };
}
