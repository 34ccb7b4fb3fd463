// `npm run bench` (first part): the whole pipeline at case scale, side by side with python-igraph.
// Generates cases of 100k, 1M and 5M call rows (transfers and journeys in proportion, the bundled syndicate
// inside), runs each in its own Node process with every step timed, runs igraph on the same aggregated graph,
// and writes bench/results.json and the table in BENCHMARKS.md.
// BENCH_SIZES=100000,1000000 limits the sizes; cases are cached in bench/.cases (git-ignored). BENCH_SIZES=none
// runs nothing and writes the tables again from bench/results.json.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { writeScaleCase } from './scale-case';
import { writePretty, writeSection } from './benchmarks-md';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES =
  process.env.BENCH_SIZES === 'none'
    ? []
    : (process.env.BENCH_SIZES ?? '100000,1000000,5000000').split(',').map(Number);
const PYTHON = '/usr/bin/python3';
/** Runs of the pipeline at each size up to 1M rows (see the loop below). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** igraph's exact betweenness is run (and ours beside it) up to this many nodes. */
const EXACT_UP_TO = Number(process.env.BENCH_EXACT_UP_TO ?? 20_000);

interface RunResult {
  rows: number;
  rejected: number;
  rowsUsed: number;
  entities: number;
  graphNodes: number;
  graphEdges: number;
  seconds: Record<string, number>;
  endToEnd: number;
  kernel: Record<string, number>;
  betweennessSources: number;
  /** Threads that ran betweenness in the pipeline and in the exact kernel; absent from older runs (one). */
  betweennessThreads?: number;
  exactThreads?: number;
  modularity: number;
  maxRssMb: number;
  graphologyBytesPerEdge: number;
  /** Absent from runs before the links were kept in columns. */
  linksBytesPerEdge?: number;
  /** Seconds to make the evidence graph (graphology) the app uses, after the run; absent from older runs. */
  graphSeconds?: number;
  csrBytesPerEdge: number;
  top: string[];
  /** Seconds to the list of each run of the pipeline at this size, in run order; absent from older results (one run). */
  listRuns?: number[];
}
interface PeerResult {
  igraph: string;
  build: number;
  louvain: number;
  modularity: number;
  modularityOfUnravel: number;
  pagerank: number;
  pagerankMaxDiff: number;
  betweennessExact?: number;
  betweennessMaxDiff?: number;
}

/** Runs a child, passing its stderr through live and keeping it, for the report of a failure. */
function runChild(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderr = (stderr + d.toString()).slice(-20_000);
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function peerAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import igraph'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface SizeResult {
  callRows: number;
  date: string;
  unravel: RunResult | { error: string };
  igraph: PeerResult | { error: string };
}
const RESULTS = join(ROOT, 'bench/results.json');
const date = new Date().toISOString().slice(0, 10);
// Sizes not run this time keep their last result (a 5M run takes long enough to run on its own).
const results: SizeResult[] = existsSync(RESULTS)
  ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { results: SizeResult[] }).results.filter(
      (r) => !SIZES.includes(r.callRows),
    )
  : [];
const hasPeer = peerAvailable();
if (!hasPeer)
  console.error(`${PYTHON} cannot import igraph: install Debian's python3-igraph to see the peer's figures`);
for (const callRows of SIZES) {
  const dir = join(ROOT, 'bench/.cases', String(callRows));
  const work = join(dir, 'work');
  mkdirSync(work, { recursive: true });
  console.error(`${callRows.toLocaleString('en-GB')} call rows: generating…`);
  writeScaleCase(join(dir, 'case'), callRows);
  let unravel: RunResult | { error: string };
  // The CLI's own settings of the collector (package.json's `unravel`), with room for the 5M city.
  const runPipeline = () =>
    runChild(process.execPath, [
      '--expose-gc',
      '--max-semi-space-size=64',
      '--initial-old-space-size=1024',
      '--max-old-space-size=16384',
      '--import',
      'tsx',
      'bench/pipeline-run.ts',
      join(dir, 'case'),
      work,
    ]);
  // The same code's time to the list swings by a quarter from one run to the next on this kind of machine: up to
  // 1M rows the pipeline runs RUNS times and the run whose time is the median is the one reported (every
  // figure from that one run), with the others' times beside it. The 5M city runs once.
  const runs = callRows <= 1_000_000 ? RUNS : 1;
  const done: RunResult[] = [];
  let run = { code: 0, stdout: '', stderr: '' };
  for (let r = 0; r < runs && run.code === 0; r++) {
    console.error(`  running the pipeline${runs > 1 ? ` (${r + 1} of ${runs})` : ''}…`);
    run = await runPipeline();
    if (run.code === 0) done.push(JSON.parse(run.stdout) as RunResult);
  }
  if (run.code === 0) {
    const toList = (u: RunResult) => u.endToEnd - (u.seconds.export ?? 0);
    unravel = [...done].sort((a, b) => toList(a) - toList(b))[Math.floor((done.length - 1) / 2)]!;
    unravel.listRuns = done.map(toList);
    // The kernels, timed in a fresh process on the graphs the run wrote, as igraph's are below.
    console.error('  timing the kernels alone…');
    const exact = unravel.graphNodes <= EXACT_UP_TO ? ['exact'] : [];
    const kernels = await runChild(process.execPath, [
      '--expose-gc',
      '--max-old-space-size=16384',
      '--import',
      'tsx',
      'bench/kernels-run.ts',
      work,
      ...exact,
    ]);
    if (kernels.code === 0) Object.assign(unravel, JSON.parse(kernels.stdout) as Partial<RunResult>);
    else unravel = { error: `the kernels alone: exit code ${kernels.code}` };
  } else {
    // The steps it finished, and the error it died of (out of memory, a stack overflow…), for the table.
    const lines = run.stderr.split('\n').map((l) => l.trim());
    const steps = lines.filter((l) => /^[a-z]+: [\d.]+ s$/.test(l));
    const error = lines.find((l) => /^(\w*Error|FATAL ERROR)|out of memory/i.test(l)) ?? `exit code ${run.code}`;
    unravel = { error: `${error}${steps.length ? ` (after ${steps.join(', ')})` : ''}` };
  }
  let igraph: PeerResult | { error: string } = { error: 'python3-igraph not installed' };
  if (hasPeer && !('error' in unravel)) {
    console.error('  running igraph…');
    try {
      const exact = unravel.graphNodes <= EXACT_UP_TO ? ['exact'] : [];
      igraph = JSON.parse(
        execFileSync(PYTHON, ['bench/igraph_peer.py', work, ...exact], { cwd: ROOT, encoding: 'utf8' }),
      ) as PeerResult;
    } catch (e) {
      igraph = { error: String((e as Error).message).split('\n')[0]! };
    }
  }
  results.push({ callRows, date, unravel, igraph });
  results.sort((a, b) => a.callRows - b.callRows);
  console.error(`  ${JSON.stringify(unravel).slice(0, 300)}`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
// Written as the project's formatter would, so that `npm test` (which checks formatting) stays green.
await writePretty(RESULTS, JSON.stringify({ machine, results }, null, 2));

// The table.
const f = (x: number | undefined, digits = 2) => (x === undefined ? '–' : x.toFixed(digits));
/** Betweenness's passes run half on a helper thread (src/lib/handoff.ts); runs before that used one. */
const threads = (count = 1) => (count === 2 ? 'two threads' : 'one thread');
const ratio = (ours?: number, theirs?: number) => (ours && theirs ? `${(ours / theirs).toFixed(2)}×` : '–');
/** Which run a size's figures are from, when it ran more than once. */
const runsNote = (runs?: number[]) =>
  runs && runs.length > 1
    ? ` (the median of ${runs.length} runs, whose times to the list were ${runs.map((x) => f(x, 1)).join(', ')} s; every figure here is that run's)`
    : '';
const lines: string[] = [];
for (const { callRows, date: measured, unravel: u, igraph: p } of results) {
  lines.push(`### ${callRows.toLocaleString('en-GB')} call rows (${measured})`, '');
  if ('error' in u) {
    lines.push(`Unravel failed: ${u.error}`, '');
    continue;
  }
  const peer = 'error' in p ? undefined : p;
  lines.push(
    `${u.rows.toLocaleString('en-GB')} rows read (${u.rowsUsed.toLocaleString('en-GB')} used, ${u.rejected} rejected); ` +
      `${u.entities.toLocaleString('en-GB')} entities; aggregated graph ${u.graphNodes.toLocaleString('en-GB')} nodes, ` +
      `${u.graphEdges.toLocaleString('en-GB')} edges. **End to end: ${f(u.endToEnd, 1)} s** ` +
      `(${Math.round(u.rows / u.endToEnd).toLocaleString('en-GB')} rows/s), of which **${f(u.endToEnd - (u.seconds.export ?? 0), 1)} s ` +
      `to the ranked target list**${runsNote(u.listRuns)} and ${f(u.seconds.export, 1)} s for every export; peak memory ${Math.round(u.maxRssMb)} MB. ` +
      `${u.graphSeconds === undefined ? '' : `Making the evidence graph (graphology) that the app's view uses, which the CLI does not need, takes another ${f(u.graphSeconds, 1)} s. `}` +
      `Bytes per edge: ${f(u.csrBytesPerEdge, 0)} in the analysis graph (typed arrays), ` +
      `${u.linksBytesPerEdge === undefined ? '' : `${f(u.linksBytesPerEdge, 0)} in the links (columns, with every link's source rows), `}` +
      `${f(u.graphologyBytesPerEdge, 0)} in the evidence graph (graphology, with every link's source rows).`,
    '',
    '| step | seconds | rows/s |',
    '|---|---|---|',
  );
  const steps = [
    'parse',
    'ingest',
    'resolve',
    'build',
    'project',
    'louvain',
    'pagerank',
    'eigenvector',
    'betweenness',
    'ranking',
    'roles',
    'patterns',
    'export',
  ];
  // With a helper thread, PageRank and the eigenvector run on it beside Louvain: the main thread's time for them
  // is what it waited, and a rate would mean nothing.
  const helped = u.betweennessThreads === 2;
  const label: Record<string, string> = {
    parse: 'parse (papaparse alone, not part of the total)',
    ingest: 'ingest (parse + normalise)',
    betweenness: `betweenness (${u.betweennessSources} sources, ${threads(u.betweennessThreads)})`,
    build: 'build (the links, in columns)',
    ...(helped && {
      pagerank: 'pagerank (on the helper thread, beside Louvain: the wait)',
      eigenvector: 'eigenvector (on the helper thread, beside Louvain: the wait)',
    }),
  };
  for (const s of steps)
    if (u.seconds[s] !== undefined) {
      const rate = helped && (s === 'pagerank' || s === 'eigenvector') ? '–' : Math.round(u.rows / u.seconds[s]!);
      lines.push(`| ${label[s] ?? s} | ${f(u.seconds[s])} | ${rate.toLocaleString('en-GB')} |`);
    }
  lines.push(
    '',
    `Kernels on the same aggregated graph (python-igraph ${peer?.igraph ?? 'not run'}${'error' in p ? `: ${p.error}` : ''}):`,
    '',
    '| kernel (best of 3 runs or more, to 1 s; exact betweenness 1) | Unravel s | igraph s | ratio | check |',
    '|---|---|---|---|---|',
    `| build the graph | ${f(u.kernel.build, 3)} | ${f(peer?.build, 3)} | ${ratio(u.kernel.build, peer?.build)} | from the aggregated edge list in memory: Unravel's CSR, igraph's Graph() |`,
    `| Louvain | ${f(u.kernel.louvain)} | ${f(peer?.louvain)} | ${ratio(u.kernel.louvain, peer?.louvain)} | modularity ${f(u.modularity, 4)} vs ${f(peer?.modularity, 4)} |`,
    `| PageRank | ${f(u.kernel.pagerank, 3)} | ${f(peer?.pagerank, 3)} | ${ratio(u.kernel.pagerank, peer?.pagerank)} | largest difference ${peer ? peer.pagerankMaxDiff.toExponential(1) : '–'} |`,
  );
  if (u.kernel.betweennessExact !== undefined)
    lines.push(
      `| betweenness, exact (Unravel on ${threads(u.exactThreads)}, igraph on one) | ${f(u.kernel.betweennessExact)} | ${f(peer?.betweennessExact)} | ${ratio(u.kernel.betweennessExact, peer?.betweennessExact)} | largest difference ${peer?.betweennessMaxDiff !== undefined ? peer.betweennessMaxDiff.toExponential(1) : '–'} of the top value |`,
    );
  else
    lines.push(
      `| betweenness, ${u.betweennessSources} sampled sources (${threads(u.betweennessThreads)}) | ${f(u.seconds.betweenness)} | – | – | python-igraph ${peer?.igraph ?? ''} cannot sample sources; exact would run every one of ${u.graphNodes.toLocaleString('en-GB')} |`,
    );
  lines.push('', `Top 10: ${u.top.join(', ')}.`, '');
}
await writeSection('pipeline', `Measured on ${machine}, with \`npm run bench\`.\n\n${lines.join('\n')}`, true);
console.error('wrote bench/results.json and BENCHMARKS.md');
