// The ranked target list: who to look at first, why, and the rows that show it.
import { evidenceFor, type EvidenceLink, type NodeMetrics } from '../analysis/analyse';
import type { CaseResult } from '../analysis/pipeline';
import { formatSources } from './sources';
import { toCsv } from './csv';

/** A target row: the entity's metrics (rounded for export) with its identity and the evidence behind it. */
export interface Target extends Omit<NodeMetrics, 'features'> {
  id: string;
  label: string;
  kind: string;
  identifiers: string[];
  evidence: (Omit<EvidenceLink, 'sources'> & { sources: string })[];
  /** Patterns led by this entity, each with its rows. */
  patterns: { kind: string; summary: string; sources: string }[];
  /** Set by an analyst in the app: kept at the top of the list whatever its score. */
  pinned: boolean;
  note: string;
}

/** An analyst's edits to the list: its order (pinned first), removals and notes. Absent: the ranking's top N. */
export interface TargetOverrides {
  /** Entity ids in the order to list them; replaces the top N. */
  order?: string[];
  pinned?: string[];
  notes?: Record<string, string>;
}

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function buildTargets(
  result: CaseResult,
  files: string[],
  top: number,
  overrides: TargetOverrides = {},
): Target[] {
  const { analysis, network } = result;
  const pinned = new Set(overrides.pinned ?? []);
  const ids = (overrides.order ?? analysis.ranking.slice(0, top)).filter(
    (id) => analysis.metrics.has(id) && network.hasNode(id),
  );
  return ids.map((id) => {
    const m = analysis.metrics.get(id)!;
    const node = network.node(id);
    return {
      rank: m.rank,
      id,
      label: node.label,
      kind: node.kind,
      identifiers: node.identifiers,
      community: m.community,
      score: round(m.score),
      degree: m.degree,
      strength: round(m.strength),
      betweenness: round(m.betweenness),
      closeness: round(m.closeness),
      eigenvector: round(m.eigenvector),
      pagerank: round(m.pagerank),
      hubPenalty: round(m.hubPenalty),
      why: m.why,
      role: m.role,
      roleConfidence: m.roleConfidence,
      roleReasons: m.roleReasons,
      evidence: evidenceFor(network, id).map((e) => ({ ...e, sources: formatSources(e.sources, files, 10) })),
      patterns: result.findings
        .filter((f) => f.entities[0] === id)
        .map((f) => ({ kind: f.kind, summary: f.summary, sources: formatSources(f.evidence, files, 10) })),
      pinned: pinned.has(id),
      note: overrides.notes?.[id] ?? '',
    };
  });
}

/** Links and their rows in one cell: "calls with X (id): 12 calls (30 min), 3 SMS [calls.csv:2,5] | …". */
export function evidenceText(
  links: { layer: string; withLabel: string; with: string; summary: string; sources: string }[],
) {
  return links.map((e) => `${e.layer} with ${e.withLabel} (${e.with}): ${e.summary} [${e.sources}]`).join(' | ');
}

/** The measures nodes.csv and targets.csv both carry, in this order. */
export const METRIC_COLUMNS = [
  'degree',
  'strength',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'hub_penalty',
  'role',
  'role_confidence',
];

export function metricCells(
  m: Pick<
    NodeMetrics,
    | 'degree'
    | 'strength'
    | 'betweenness'
    | 'closeness'
    | 'eigenvector'
    | 'pagerank'
    | 'hubPenalty'
    | 'role'
    | 'roleConfidence'
  >,
): (string | number)[] {
  return [
    m.degree,
    m.strength,
    m.betweenness,
    m.closeness,
    m.eigenvector,
    m.pagerank,
    m.hubPenalty,
    m.role,
    m.role ? m.roleConfidence : '',
  ];
}

export const TARGET_COLUMNS = [
  'rank',
  'id',
  'label',
  'kind',
  'identifiers',
  'community',
  'score',
  ...METRIC_COLUMNS,
  'why',
  'evidence',
  'patterns',
  'pinned',
  'note',
];

export function targetsCsv(targets: Target[]): string {
  return toCsv(
    TARGET_COLUMNS,
    targets.map((t) => [
      t.rank,
      t.id,
      t.label,
      t.kind,
      t.identifiers.join(';'),
      t.community,
      t.score,
      ...metricCells(t),
      t.why,
      evidenceText(t.evidence),
      t.patterns.map((p) => `${p.kind}: ${p.summary} [${p.sources}]`).join(' | '),
      t.pinned ? 'yes' : '',
      t.note,
    ]),
  );
}

export function targetsJson(targets: Target[], meta: { version: string; seed: number }): string {
  return JSON.stringify({ version: meta.version, seed: meta.seed, targets }, null, 2) + '\n';
}
