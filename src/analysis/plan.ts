// An arrest plan for a case: the scope (whole network, chosen communities, or the suspects: the top targets and
// the people on the shortest chains between them), whom the plan may not touch (likely victims, innocent hubs,
// the analyst's exclusions), every strategy's fragmentation curve, and the chosen order with its effect.
import type { CaseResult } from './pipeline';
import { interactions } from '../graph/build';
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
import { pushTo } from '../lib/maps';

export type PlanScope = { kind: 'all' } | { kind: 'suspects'; top: number } | { kind: 'communities'; ids: number[] };

export interface PlanSettings {
  budget: number;
  strategy: Strategy;
  scope: PlanScope;
  include: string[];
  exclude: string[];
  /** Count hops only; otherwise betweenness reads 1/(contacts between the two) as the distance. */
  unweighted: boolean;
  /** What arresting each entity costs (default 1); the budget is the total. */
  costs?: Record<string, number>;
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

/**
 * Share of the money paid within the scope that can still reach a collecting account (a financier or a mule):
 * a payment counts when neither side is arrested and its payee is a collector or can pass money on to one.
 */
function moneyReach(result: CaseResult, scoped: Set<string>): (removed: string[]) => number {
  const { graph, analysis } = result;
  const payments: { from: string; to: string; amount: number }[] = [];
  graph.forEachEdge((_k, e, from, to) => {
    if (e.layer !== 'money' || !scoped.has(from) || !scoped.has(to)) return;
    payments.push({ from, to, amount: Object.values(e.amounts).reduce((a, b) => a + b, 0) });
  });
  const total = payments.reduce((a, p) => a + p.amount, 0);
  const collectors = [...scoped].filter((id) => ['financier', 'mule'].includes(analysis.metrics.get(id)!.role));
  if (total === 0 || collectors.length === 0) return () => NaN;
  const payersOf = new Map<string, string[]>();
  for (const p of payments) pushTo(payersOf, p.to, p.from);
  return (removed) => {
    const gone = new Set(removed);
    // Who can still reach a collector: walk payments backwards from the collectors still free.
    const reach = new Set(collectors.filter((c) => !gone.has(c)));
    const stack = [...reach];
    while (stack.length) {
      const v = stack.pop()!;
      for (const u of payersOf.get(v) ?? [])
        if (!gone.has(u) && !reach.has(u)) {
          reach.add(u);
          stack.push(u);
        }
    }
    const live = payments.filter((p) => !gone.has(p.from) && reach.has(p.to)).reduce((a, p) => a + p.amount, 0);
    return live / total;
  };
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
  if (!s.unweighted) {
    const index = new Map(g.ids.map((id, i) => [id, i]));
    g.strength = new Map();
    graph.forEachEdge((_k, e, a, b) => {
      const i = index.get(a);
      const j = index.get(b);
      if (i === undefined || j === undefined || i === j) return;
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      g.strength!.set(key, (g.strength!.get(key) ?? 0) + interactions(e));
    });
  }
  const protectedIds = new Map<string, string>();
  for (const id of ids) {
    const m = analysis.metrics.get(id)!;
    if (m.role === 'victim') protectedIds.set(id, 'likely victim');
    else if (m.role === 'hub') protectedIds.set(id, 'innocent hub');
    else if (s.exclude.includes(id)) protectedIds.set(id, 'excluded by the analyst');
  }
  const allowed = (i: number) => !protectedIds.has(g.ids[i]!);
  const include = s.include.map((id) => g.ids.indexOf(id)).filter((i) => i >= 0 && allowed(i));
  const options = { allowed, include, block: 5, cost: (i: number) => s.costs?.[g.ids[i]!] ?? 1 };
  // Each strategy's order once; the optimiser starts from them; curves, money and the plan reuse them.
  const orders: Partial<Record<Strategy, number[]>> = {};
  for (const st of STRATEGIES) if (st !== 'best') orders[st] = removalOrder(g, st, s.budget, options);
  orders.best = removalOrder(g, 'best', s.budget, options, orders);
  // Efficiency is estimated from sampled sources on large scopes: 100 for the curves, 300 for the plan.
  const curves = Object.fromEntries(STRATEGIES.map((st) => [st, curve(g, orders[st]!, 100)])) as Record<
    Strategy,
    Measures[]
  >;
  const order = orders[s.strategy]!;
  const measures = curve(g, order, 300);
  // The money measure needs the case's payments: fill it in on every curve and on the plan.
  const money = moneyReach(result, scoped);
  for (const st of STRATEGIES) {
    const o = orders[st]!.map((i) => g.ids[i]!);
    curves[st].forEach((m, k) => (m.money = money(o.slice(0, k))));
  }
  measures.forEach((m, k) => (m.money = money(order.slice(0, k).map((i) => g.ids[i]!))));
  const steps = order.map((i, step) => {
    const next = nextBroker(g, order.slice(0, step + 1), allowed);
    return { step: step + 1, id: g.ids[i]!, measures: measures[step + 1]!, nextBroker: next >= 0 ? g.ids[next]! : '' };
  });
  return { graph: g, protectedIds, steps, start: measures[0]!, curves };
}
