// Every file an analysis writes, as name -> text. Pure: the CLI writes them to disk, the app offers downloads.
import type { CaseResult } from '../analysis/pipeline';
import type { CaseOptions } from '../analysis/pipeline';
import type { FileReport } from '../ingest/ingest';
import type { RowIssue } from '../model/types';
import { csvChunks as writeCsv, formatAmounts, lazily } from './csv';
import { gexfChunks } from './gexf';
import { evidenceFor } from '../analysis/analyse';
import { formatSourceRows, formatSources } from './sources';
import {
  buildTargets,
  evidenceText,
  METRIC_COLUMNS,
  metricCells,
  targetsCsv,
  targetsJson,
  type Target,
} from './targets';
import { redaction, type PrivacyOptions, type Redaction } from './privacy';
import type { Cell } from './csv';
import { isoUtc } from '../lib/time-zones';

/** What a privacy export writes instead of a rejected row's text, which may name anyone. */
const WITHHELD_ROW = '[withheld: see the source file at this row]';

export interface RunInput {
  name: string;
  sha256: string;
  bytes: number;
  report: FileReport;
}

export interface RunInfo {
  version: string;
  seed: number;
  top: number;
  country: string;
  timeZone: string;
  options: CaseOptions;
  inputs: RunInput[];
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? isoUtc(ms) : '';
}

export function reconciliation(inputs: RunInput[]) {
  return inputs.map(({ name, report }) => ({
    file: name,
    kind: report.kind,
    read: report.rowsRead,
    used: report.rowsUsed,
    rejected: report.rowsRejected,
    duplicates: report.duplicates,
    reconciles: report.rowsRead === report.rowsUsed + report.rowsRejected + report.duplicates,
    skipped: report.skipped ?? null,
  }));
}

/** Every string inside `value` (arrays and plain objects included) through `text`. */
export function mapStrings<T>(value: T, text: (s: string) => string): T {
  if (typeof value === 'string') return text(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, text)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, text);
    return out as T;
  }
  return value;
}

/** The target list as exported: names and numbers pseudonymised, left-out victims gone from its evidence. */
export function exportedTargets(targets: Target[], r: Redaction): Target[] {
  if (!r.active) return targets;
  return mapStrings(
    targets.map((t) => ({ ...t, evidence: t.evidence.filter((e) => r.keeps(e.with)) })),
    r.text,
  );
}

/** The files of a case's export, in the order they are written; `protection.csv` is left out with the victims. */
export function caseFileNames(privacy: PrivacyOptions = {}): string[] {
  return [
    'targets.csv',
    'targets.json',
    'nodes.csv',
    'edges.csv',
    'communities.csv',
    ...(privacy.withoutVictims ? [] : ['protection.csv']),
    'findings.csv',
    'rejected.csv',
    'merges.csv',
    'graph.gexf',
    'run.json',
  ];
}

/**
 * Every file of a case, named as caseFileNames says, each as its text chunks in order. With `privacy`, names and
 * numbers become keyed pseudonyms and/or likely victims are left out (see privacy.ts); rejected rows then keep
 * their file, row, column and code, never their text.
 */
export function exportCase(
  full: CaseResult,
  files: string[],
  issues: RowIssue[],
  info: RunInfo,
  privacy: PrivacyOptions = {},
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  emitCase(full, files, issues, info, privacy, (name, chunk) => {
    const chunks = out.get(name);
    if (chunks) chunks.push(chunk);
    else out.set(name, [chunk]);
  });
  return out;
}

/**
 * The same files as exportCase, handed to `emit` chunk by chunk as they are made, file after file, and not
 * kept: the CLI writes a city's 650 MB of exports without holding them.
 */
export function emitCase(
  full: CaseResult,
  files: string[],
  issues: RowIssue[],
  info: RunInfo,
  privacy: PrivacyOptions,
  emit: (name: string, chunk: string) => void,
): void {
  const r = redaction(full, privacy);
  const result = r.result;
  const { network, analysis, resolution } = result;
  const cells = (row: Cell[]): Cell[] => row.map((c) => (typeof c === 'string' ? r.text(c) : c));
  // Each CSV is named first, so that its chunks go out as they fill.
  const csvFile = (name: string, headers: string[], rows: Iterable<Cell[]>) =>
    writeCsv(headers, r.active ? lazily(rows, cells) : rows, (chunk) => emit(name, chunk));
  const targets = exportedTargets(buildTargets(result, files, info.top), r);
  emit('targets.csv', targetsCsv(targets));
  emit('targets.json', targetsJson(targets, info));

  csvFile(
    'nodes.csv',
    [
      'id',
      'label',
      'kind',
      'identifiers',
      'names',
      'community',
      'rank',
      'score',
      ...METRIC_COLUMNS,
      'roles',
      'first_seen',
      'last_seen',
      'why',
    ],
    network.nodes().map((id) => {
      const n = network.node(id);
      const m = analysis.metrics.get(id)!;
      return [
        id,
        n.label,
        n.kind,
        n.identifiers.join(';'),
        n.names.join(';'),
        m.community,
        m.rank,
        m.score,
        ...metricCells(m),
        m.roleReasons,
        iso(n.firstSeen),
        iso(n.lastSeen),
        m.why,
      ];
    }),
  );
  csvFile(
    'edges.csv',
    [
      'source',
      'target',
      'layer',
      'directed',
      'count',
      'calls',
      'sms',
      'seconds',
      'amounts',
      'trips',
      'weight',
      'days',
      'first',
      'last',
      'sources',
    ],
    lazily(network.links(), ({ source, target, directed, attributes: e }) => {
      const amounts = formatAmounts(e.amounts, ';');
      return [
        source,
        target,
        e.layer,
        directed,
        e.count,
        e.calls,
        e.sms,
        e.seconds,
        amounts,
        e.trips,
        e.weight,
        e.days,
        iso(e.first),
        iso(e.last),
        formatSources(e.sources, files),
      ];
    }),
  );
  csvFile(
    'communities.csv',
    ['community', 'size', 'calls_links', 'money_links', 'travel_links', 'other_links', 'top_members'],
    analysis.communities.map((c) => [
      c.id,
      c.size,
      c.layers.calls,
      c.layers.money,
      c.layers.travel,
      c.layers.links,
      c.top
        .filter(r.keeps)
        .map((id) => `${network.node(id).label} (${id})`)
        .join('; '),
    ]),
  );
  if (!privacy.withoutVictims)
    csvFile(
      'protection.csv',
      ['id', 'label', 'identifiers', 'confidence', 'reasons', 'community', 'evidence'],
      result.protection.map((p) => {
        const n = network.node(p.id);
        return [
          p.id,
          n.label,
          n.identifiers.join(';'),
          p.confidence,
          p.reasons.join('; '),
          analysis.metrics.get(p.id)!.community,
          evidenceText(evidenceFor(network, p.id).map((e) => ({ ...e, sources: formatSources(e.sources, files, 10) }))),
        ];
      }),
    );
  csvFile(
    'findings.csv',
    ['kind', 'summary', 'entities', 'evidence'],
    result.findings.map((f) => [f.kind, f.summary, f.entities.join(';'), formatSources(f.evidence, files, 20)]),
  );
  csvFile(
    'rejected.csv',
    ['file', 'row', 'column', 'code', 'message', 'raw'],
    [...issues]
      .sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.row - b.row)
      .map((i) =>
        r.active
          ? [i.file, i.row, i.column, i.code, WITHHELD_ROW, WITHHELD_ROW]
          : [i.file, i.row, i.column, i.code, i.message, i.raw],
      ),
  );
  csvFile(
    'merges.csv',
    ['merge_id', 'rule', 'entity', 'identifier_a', 'identifier_b', 'reason', 'sources'],
    // Each merge's entity looked up once, and its row made as it is written (a city has hundreds of thousands).
    (function* () {
      for (const m of resolution.merges) {
        const entity = resolution.entityOf.get(m.a) ?? '';
        if (!r.keeps(entity)) continue;
        yield [m.id, m.rule, entity, m.a, m.b, m.reason, formatSourceRows(m.sources, files)];
      }
    })(),
  );
  gexfChunks(result, info, r.text, (chunk) => emit('graph.gexf', chunk));
  emit(
    'run.json',
    JSON.stringify(
      // With privacy, its strings too: the analyst's overrides and undone merges name entities and numbers.
      mapStrings(
        {
          version: info.version,
          seed: info.seed,
          parameters: { top: info.top, country: info.country, timeZone: info.timeZone, ...info.options },
          inputs: info.inputs.map((i) => ({
            name: i.name,
            sha256: i.sha256,
            bytes: i.bytes,
            kind: i.report.kind,
            encoding: i.report.encoding,
            delimiter: i.report.delimiter,
            dateFormat: i.report.dateFormat,
            columns: i.report.columns,
            warnings: i.report.warnings,
          })),
          rows: reconciliation(info.inputs),
          graph: {
            entities: network.order,
            links: network.size,
            communities: analysis.communities.length,
            modularity: Number(analysis.modularity.toFixed(6)),
            betweenness: analysis.betweennessSampled ? `sampled from ${analysis.betweennessSources} sources` : 'exact',
          },
          merges: resolution.merges.length,
          protection: privacy.withoutVictims
            ? `${r.withheld.size} likely victims left out of this export`
            : result.protection.length,
          privacy: {
            pseudonymised: r.pseudonymised,
            victimsLeftOut: r.withheld.size,
          },
          findings: Object.fromEntries(
            [...new Set(result.findings.map((f) => f.kind))].map((k) => [
              k,
              result.findings.filter((f) => f.kind === k).length,
            ]),
          ),
        },
        r.text,
      ),
      null,
      2,
    ) + '\n',
  );
}
