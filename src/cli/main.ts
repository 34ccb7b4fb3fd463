// The Unravel command line: `analyze` turns CSV exports into a ranked, evidenced target list and exports;
// `inspect` shows what was detected in each file and can write a mapping spec to edit.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { AppError, appError } from '../lib/errors';
import { RECORD_KINDS, RESOLUTION_RULES, type RecordKind, type ResolutionRule } from '../model/types';
import { SNIFF_BYTES, type Detection } from '../ingest/ingest';
import { specFromDetection, validateSpec, type MappingSpec } from '../ingest/spec';
import { previewRows } from '../ingest/preview';
import { DATE_FORMAT_LABELS } from '../ingest/dates';
import { DEFAULT_CASE_SETTINGS, validateSettings, type CaseSettings } from '../analysis/pipeline';
import { reconciliation } from '../export/bundle';
import { startHelperThread } from './helper-thread';
import { createCaseRun, type CaseRun } from '../export/case-run';
import { planCase, type PlanScope } from '../analysis/plan';
import { STRATEGIES, type Strategy } from '../analysis/disruption';
import { curvesCsv, planCsv } from '../export/plan';
import { redaction, validatePrivacy, type PrivacyOptions } from '../export/privacy';
import { isFile, outputFolder, readHead, streamFile, totalBytes, writeStreamed } from './files';
import pkg from '../../package.json' with { type: 'json' };

const USAGE = `Unravel ${pkg.version}: from agency CSV exports to a ranked, evidenced target list.

Usage:
  npm run unravel -- analyze [files…] [--calls F] [--transfers F] [--travel F] [--subscribers F] [--edges F]
                     [--map SPEC] [--country GB] [--tz Europe/London] [--currency EUR] [--seed N] [--top N]
                     [--resolution R] [--rules kyc,imei,document,name] [--unmerge ID,…]
                     [--not-hub ID,…] [--not-victim ID,…] [--role-weight leader=1.8,…]
                     [--threshold EUR=10000,…] [--co-travel-hours 12]
                     [--pseudonymise KEYFILE] [--without-victims] --out DIR
  npm run unravel -- plan [files… as for analyze] [--budget 5] [--strategy best|degree|betweenness|
                     block-betweenness|ci|corehd|greedy] [--scope suspects|all|community:ID,…]
                     [--include ID,…] [--exclude ID,…] [--cost ID=N,…] [--unweighted] --out DIR
  npm run unravel -- inspect FILE… [--map SPEC] [--country GB] [--tz ZONE] [--write-spec FILE]

Plain files have their kind detected; --calls and the like state it. Exit codes: 0 done, 1 bad usage or
settings, 2 no usable input.`;

class UsageError extends AppError {
  constructor(message: string) {
    super('cli', message);
  }
}

interface Input {
  path: string;
  kind?: RecordKind;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} is "${value}"; expected a whole number ≥ 0`);
  return n;
}

async function loadSpec(path: string | undefined): Promise<MappingSpec | undefined> {
  if (!path) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the mapping spec "${path}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw appError('spec', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateSpec(json);
}

/** "a=1,b=2" as { a: 1, b: 2 }. */
function pairs(flag: string, text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || !Number.isFinite(Number(value)))
      throw new UsageError(`--${flag} has "${part}"; expected name=number, comma-separated`);
    out[key.trim()] = Number(value);
  }
  return out;
}

/** Settings from flags; the core validates them (AppError on a bad one). */
function settingsFrom(values: Record<string, unknown>): CaseSettings {
  const tz = values.tz as string | undefined;
  const rules = values.rules as string | undefined;
  const unmerge = values.unmerge as string | undefined;
  return validateSettings({
    seed: positiveInt('seed', values.seed as string | undefined, DEFAULT_CASE_SETTINGS.seed),
    top: positiveInt('top', values.top as string | undefined, DEFAULT_CASE_SETTINGS.top),
    resolution: values.resolution === undefined ? DEFAULT_CASE_SETTINGS.resolution : Number(values.resolution),
    rules: (rules === undefined ? [...RESOLUTION_RULES] : rules.split(',').filter(Boolean)) as ResolutionRule[],
    unmerge: unmerge ? unmerge.split(',').filter(Boolean) : [],
    notHub: ((values['not-hub'] as string | undefined) ?? '').split(',').filter(Boolean),
    notVictim: ((values['not-victim'] as string | undefined) ?? '').split(',').filter(Boolean),
    roleWeights: pairs('role-weight', values['role-weight'] as string | undefined) as CaseSettings['roleWeights'],
    thresholds: {
      ...DEFAULT_CASE_SETTINGS.thresholds,
      ...pairs('threshold', values.threshold as string | undefined),
    },
    coTravelHours:
      values['co-travel-hours'] === undefined ? DEFAULT_CASE_SETTINGS.coTravelHours : Number(values['co-travel-hours']),
    country: (values.country as string | undefined) ?? DEFAULT_CASE_SETTINGS.country,
    timeZone: tz ?? DEFAULT_CASE_SETTINGS.timeZone,
    timeZoneStated: tz !== undefined,
    currency: (values.currency as string | undefined) ?? DEFAULT_CASE_SETTINGS.currency,
  });
}

async function detectInput(run: CaseRun, input: Input): Promise<Detection> {
  return run.detect(basename(input.path), await readHead(input.path, SNIFF_BYTES), input.kind);
}

function progress(message: string): void {
  process.stderr.write(`unravel: ${message}\n`);
}

const CASE_OPTIONS = {
  calls: { type: 'string', multiple: true },
  transfers: { type: 'string', multiple: true },
  travel: { type: 'string', multiple: true },
  subscribers: { type: 'string', multiple: true },
  edges: { type: 'string', multiple: true },
  map: { type: 'string' },
  country: { type: 'string' },
  tz: { type: 'string' },
  currency: { type: 'string' },
  seed: { type: 'string' },
  top: { type: 'string' },
  resolution: { type: 'string' },
  rules: { type: 'string' },
  unmerge: { type: 'string' },
  'not-hub': { type: 'string' },
  'not-victim': { type: 'string' },
  'role-weight': { type: 'string' },
  threshold: { type: 'string' },
  'co-travel-hours': { type: 'string' },
  pseudonymise: { type: 'string' },
  'without-victims': { type: 'boolean' },
  out: { type: 'string' },
} as const;

/** The privacy flags: --pseudonymise KEYFILE (the key is the file's text) and --without-victims. */
async function privacyFrom(values: Record<string, unknown>): Promise<PrivacyOptions> {
  const out: PrivacyOptions = { withoutVictims: values['without-victims'] === true };
  const keyFile = values.pseudonymise as string | undefined;
  if (keyFile !== undefined) {
    try {
      out.pseudonymKey = await readFile(keyFile, 'utf8');
    } catch (e) {
      throw new UsageError(
        `--pseudonymise ${keyFile}: cannot read the key file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ` +
          'make one with: head -c 24 /dev/urandom | base64 > case.key, and keep it apart from the exports',
      );
    }
  }
  return validatePrivacy(out);
}

/** Inputs from this size up (about 25,000 call rows) get a helper thread for betweenness. */
const HELPER_FROM_BYTES = 2 << 20;

/** Reads the input files of `analyze` and `plan` into a case run; null when none could be read. */
async function readCase(values: Record<string, unknown>, positionals: string[]): Promise<CaseRun | null> {
  if (!values.out) throw new UsageError('--out DIR is required: the folder that receives the exports');
  // Before any file is read: a folder that cannot be made should not cost an analysis first.
  outputFolder(values.out as string);
  const run = createCaseRun(settingsFrom(values), pkg.version, await loadSpec(values.map as string | undefined), {
    heap: () => {
      const s = getHeapStatistics();
      // Available space, not heap_size_limit, which counts the young generation's reserve too.
      return { used: s.used_heap_size, limit: s.used_heap_size + s.total_available_size };
    },
    heapAdvice:
      'Give Node more memory (the analysis takes about 3 GB per million call rows), for example ' +
      'NODE_OPTIONS=--max-old-space-size=16384 npm run unravel -- analyze …',
  });

  const inputs: Input[] = positionals.map((path) => ({ path }));
  for (const kind of RECORD_KINDS)
    for (const path of (values[kind] as string[] | undefined) ?? []) inputs.push({ path, kind });
  if (inputs.length === 0) throw new UsageError('no input files; name CSV files, or use --calls F and the like');
  const names = inputs.map((i) => basename(i.path));
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new UsageError(`two inputs are named "${clash}"; rows are reported by file name, so rename one`);
  // On a case worth it, betweenness runs part of its passes on a helper thread: started now, it is ready by the
  // time the files are read. A small case's passes take less than the thread takes to start.
  if ((await totalBytes(inputs.map((i) => i.path))) >= HELPER_FROM_BYTES) startHelperThread();

  for (const input of inputs) {
    if (!(await isFile(input.path))) {
      progress(`warning: skipped ${input.path}: no such file`);
      continue;
    }
    const detection = await detectInput(run, input);
    for (const w of detection.warnings) progress(`warning: ${detection.file}: ${w}`);
    if (detection.problems.length || !detection.kind) {
      progress(
        `warning: skipped ${detection.file}: ${detection.problems.join('; ')} (see: npm run unravel -- inspect ${input.path})`,
      );
      const hashed = await streamFile(input.path);
      run.skip(detection, hashed.sha256, hashed.bytes);
      continue;
    }
    progress(`reading ${detection.file} as ${detection.kind}`);
    const ingestor = run.read(
      detection,
      (rows) => progress(`${detection.file}: ${rows.toLocaleString('en-GB')} rows`),
      await totalBytes([input.path]),
      // The helper thread may read part of a large call file itself, from its path (see split-read.ts).
      { path: resolve(input.path) },
    );
    const hashed = await streamFile(input.path, ingestor);
    run.done(detection.file, ingestor.end(), hashed.sha256, hashed.bytes);
  }
  if (run.usable() === 0) {
    progress('error: none of the inputs could be read; nothing to analyse');
    return null;
  }
  return run;
}

async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: CASE_OPTIONS });
  const privacy = await privacyFrom(values);
  const run = await readCase(values, positionals);
  if (!run) return 2;
  const out = values.out!;
  const outcome = run.analyse(progress, undefined, privacy);
  const { result } = outcome;
  const r = redaction(result, privacy);
  const top = run.settings.top;
  const written = writeStreamed(out, (emit) => outcome.emitOutputs(emit));

  const lines: string[] = ['', 'Rows (read = used + rejected + duplicates):'];
  for (const r of reconciliation(run.inputs)) {
    lines.push(
      r.skipped
        ? `  ${r.file}: skipped (${r.skipped})`
        : `  ${r.file} [${r.kind}]: ${r.read} = ${r.used} + ${r.rejected} + ${r.duplicates}${r.reconciles ? '' : '  DOES NOT RECONCILE'}`,
    );
  }
  const g = result.network;
  lines.push(
    '',
    `Network: ${g.order} entities, ${g.size} links, ${result.analysis.communities.length} communities, ${result.resolution.merges.length} identifier links from resolution.`,
  );
  lines.push('', `Top ${Math.min(top, 10)} targets:`);
  for (const id of result.analysis.ranking.slice(0, Math.min(top, 10))) {
    const m = result.analysis.metrics.get(id)!;
    const n = g.node(id);
    lines.push(
      `  ${String(m.rank).padStart(2)}. ${r.text(n.label)} (${r.text(id)}) score ${m.score.toFixed(3)}, community ${m.community}`,
      `      ${r.text(m.why)}`,
    );
  }
  lines.push('', `Wrote ${written.join(', ')} to ${out}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function planCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...CASE_OPTIONS,
      budget: { type: 'string' },
      strategy: { type: 'string' },
      scope: { type: 'string' },
      include: { type: 'string' },
      exclude: { type: 'string' },
      unweighted: { type: 'boolean' },
      cost: { type: 'string' },
    },
  });
  const budget = positiveInt('budget', values.budget, 5);
  const strategy = (values.strategy ?? 'best') as Strategy;
  if (!(STRATEGIES as readonly string[]).includes(strategy))
    throw new UsageError(`--strategy is "${strategy}"; expected one of ${STRATEGIES.join(', ')}`);
  const scopeText = values.scope ?? 'suspects';
  const scope: PlanScope =
    scopeText === 'all'
      ? { kind: 'all' }
      : scopeText === 'suspects'
        ? { kind: 'suspects', top: positiveInt('top', values.top, 25) }
        : /^communities?:\d+(,\d+)*$/.test(scopeText)
          ? { kind: 'communities', ids: scopeText.split(':')[1]!.split(',').map(Number) }
          : (() => {
              throw new UsageError(`--scope is "${scopeText}"; expected all, suspects or community:ID[,ID…]`);
            })();
  const privacy = await privacyFrom(values);
  const run = await readCase(values, positionals);
  if (!run) return 2;
  const { result } = run.analyse(progress);
  progress(`planning ${budget} arrests (${strategy}, scope ${scopeText})`);
  const plan = planCase(result, {
    budget,
    strategy,
    scope,
    include: (values.include ?? '').split(',').filter(Boolean),
    exclude: (values.exclude ?? '').split(',').filter(Boolean),
    unweighted: values.unweighted === true,
    costs: pairs('cost', values.cost),
  });
  writeStreamed(values.out!, (emit) => {
    emit('plan.csv', planCsv(plan, result, redaction(result, privacy).text));
    emit('curves.csv', curvesCsv(plan));
  });
  const label = (id: string) => result.network.node(id).label;
  const lines = [
    '',
    `Scope: ${plan.graph.ids.length} entities; largest connected group ${plan.start.lcc}, ${plan.start.components} groups. Never arrested: ${plan.protectedIds.size} (likely victims, innocent hubs, exclusions).`,
    '',
    `Plan (${strategy}):`,
    ...plan.steps.map(
      (s) =>
        `  ${s.step}. ${label(s.id)} (${s.id}): largest group ${s.measures.lcc}, ${s.measures.components} groups${s.nextBroker ? `; next broker: ${label(s.nextBroker)}` : ''}`,
    ),
    '',
    `Largest group after ${budget} arrests, by strategy: ${Object.entries(plan.curves)
      .map(([st, c]) => `${st} ${c[c.length - 1]!.lcc}`)
      .join(', ')}`,
    '',
    `Wrote plan.csv and curves.csv to ${values.out}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function inspectCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      map: { type: 'string' },
      country: { type: 'string' },
      tz: { type: 'string' },
      currency: { type: 'string' },
      'write-spec': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('inspect needs at least one file');
  const run = createCaseRun(settingsFrom(values), pkg.version, await loadSpec(values.map));
  const written: MappingSpec = { version: 1, files: {} };
  let ready = 0;
  for (const path of positionals) {
    if (!(await isFile(path))) {
      process.stdout.write(`\n${path}: no such file\n`);
      continue;
    }
    const d = await detectInput(run, { path });
    const out = [
      `\n${d.file}`,
      `  kind:       ${d.kind ?? 'unknown'}`,
      `  encoding:   ${d.encoding}${d.bom ? ' (with BOM)' : ''}`,
      `  delimiter:  ${d.delimiter === '\t' ? 'tab' : d.delimiter}`,
    ];
    if (d.kind) {
      out.push('  columns:');
      for (const [field, header] of Object.entries(d.columns)) out.push(`    ${field.padEnd(12)} <- "${header}"`);
      const unmapped = d.headers.filter((h) => !Object.values(d.columns).includes(h));
      if (unmapped.length) out.push(`    (not used: ${unmapped.map((h) => `"${h}"`).join(', ')})`);
      if (d.formats.dateFormat)
        out.push(`  dates:      ${DATE_FORMAT_LABELS[d.formats.dateFormat]}, zone ${d.formats.timeZone}`);
      if (d.kind === 'transfers') out.push(`  decimal:    "${d.formats.decimal}"`);
    }
    out.push('  detection:', ...d.notes.map((n) => `    ${n}`));
    if (d.warnings.length) out.push('  warnings:', ...d.warnings.map((w) => `    ${w}`));
    if (d.problems.length) out.push('  NEEDS A MAPPING:', ...d.problems.map((p) => `    ${p}`));
    else {
      ready++;
      out.push(
        '  sample rows, normalised:',
        ...previewRows(d).map((r) =>
          'record' in r
            ? `    row ${r.row}: ${JSON.stringify(r.record)}`
            : `    row ${r.row}: rejected (${r.rejected.code}, column "${r.rejected.column}"): ${r.rejected.message}`,
        ),
      );
    }
    process.stdout.write(out.join('\n') + '\n');
    written.files[d.file] = specFromDetection(d);
  }
  if (values['write-spec']) {
    await writeFile(values['write-spec'], JSON.stringify(written, null, 2) + '\n', 'utf8');
    process.stdout.write(`\nWrote a mapping spec to ${values['write-spec']}: edit it, then pass it with --map.\n`);
  }
  return ready === positionals.length ? 0 : 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze' || command === 'analyse') return await analyzeCommand(rest);
    if (command === 'inspect') return await inspectCommand(rest);
    if (command === 'plan') return await planCommand(rest);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 1 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`unravel: error: ${e.message}\n`);
      if (e instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
      return 1;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`unravel: error: ${e.message}\n\n${USAGE}\n`);
      return 1;
    }
    throw e;
  }
}
