// The analysis worker: reads dropped files, runs the same core as the CLI, and answers the app's questions
// (evidence of an entity, the target list as exported, the filtered graph as GEXF or GraphML).
import { createCaseRun, type CaseOutcome } from '../export/case-run';
import { SNIFF_BYTES } from '../ingest/ingest';
import { sha256Blob } from '../lib/hash';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { caseFileNames, exportCase, exportedTargets } from '../export/bundle';
import { isPrivate, redaction, type PrivacyOptions } from '../export/privacy';
import { previewRows } from '../ingest/preview';
import { FIELDS } from '../ingest/columns';
import { specFromDetection, type FileSpec } from '../ingest/spec';
import { createRowIndex, edgeEvidence, edgeTimes, layerActivity, type RowIndex } from '../graph/provenance';
import { linkIncidence, linkInteractions, type CaseLinks } from '../graph/build';
import { edgeColumns, plainEdges } from './edge-columns';
import { nodeColumns } from './node-columns';
import { describeEdge } from '../analysis/analyse';
import { serviceLikeness } from '../analysis/projection';
import { subgraph } from '../graph/subgraph';
import { buildTargets, targetsCsv, targetsJson } from '../export/targets';
import { toGexf } from '../export/gexf';
import { toGraphml } from '../export/graphml';
import { planCase } from '../analysis/plan';
import { withGraph } from '../analysis/pipeline';
import { curvesCsv, planCsv } from '../export/plan';
import { formatSourceRows, formatSources } from '../export/sources';
import type { CaseView, FileDetection, InputFile, Progress, Reply, Request } from './messages';
import pkg from '../../package.json' with { type: 'json' };

const CHUNK = 1 << 20;
const ISSUES_SHOWN = 2000;

let current: { outcome: CaseOutcome; index: RowIndex } | null = null;

/** The open case's entities and findings, held for the app to ask for; its links are sliced from its columns. */
let held: Pick<CaseView, 'nodes' | 'findings'> = { nodes: [], findings: [] };

/** The last plan made, for its CSV with privacy applied at download. */
let lastPlan: ReturnType<typeof planCase> | null = null;

/** The exports of the open case with privacy applied, made once per choice of privacy. */
let privateOutputs: { key: string; outputs: Map<string, string[]> } | null = null;
function outputsFor(outcome: CaseOutcome, privacy: PrivacyOptions | undefined): Map<string, string[]> {
  if (!privacy || !isPrivate(privacy)) return outcome.outputs;
  const key = JSON.stringify([privacy.pseudonymKey ?? null, !!privacy.withoutVictims]);
  if (privateOutputs?.key !== key) {
    privateOutputs = { key, outputs: exportCase(outcome.result, outcome.files, outcome.issues, outcome.info, privacy) };
  }
  return privateOutputs.outputs;
}

/** The largest weight of a link, at least 1. */
function maxWeight(links: CaseLinks): number {
  let max = 1;
  for (let k = 0; k < links.size; k++) max = Math.max(max, linkInteractions(links, k));
  return max;
}

/** The case as the page sees it; without its links when they are to be sent in slices. */
function viewOf(
  outcome: CaseOutcome,
  index: RowIndex,
  mappings: Record<string, FileSpec>,
  withLinks: boolean,
): CaseView {
  const { result, info, files, issues } = outcome;
  const { links, network, analysis, resolution } = result;
  const nodes = network.nodes().map((id) => {
    const n = network.node(id);
    const { features, ...metrics } = analysis.metrics.get(id)!;
    const { selfContacts: _s, ...attrs } = n;
    return { id, ...attrs, metrics: { ...metrics, serviceLikeness: serviceLikeness(features) } };
  });
  const times = edgeTimes(links, index);
  const linkLayers = links.layer.slice();
  return {
    files,
    settings: outcome.settings,
    inputs: info.inputs,
    mappings,
    nodes,
    // From the links' columns: the graphology graph is made only if an export of a part or a plan needs it.
    edges: withLinks ? plainEdges(edgeColumns(links, 0, links.size), nodes) : [],
    counts: { nodes: network.order, edges: network.size, merges: resolution.merges.length },
    ranking: analysis.ranking,
    protection: outcome.result.protection,
    findings: outcome.result.findings.map((f) => ({ ...f, evidence: formatSources(f.evidence, files, 20) })),
    communities: analysis.communities,
    modularity: analysis.modularity,
    betweenness: analysis.betweennessSampled ? `sampled from ${analysis.betweennessSources} sources` : 'exact',
    times,
    incidence: (({ offsets, link }) => ({ offsets, link }))(linkIncidence(links)),
    linkLayers,
    maxWeight: maxWeight(links),
    activity: layerActivity(times, linkLayers),
    issues: issues.slice(0, ISSUES_SHOWN),
    issueCount: issues.length,
    outputs: caseFileNames(),
  };
}

/** The first bytes of a file, for detection. */
async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
}

async function detect(req: Extract<Request, { type: 'detect' }>): Promise<FileDetection[]> {
  const run = createCaseRun(req.settings, pkg.version, req.spec);
  const out: FileDetection[] = [];
  for (const f of req.files) {
    const { sample, ...d } = run.detect(f.name, await headOf(f.file), undefined, f.override);
    out.push({
      ...d,
      preview: previewRows({ ...d, sample }, 8),
      raw: sample.slice(0, 5),
      fields: d.kind ? [...FIELDS[d.kind]] : [],
      sha256: f.sha256 ?? (await sha256Blob(f.file)),
      bytes: f.file.size,
    });
  }
  return out;
}

async function analyse(
  files: InputFile[],
  req: Extract<Request, { type: 'analyse' }>,
  progress: (p: Progress) => void,
) {
  const run = createCaseRun(req.settings, pkg.version, req.spec, {
    memoryLimit: req.memoryLimit,
    heapAdvice: 'A case this size needs the command line, with more memory: see "Speed on large cases" in the README.',
  });
  const mappings: Record<string, FileSpec> = {};
  for (const f of files) {
    const size = f.file.size;
    const detection = run.detect(f.name, await headOf(f.file), undefined, f.override);
    if (detection.problems.length || !detection.kind) {
      run.skip(detection, f.sha256 ?? (await sha256Blob(f.file)), size);
      progress({ file: f.name, step: `skipped: ${detection.problems.join('; ')}`, fraction: 1 });
      continue;
    }
    mappings[f.name] = specFromDetection(detection);
    const ingestor = run.read(detection, undefined, size);
    // The file is read a slice at a time (and hashed on the way, if it was not yet): never whole in memory.
    const hasher = f.sha256 ? null : sha256.create();
    for (let at = 0; at < size; at += CHUNK) {
      const bytes = new Uint8Array(await f.file.slice(at, at + CHUNK).arrayBuffer());
      hasher?.update(bytes);
      ingestor.push(bytes);
      progress({
        file: f.name,
        step: `reading as ${detection.kind}: ${ingestor.rowsRead().toLocaleString('en')} rows`,
        fraction: Math.min(1, (at + CHUNK) / size),
      });
    }
    const report = ingestor.end();
    run.done(f.name, report, f.sha256 ?? bytesToHex(hasher!.digest()), size);
    progress({
      file: f.name,
      step: `${report.rowsUsed} rows used, ${report.rowsRejected} rejected, ${report.duplicates} duplicates`,
      fraction: 1,
    });
  }
  if (run.usable() === 0) throw new Error('none of the files could be read; correct their mapping and try again');
  const outcome = run.analyse((step) => progress({ file: '', step, fraction: -1 }));
  progress({ file: '', step: 'tracing links to their rows', fraction: -1 });
  const index = createRowIndex(run.sink.records);
  current = { outcome, index };
  privateOutputs = null;
  lastPlan = null;
  return viewOf(outcome, index, mappings, !req.inSlices);
}

function need() {
  if (!current) throw new Error('no case is open');
  return current;
}

export async function handle(req: Request, progress: (p: Progress) => void): Promise<Reply> {
  switch (req.type) {
    case 'detect':
      return { type: 'detect', detections: await detect(req) };
    case 'analyse': {
      const view = await analyse(req.files, req, progress);
      // A city's entities and links are sent in slices on request: taking in one message of a hundred thousand
      // objects would hold the page for most of a second.
      if (!req.inSlices) return { type: 'analyse', view };
      held = { nodes: view.nodes, findings: view.findings };
      // The view's entities are in the links' entity order (`links.ids`), whose places `links.index` holds.
      const { index: place } = need().outcome.result.links;
      return {
        type: 'analyse',
        view: { ...view, nodes: [], edges: [], ranking: [], findings: [] },
        rankingPlaces: Int32Array.from(view.ranking, (id) => place.get(id)!),
      };
    }
    case 'findings':
      need();
      return { type: 'findings', findings: held.findings };
    case 'slice':
      return {
        type: 'slice',
        items:
          req.part === 'edges'
            ? edgeColumns(need().outcome.result.links, req.from, req.to)
            : nodeColumns(held.nodes, req.from, req.to),
      };
    case 'evidence': {
      const { outcome, index } = need();
      const { network } = outcome.result;
      const files = outcome.files;
      const links = network.linksOf(req.node).map(({ key, source, target, attributes: e }) => {
        const other = source === req.node ? target : source;
        const { rows, total } = edgeEvidence(e.sources, index, files);
        return {
          edge: key,
          with: other,
          withLabel: network.node(other).label,
          layer: e.layer,
          summary: describeEdge(e.layer, e),
          rows,
          total,
        };
      });
      const { resolution } = outcome.result;
      const merges = resolution.merges
        .filter((m) => resolution.entityOf.get(m.a) === req.node)
        .map((m) => ({
          id: m.id,
          rule: m.rule,
          entity: req.node,
          a: m.a,
          b: m.b,
          reason: m.reason,
          sources: formatSourceRows(m.sources, files, 10),
        }));
      return {
        type: 'evidence',
        links: links.sort((a, b) => b.total - a.total || (a.edge < b.edge ? -1 : 1)),
        merges,
      };
    }
    case 'targets': {
      const { outcome } = need();
      const r = redaction(outcome.result, req.privacy);
      const targets = exportedTargets(buildTargets(r.result, outcome.files, outcome.info.top, req.overrides), r);
      return { type: 'targets', csv: targetsCsv(targets), json: targetsJson(targets, outcome.info) };
    }
    case 'graph': {
      const { outcome } = need();
      const r = redaction(outcome.result, req.privacy);
      const nodes = req.nodes.filter(r.keeps);
      const edges = req.edges.filter((k) => r.result.graph.hasEdge(k));
      const part = withGraph(r.result, subgraph(r.result.graph, nodes, edges));
      return {
        type: 'graph',
        text: req.format === 'gexf' ? toGexf(part, outcome.info, r.text) : toGraphml(part, outcome.info, r.text),
      };
    }
    case 'plan-csv': {
      if (!lastPlan) throw new Error('no plan has been made');
      return {
        type: 'plan-csv',
        csv: planCsv(lastPlan, need().outcome.result, redaction(need().outcome.result, req.privacy).text),
      };
    }
    case 'plan': {
      const { outcome } = need();
      const plan = planCase(outcome.result, req.settings);
      lastPlan = plan;
      return {
        type: 'plan',
        plan: {
          scopeSize: plan.graph.ids.length,
          protectedCount: plan.protectedIds.size,
          start: plan.start,
          steps: plan.steps,
          curves: plan.curves,
          curvesCsv: curvesCsv(plan),
        },
      };
    }
    case 'output': {
      const chunks = outputsFor(need().outcome, req.privacy).get(req.name);
      if (chunks === undefined) throw new Error(`no export named ${req.name}`);
      return { type: 'output', chunks };
    }
  }
}

/**
 * The buffers of a reply's typed arrays that can move to the page rather than be copied: those of an analysis's
 * view and of a slice, which are made for the reply and kept by nothing here. A copy of the 1M city's event times
 * alone (13 MB) was a tenth of the page's task that took the view in. Buffers on shared memory are not listed:
 * they cross without a copy already, and cannot be moved.
 */
export function replyTransfer(reply: Reply): ArrayBuffer[] {
  if (reply.type !== 'analyse' && reply.type !== 'slice') return [];
  const out = new Set<ArrayBuffer>();
  const walk = (value: unknown, depth: number) => {
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    } else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 3)
      for (const v of Object.values(value)) walk(v, depth + 1);
  };
  if (reply.type === 'analyse') {
    walk(reply.view, 0);
    walk(reply.rankingPlaces, 0);
  } else walk(reply.items, 0);
  return [...out];
}
