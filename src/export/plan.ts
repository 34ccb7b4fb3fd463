// The arrest plan and the strategies' fragmentation curves as CSV.
import type { CasePlan } from '../analysis/plan';
import type { CaseResult } from '../analysis/pipeline';
import { formatNumber, toCsv } from './csv';

const label = (result: CaseResult, id: string) =>
  id && result.network.hasNode(id) ? result.network.node(id).label : '';

const money = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : formatNumber(x));

/** The plan as CSV; `text` maps names and ids (pseudonyms), identity by default. */
export function planCsv(plan: CasePlan, result: CaseResult, text: (v: string) => string = (v) => v): string {
  const rows = [
    [
      0,
      '',
      '(before any arrest)',
      plan.start.lcc,
      plan.start.components,
      formatNumber(plan.start.pairwise),
      formatNumber(plan.start.efficiency),
      money(plan.start.money),
      '',
      '',
      '',
    ],
    ...plan.steps.map((s) => {
      const m = result.analysis.metrics.get(s.id);
      return [
        s.step,
        s.id,
        label(result, s.id),
        s.measures.lcc,
        s.measures.components,
        formatNumber(s.measures.pairwise),
        formatNumber(s.measures.efficiency),
        money(s.measures.money),
        m?.role ?? '',
        s.nextBroker,
        label(result, s.nextBroker),
      ];
    }),
  ];
  return toCsv(
    [
      'step',
      'id',
      'label',
      'lcc',
      'components',
      'pairwise_connectivity',
      'efficiency',
      'money_reaching_collectors',
      'role',
      'next_broker',
      'next_broker_label',
    ],
    rows.map((row) => row.map((c) => (typeof c === 'string' ? text(c) : c))),
  );
}

export function curvesCsv(plan: CasePlan): string {
  return toCsv(
    ['strategy', 'removed', 'lcc', 'components', 'pairwise_connectivity', 'efficiency', 'money_reaching_collectors'],
    Object.entries(plan.curves).flatMap(([strategy, points]) =>
      points.map((m, removed) => [
        strategy,
        removed,
        m.lcc,
        m.components,
        formatNumber(m.pairwise),
        formatNumber(m.efficiency),
        money(m.money),
      ]),
    ),
  );
}
