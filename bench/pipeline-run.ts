// One size of the pipeline bench, in its own process so that its peak memory is its own: reads a case folder
// the way the CLI does, times every step, and writes the aggregated graphs for the igraph peer.
// Usage: node --expose-gc --import tsx bench/pipeline-run.ts <case dir> <work dir>   (prints JSON)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Papa from 'papaparse';
import { DEFAULT_CASE_SETTINGS } from '../src/analysis/pipeline';
import { createCaseRun } from '../src/export/case-run';
import { startHelperThread } from '../src/cli/helper-thread';
import { SNIFF_BYTES } from '../src/ingest/ingest';
import { readHead, streamFile } from '../src/cli/files';
import { project } from '../src/analysis/projection';
import { toGraph } from '../src/graph/build';
import type { Csr } from '../src/analysis/csr';
import type { StepTimer } from '../src/lib/timing';

const [dir, work] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const seconds: Record<string, number> = {};
// The links' heap (columns) and the evidence graph's (graphology) are measured around their own builds
// (collections before and after, outside the timing): building second copies to measure them would double the
// memory of a city-sized run.
const heapOf: Record<string, number> = {};
const measured = new Set(['build']);
/**
 * The collections forced to measure a heap, which the CLI does not make: their time is taken out of the end to
 * end time (at 1M rows two full collections of a 450 MB heap, 0.8 s).
 */
let measuring = 0;
const collect = () => {
  const start = performance.now();
  gc();
  measuring += (performance.now() - start) / 1000;
};
const time: StepTimer = (step, run) => {
  if (measured.has(step)) collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = run();
  seconds[step] = (seconds[step] ?? 0) + (performance.now() - t0) / 1000;
  if (measured.has(step)) {
    collect();
    heapOf[step] = process.memoryUsage().heapUsed - heapBefore;
  }
  console.error(`    ${step}: ${seconds[step]!.toFixed(2)} s`);
  return out;
};
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => join(dir, f));

// Parsing alone, as papaparse reads these files (arrays, no typing): the floor under any CSV import.
let parsedRows = 0;
time('parse', () => {
  for (const f of files) {
    Papa.parse<string[]>(readFileSync(f, 'utf8'), {
      step: () => {
        parsedRows++;
      },
    });
  }
});
gc();

const t0 = performance.now();
// As the CLI does: betweenness runs part of its passes on a helper thread, started while the files are read.
startHelperThread();
const settings = { ...DEFAULT_CASE_SETTINGS, timeZone: 'Europe/London', timeZoneStated: true };
const run = createCaseRun(settings, 'bench');
const rowsIn: Record<string, number> = {};
const ingestStart = performance.now();
for (const path of files) {
  const detection = run.detect(basename(path), await readHead(path, SNIFF_BYTES));
  if (!detection.kind) throw new Error(`${path}: ${detection.problems.join('; ')}`);
  const ingestor = run.read(detection, undefined, statSync(path).size, { path: resolve(path) });
  const hashed = await streamFile(path, ingestor);
  const report = ingestor.end();
  rowsIn[basename(path)] = report.rowsRead;
  run.done(detection.file, report, hashed.sha256, hashed.bytes);
}
seconds.ingest = (performance.now() - ingestStart) / 1000;
console.error(`    ingest: ${seconds.ingest.toFixed(2)} s`);
const outcome = run.analyse(undefined, time);
// Every export, made chunk by chunk as the CLI writes them (emitCase), each chunk dropped here rather than
// written: what is timed is making the text, as before, now without holding it all.
outcome.emitOutputs(() => {});
const endToEnd = (performance.now() - t0) / 1000 - measuring;
const { result } = outcome;
const rows = Object.values(rowsIn).reduce((a, b) => a + b, 0);
const rejected = outcome.issues.length;

// Memory: peak RSS of the whole run, and heap per edge of the graphs, measured on fresh copies.
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const linksBytesPerEdge = heapOf.build! / result.links.size;
const projection = project(result.links);
const csrBytes = (c: Csr) => c.offsets.byteLength + c.targets.byteLength + c.weights.byteLength;
const csrEdges = projection.csr.targets.length / 2;

/** A graph's edges, each once (i < j), as igraph reads them and as the build kernel below takes them. */
function edgeListOf(c: Csr): { i: number[]; j: number[]; w: number[] } {
  const out = { i: [] as number[], j: [] as number[], w: [] as number[] };
  for (let i = 0; i < c.ids.length; i++)
    for (let k = c.offsets[i]!; k < c.offsets[i + 1]!; k++)
      if (c.targets[k]! > i) {
        out.i.push(i);
        out.j.push(c.targets[k]!);
        out.w.push(c.weights[k]!);
      }
  return out;
}
// The aggregated graphs, for igraph: the Louvain/PageRank graph and the betweenness graph (service ties discounted).
function writeEdges(edges: { i: number[]; j: number[]; w: number[] }, path: string): void {
  writeFileSync(path, edges.i.map((i, e) => `${i} ${edges.j[e]} ${edges.w[e]}`).join('\n') + '\n');
}
writeEdges(edgeListOf(projection.csr), join(work, 'graph.txt'));
writeEdges(edgeListOf(projection.core), join(work, 'core.txt'));
const membership = projection.ids.map((id) => result.analysis.metrics.get(id)!.community);
writeFileSync(join(work, 'membership.txt'), membership.join('\n') + '\n');

// The kernels are timed again, alone, in a process of their own on the graphs written above
// (bench/kernels-run.ts), as igraph's are.
const n = projection.core.ids.length;

// The evidence graph (graphology) is not part of a CLI run: the exports read the links. The app's worker makes
// it for the view; made here once, after the run, to report its time and heap.
gc();
const heapBeforeGraph = process.memoryUsage().heapUsed;
const graphStart = performance.now();
const evidenceGraph = toGraph(result.links);
const graphSeconds = (performance.now() - graphStart) / 1000;
gc();
const graphologyBytesPerEdge = (process.memoryUsage().heapUsed - heapBeforeGraph) / evidenceGraph.size;
console.error(`    graph (not part of the run): ${graphSeconds.toFixed(2)} s`);
const top = result.analysis.ranking.slice(0, 10).map((id) => result.network.node(id).label);
console.log(
  JSON.stringify({
    rows,
    parsedRows,
    rejected,
    rowsUsed: rows - rejected,
    entities: result.links.ids.length,
    links: result.links.size,
    graphNodes: n,
    graphEdges: csrEdges,
    seconds,
    endToEnd,
    betweennessSources: result.analysis.betweennessSources,
    betweennessThreads: result.analysis.betweennessThreads,
    maxRssMb,
    graphologyBytesPerEdge,
    linksBytesPerEdge,
    graphSeconds,
    csrBytesPerEdge: csrBytes(projection.csr) / csrEdges,
    top,
  }),
);
