// The app's entry: start page, import screen, progress, then the workspace. All analysis runs in the worker;
// this thread only reads the files the analyst picks and draws.
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../analysis/pipeline';
import { validateTimeZone } from '../lib/time-zones';
import { DATE_FORMAT_LABELS, DATE_FORMATS } from '../ingest/dates';
import { specFromDetection, validateSpec, type FileSpec, type MappingSpec } from '../ingest/spec';
import { REQUIRED } from '../ingest/columns';
import { RECORD_KINDS, RESOLUTION_RULES, type ResolutionRule } from '../model/types';
import { Cancelled, createWorkerClient } from '../worker/client';
import type { CaseView, EdgeColumns, FileDetection, InputFile, Progress } from '../worker/messages';
import { EdgeTable } from '../worker/edge-columns';
import { nodesFromColumns, type NodeColumns } from '../worker/node-columns';
import { download, fill, h, selectField } from './dom';
import { compareFiles, logEntry, MAX_PROJECT_BYTES, readProject, type LogEntry, type ProjectFile } from './project';
import { openWorkspace, type Workspace } from './workspace';
import { sharedRenderer } from './view';

/** The bundled case, served from this origin like any other asset of the app. */
const SAMPLE_FILES = import.meta.glob('../../samples/case/*.csv', { query: '?url', import: 'default', eager: true });
/** The same settings as `npm run demo`, so the app and the CLI give the same list. */
export const SAMPLE_SETTINGS: CaseSettings = {
  ...DEFAULT_CASE_SETTINGS,
  timeZone: 'Europe/London',
  timeZoneStated: true,
};

/** A file the analyst added: a reference to it (never its bytes: the worker reads it in slices). */
interface LoadedFile {
  name: string;
  file: Blob;
  /** Known once the worker has hashed it, at detection. */
  sha256?: string;
  override: FileSpec;
  detection?: FileDetection;
}

const root = document.getElementById('app')!;
const client = createWorkerClient(
  () => new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' }),
);
let files: LoadedFile[] = [];
let settings: CaseSettings = { ...DEFAULT_CASE_SETTINGS };
let spec: MappingSpec | undefined;
let pendingProject: ProjectFile | null = null;
let workspace: Workspace | null = null;
/** What was done in this workspace, oldest first; saved in the project file. */
let log: LogEntry[] = [];
const record = (action: LogEntry['action'], detail: string) => log.push(logEntry(action, detail));

function status(text: string, kind: 'info' | 'error' = 'info') {
  const el = document.getElementById('status');
  if (el) {
    el.textContent = text;
    el.className = `status ${kind}`;
  }
}

function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'file', accept, multiple, style: { display: 'none' } });
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

async function addFiles(list: File[]) {
  const projectFile = list.find((f) => f.name.endsWith('.unravel.json'));
  if (projectFile) await loadProject(projectFile);
  for (const f of list) {
    if (f === projectFile) continue;
    const existing = files.findIndex((x) => x.name === f.name);
    const entry: LoadedFile = { name: f.name, file: f, override: {} };
    if (existing >= 0) files[existing] = entry;
    else files.push(entry);
  }
  if (files.length) await detectAll();
}

async function loadProject(file: File) {
  try {
    if (file.size > MAX_PROJECT_BYTES)
      throw new Error(
        `project: ${file.name} is larger than ${MAX_PROJECT_BYTES / (1024 * 1024)} MB: not a project file`,
      );
    pendingProject = readProject(await file.text());
    log = [...pendingProject.log, logEntry('project', `opened ${file.name}`)];
    settings = pendingProject.settings;
    for (const f of files) f.override = pendingProject.files.find((p) => p.name === f.name)?.mapping ?? f.override;
  } catch (e) {
    status((e as Error).message, 'error');
  }
}

async function detectAll() {
  if (pendingProject)
    for (const f of files) {
      const saved = pendingProject.files.find((p) => p.name === f.name);
      if (saved && Object.keys(f.override).length === 0) f.override = saved.mapping;
    }
  try {
    // Files cross to the worker as references; it reads their first bytes, and hashes each once, streaming.
    const { detections } = await client.call({ type: 'detect', files: inputs(), settings, spec });
    detections.forEach((d, i) => {
      const f = files[i]!;
      if (!f.sha256) record('import', `${f.name}: ${d.bytes.toLocaleString('en')} bytes, sha256 ${d.sha256}`);
      f.detection = d;
      f.sha256 = d.sha256;
    });
    showImport();
  } catch (e) {
    if (!(e instanceof Cancelled)) showStart((e as Error).message);
  }
}

/** The tab's heap limit, in Chromium (performance.memory); undefined elsewhere. */
function heapLimit(): number | undefined {
  return (performance as { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit;
}

/** Items taken in per message from the worker: each message is a task of its own on this thread. */
const SLICE = { nodes: 1_000, edges: 5_000 } as const;

function inputs(): InputFile[] {
  return files.map((f) => ({ name: f.name, file: f.file, sha256: f.sha256, override: f.override }));
}

// ---------------------------------------------------------------------------------------------------------------
// Start page

function showStart(error?: string) {
  workspace?.dispose();
  workspace = null;
  const drop = h(
    'div',
    { class: 'drop', tabIndex: 0, role: 'button', 'aria-label': 'Add files: drop CSV exports here or press Enter' },
    h('strong', null, 'Drop CSV exports here'),
    h('span', null, 'call records, bank transfers, travel manifests, subscriber registers, edge lists'),
    h('span', { class: 'muted' }, 'or a project file (.unravel.json) with its files'),
  );
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void addFiles([...(e.dataTransfer?.files ?? [])]);
  });
  const add = async () => addFiles(await pickFiles('.csv,.tsv,.txt,.json', true));
  drop.addEventListener('click', add);
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') void add();
  });
  fill(
    root,
    h(
      'div',
      { class: 'start' },
      h('h1', null, 'Unravel'),
      h(
        'p',
        { class: 'lead' },
        'Turn agency exports into one network, find who holds it together, and see the evidence. Everything stays on this computer: nothing is sent anywhere.',
      ),
      error ? h('p', { class: 'status error', role: 'alert' }, error) : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'primary', id: 'open-sample', onclick: openSample }, 'Open the sample case'),
        h('button', { id: 'add-files', onclick: add }, 'Add files…'),
      ),
      drop,
      settingsForm(),
      h('p', { id: 'status', class: 'status', role: 'status' }),
    ),
  );
}

function settingsForm(): HTMLElement {
  const field = (label: string, input: HTMLElement, hint?: string) =>
    h('label', null, h('span', null, label), input, hint ? h('small', null, hint) : null);
  const text = (value: string, on: (v: string) => void, name: string) =>
    h('input', { type: 'text', value, name, onchange: (e: Event) => on((e.target as HTMLInputElement).value.trim()) });
  const num = (value: number, on: (v: number) => void, name: string, step = '1') =>
    h('input', {
      type: 'number',
      value: String(value),
      step,
      min: '0',
      name,
      onchange: (e: Event) => on(Number((e.target as HTMLInputElement).value)),
    });
  return h(
    'details',
    { class: 'settings' },
    h('summary', null, 'Settings: country, time zone, currency, seed, list length, resolution rules'),
    h(
      'div',
      { class: 'grid' },
      field(
        'Country',
        text(settings.country, (v) => (settings.country = v.toUpperCase()), 'country'),
        'for numbers written without +',
      ),
      field(
        'Time zone',
        text(settings.timeZone, (v) => (settings = { ...settings, timeZone: v, timeZoneStated: true }), 'tz'),
        'of times written without an offset',
      ),
      field(
        'Currency',
        text(settings.currency, (v) => (settings.currency = v.toUpperCase()), 'currency'),
        'for amounts without one',
      ),
      field(
        'Seed',
        num(settings.seed, (v) => (settings.seed = v), 'seed'),
        'same seed, same result',
      ),
      field(
        'Targets listed',
        num(settings.top, (v) => (settings.top = v), 'top'),
      ),
      field(
        'Community resolution',
        num(settings.resolution, (v) => (settings.resolution = v), 'resolution', '0.1'),
      ),
      field(
        'Co-travel window (hours)',
        num(settings.coTravelHours, (v) => (settings.coTravelHours = v), 'co-travel-hours'),
        'departures on one service this close are one journey',
      ),
      field(
        'Reporting thresholds',
        text(
          Object.entries(settings.thresholds)
            .map(([c, t]) => `${c}=${t}`)
            .join(', '),
          (v) => {
            const out: Record<string, number> = {};
            for (const part of v.split(',').filter((x) => x.trim())) {
              const [c, t] = part.split('=');
              if (c && Number(t) > 0) out[c.trim().toUpperCase()] = Number(t);
            }
            settings.thresholds = out;
          },
          'thresholds',
        ),
        'CUR=amount: transfers just under count as structuring',
      ),
      h(
        'fieldset',
        null,
        h('legend', null, 'Link identifiers to people by'),
        RESOLUTION_RULES.map((rule) =>
          h(
            'label',
            { class: 'inline' },
            h('input', {
              type: 'checkbox',
              checked: settings.rules.includes(rule),
              onchange: (e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                settings.rules = on
                  ? ([...new Set([...settings.rules, rule])] as ResolutionRule[])
                  : settings.rules.filter((r) => r !== rule);
              },
            }),
            ` ${rule}`,
          ),
        ),
      ),
    ),
  );
}

async function openSample() {
  status('Loading the sample case…');
  files = [];
  log = [];
  settings = { ...SAMPLE_SETTINGS };
  pendingProject = null;
  spec = undefined;
  const entries = Object.entries(SAMPLE_FILES).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [path, url] of entries) {
    const response = await fetch(url as string);
    files.push({ name: path.split('/').pop()!, file: await response.blob(), override: {} });
  }
  await analyse();
}

// ---------------------------------------------------------------------------------------------------------------
// Import screen

function option(value: string, label: string, selected: boolean) {
  return h('option', { value, selected }, label);
}

function fileCard(f: LoadedFile, index: number): HTMLElement {
  const d = f.detection!;
  const change = (patch: Partial<FileSpec>) => {
    f.override = { ...f.override, ...patch };
    void detectAll();
  };
  const select = selectField;
  const needs = d.kind ? `Needed: ${REQUIRED[d.kind].map((set) => set.join(' + ')).join(', or ')}.` : '';
  const mapping = d.kind
    ? h(
        'table',
        { class: 'mapping' },
        h('caption', null, 'Columns (field ← header in the file); correct any that are wrong'),
        h(
          'tbody',
          null,
          d.fields.map((field) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, field),
              h(
                'td',
                null,
                h(
                  'select',
                  {
                    'aria-label': `column for ${field}`,
                    onchange: (e: Event) => {
                      const header = (e.target as HTMLSelectElement).value;
                      // Earlier corrections may not have been re-detected yet: keep them too.
                      const columns: Record<string, string> = {};
                      for (const [k, v] of Object.entries({ ...d.columns, ...f.override.columns }))
                        if (v) columns[k] = v;
                      if (header) columns[field] = header;
                      else delete columns[field];
                      change({ kind: d.kind!, columns });
                    },
                  },
                  option('', '— not in this file —', !d.columns[field]),
                  d.headers.map((hd) => option(hd, hd, d.columns[field] === hd)),
                ),
              ),
            ),
          ),
        ),
      )
    : null;
  const keys = [...new Set(d.preview.flatMap((p) => ('record' in p ? Object.keys(p.record) : [])))];
  const preview = h(
    'div',
    { class: 'scroll-x' },
    h(
      'table',
      { class: 'preview' },
      h('caption', null, 'First rows, normalised as the analysis will read them'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'row'),
          keys.map((k) => h('th', null, k)),
        ),
      ),
      h(
        'tbody',
        null,
        d.preview.map((p) =>
          'record' in p
            ? h(
                'tr',
                null,
                h('td', null, p.row),
                keys.map((k) => h('td', null, cell(p.record[k], k))),
              )
            : h(
                'tr',
                { class: 'rejected' },
                h('td', null, p.row),
                h(
                  'td',
                  { colSpan: Math.max(1, keys.length) },
                  `rejected (${p.rejected.code}, column "${p.rejected.column}"): ${p.rejected.message}`,
                ),
              ),
        ),
      ),
    ),
  );
  const raw = h(
    'details',
    { open: !d.kind },
    h('summary', null, 'Rows as written in the file'),
    h(
      'div',
      { class: 'scroll-x' },
      h(
        'table',
        { class: 'preview raw' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            d.headers.map((hd) => h('th', null, hd)),
          ),
        ),
        h(
          'tbody',
          null,
          d.raw.map((r) =>
            h(
              'tr',
              null,
              r.map((c) => h('td', null, c)),
            ),
          ),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: `file-card ${d.problems.length ? 'blocked' : ''}`, 'aria-label': `file ${f.name}` },
    h(
      'header',
      null,
      h('h3', null, f.name),
      h('span', { class: 'muted' }, `${(d.bytes / 1024).toFixed(1)} KB · sha256 ${d.sha256.slice(0, 12)}…`),
      h(
        'button',
        {
          class: 'link',
          onclick: () => ((files = files.filter((_, i) => i !== index)), files.length ? void detectAll() : showStart()),
        },
        'Remove',
      ),
    ),
    h(
      'div',
      { class: 'row' },
      select(
        'Kind',
        d.kind ?? '',
        [['', 'not recognised'], ...RECORD_KINDS.map((k) => [k, k] as [string, string])],
        (v) => change(v ? { kind: v as FileSpec['kind'], columns: undefined } : { kind: undefined }),
      ),
      select(
        'Encoding',
        d.encoding,
        ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'].map((e) => [e, e]),
        (v) => change({ encoding: v as FileSpec['encoding'] }),
      ),
      select(
        'Delimiter',
        d.delimiter,
        [
          [',', 'comma'],
          [';', 'semicolon'],
          ['\t', 'tab'],
          ['|', 'pipe'],
        ],
        (v) => change({ delimiter: v as FileSpec['delimiter'] }),
      ),
      d.kind && d.kind !== 'subscribers'
        ? select(
            'Dates',
            d.formats.dateFormat ?? '',
            [['', 'not detected'], ...DATE_FORMATS.map((x) => [x, DATE_FORMAT_LABELS[x]] as [string, string])],
            (v) => change({ dateFormat: (v || undefined) as FileSpec['dateFormat'] }),
          )
        : null,
      d.kind === 'transfers'
        ? select(
            'Decimal',
            d.formats.decimal,
            [
              ['.', 'point'],
              [',', 'comma'],
            ],
            (v) => change({ decimal: v as '.' | ',' }),
          )
        : null,
      h(
        'label',
        null,
        h('span', null, 'Time zone of times without an offset'),
        h('input', {
          type: 'text',
          value: d.formats.timeZone,
          'aria-label': `time zone of ${f.name}`,
          onchange: (e: Event) => {
            const zone = (e.target as HTMLInputElement).value.trim();
            try {
              validateTimeZone(zone);
              change({ timeZone: zone });
            } catch (err) {
              status((err as Error).message, 'error');
            }
          },
        }),
      ),
    ),
    d.problems.length
      ? h(
          'ul',
          { class: 'problems', role: 'alert' },
          d.problems.map((p) => h('li', null, p)),
        )
      : null,
    d.warnings.length
      ? h(
          'ul',
          { class: 'warnings' },
          d.warnings.map((p) => h('li', null, p)),
        )
      : null,
    h(
      'details',
      null,
      h('summary', null, 'How it was detected'),
      h(
        'ul',
        null,
        d.notes.map((n) => h('li', null, n)),
      ),
    ),
    d.kind ? null : h('p', null, 'Choose the kind of file above; its columns can then be mapped field by field.'),
    mapping,
    needs ? h('p', { class: 'muted' }, needs) : null,
    raw,
    d.kind ? preview : null,
  );
}

function cell(v: unknown, key: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' && /start|time|date|departure/.test(key))
    return new Date(v).toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

function currentSpec(): MappingSpec {
  const out: MappingSpec = { version: 1, files: {} };
  for (const f of files) if (f.detection) out.files[f.name] = specFromDetection(f.detection);
  return out;
}

function showImport() {
  const ready = files.filter((f) => f.detection && !f.detection.problems.length && f.detection.kind).length;
  let projectNote: HTMLElement | null = null;
  if (pendingProject) {
    const diff = compareFiles(
      pendingProject,
      files.map((f) => ({ name: f.name, sha256: f.sha256 ?? '' })),
    );
    const lines = [
      diff.missing.length ? `Missing files of the project: ${diff.missing.join(', ')}.` : '',
      diff.changed.length ? `Changed since the project was saved (another hash): ${diff.changed.join(', ')}.` : '',
      diff.extra.length ? `Not in the project: ${diff.extra.join(', ')}.` : '',
    ].filter(Boolean);
    projectNote = h(
      'p',
      { class: lines.length ? 'status error' : 'status' },
      lines.length
        ? lines.join(' ')
        : 'Project file: all its files are here, unchanged. Analyse to reopen the workspace.',
    );
  }
  fill(
    root,
    h(
      'div',
      { class: 'import' },
      h(
        'header',
        { class: 'bar' },
        h('h1', null, 'Unravel'),
        h('span', null, `Import: ${files.length} file${files.length === 1 ? '' : 's'}, ${ready} ready`),
        h('span', { class: 'grow' }),
        h('button', { onclick: async () => addFiles(await pickFiles('.csv,.tsv,.txt,.json', true)) }, 'Add files…'),
        h(
          'button',
          {
            onclick: () =>
              download('unravel-mapping.json', JSON.stringify(currentSpec(), null, 2) + '\n', 'application/json'),
          },
          'Save mapping spec',
        ),
        h(
          'button',
          {
            onclick: async () => {
              const [file] = await pickFiles('.json', false);
              if (!file) return;
              try {
                spec = validateSpec(JSON.parse(await file.text()));
                for (const f of files) f.override = {};
                await detectAll();
              } catch (e) {
                status(`That mapping spec cannot be used: ${(e as Error).message}`, 'error');
              }
            },
          },
          'Load mapping spec…',
        ),
        h('button', { onclick: () => showStart() }, 'Back'),
        h(
          'button',
          { class: 'primary', id: 'analyse', disabled: ready === 0, onclick: analyse },
          `Analyse ${ready} file${ready === 1 ? '' : 's'}`,
        ),
      ),
      h('p', { id: 'status', class: 'status', role: 'status' }),
      projectNote,
      settingsForm(),
      files.map((f, i) => fileCard(f, i)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Progress, then the workspace

async function analyse() {
  const rows = new Map<string, { bar: HTMLProgressElement; text: HTMLElement }>();
  const list = h('div', { class: 'progress-list' });
  const line = (key: string, label: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { bar: h('progress', { max: 1, 'aria-label': `progress of ${label}` }), text: h('span', { class: 'muted' }) };
      rows.set(key, r);
      list.append(h('div', { class: 'progress-row' }, h('strong', null, label), r.bar, r.text));
    }
    return r;
  };
  for (const f of files) line(f.name, f.name).text.textContent = 'waiting';
  line('', 'Analysis').text.textContent = 'waiting for the files';
  fill(
    root,
    h(
      'div',
      { class: 'start', 'aria-busy': 'true' },
      h('h1', null, 'Reading and analysing'),
      h('p', { class: 'muted' }, 'This runs in a background worker: the page stays responsive, and Cancel stops it.'),
      list,
      h('button', { id: 'cancel', onclick: () => client.cancel() }, 'Cancel'),
    ),
  );
  const onProgress = (p: Progress) => {
    const r = line(p.file, p.file || 'Analysis');
    if (p.fraction >= 0) r.bar.value = p.fraction;
    else r.bar.removeAttribute('value');
    r.text.textContent = p.step;
  };
  let view: CaseView;
  try {
    performance.mark('unravel:analyse');
    const analysed = await client.call(
      { type: 'analyse', files: inputs(), settings, spec, memoryLimit: heapLimit(), inSlices: true },
      onProgress,
    );
    view = analysed.view;
    // Both come as columns. The entities are read through an object each; the links stay in columns of the
    // case's size, and are read through an object made at each reading, with the entities taken in before them.
    const links = new EdgeTable(view.counts.edges, view.nodes);
    for (const part of ['nodes', 'edges'] as const) {
      const total = view.counts[part];
      for (let at = 0; at < total; at += SLICE[part]) {
        onProgress({
          file: '',
          step: `taking in ${part}: ${at.toLocaleString('en')} of ${total.toLocaleString('en')}`,
          fraction: at / total,
        });
        const { items } = await client.call({ type: 'slice', part, from: at, to: at + SLICE[part] });
        if (part === 'edges') links.take(items as EdgeColumns);
        else for (const n of nodesFromColumns(items as NodeColumns)) view.nodes.push(n);
      }
    }
    view.edges = links;
    // The ranking came as the entities' places, and the findings come now: each in a task of its own.
    view.ranking = Array.from(analysed.rankingPlaces ?? [], (i) => view.nodes[i]!.id);
    view.findings = (await client.call({ type: 'findings' })).findings;
  } catch (e) {
    if (e instanceof Cancelled) {
      if (files.length && files.every((f) => f.detection)) showImport();
      else showStart('Cancelled.');
      status('Cancelled: nothing was analysed.');
      return;
    }
    return showStart((e as Error).message);
  }
  performance.mark('unravel:analysed');
  for (const f of files) {
    const input = view.inputs.find((i) => i.name === f.name);
    if (f.sha256 || !input) continue;
    f.sha256 = input.sha256;
    record('import', `${f.name}: ${input.bytes.toLocaleString('en')} bytes, sha256 ${input.sha256}`);
  }
  const totals = view.inputs.reduce(
    (t, i) => ({
      read: t.read + i.report.rowsRead,
      used: t.used + i.report.rowsUsed,
      rejected: t.rejected + i.report.rowsRejected,
    }),
    { read: 0, used: 0, rejected: 0 },
  );
  record(
    'analyse',
    `${view.inputs.length} files: ${totals.read.toLocaleString('en')} rows read, ${totals.used.toLocaleString('en')} used, ` +
      `${totals.rejected.toLocaleString('en')} rejected; ${view.counts.merges.toLocaleString('en')} identifiers merged into ` +
      `${view.nodes.length.toLocaleString('en')} entities (rules ${view.settings.rules.join(', ')}` +
      `${view.settings.unmerge.length ? `; undone: ${view.settings.unmerge.join(', ')}` : ''}); seed ${view.settings.seed}`,
  );
  root.replaceChildren();
  const project = pendingProject;
  pendingProject = null;
  workspace = openWorkspace(root, view, client, {
    project,
    files: () =>
      files.map((f) => ({
        name: f.name,
        sha256: view.inputs.find((i) => i.name === f.name)?.sha256 ?? '',
        bytes: f.file.size,
        mapping: view.mappings[f.name] ?? f.override,
      })),
    close: () => {
      files = [];
      log = [];
      settings = { ...DEFAULT_CASE_SETTINGS };
      spec = undefined;
      showStart();
      // Set up the WebGL renderer while the start page is idle, so opening a case does not wait for it.
      const warmUp = () => sharedRenderer();
      if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 2000 });
      else setTimeout(warmUp, 200);
    },
    reimport: () => void detectAll(),
    reanalyse: (patch, keep) => {
      settings = { ...settings, ...patch };
      pendingProject = { app: 'unravel', version: 1, files: [], settings, edits: keep.edits, view: keep, log };
      void analyse();
    },
    log: () => log,
    record,
  });
}

showStart();
// Set up the WebGL renderer while the start page is idle, so opening a case does not wait for it.
const warmUp = () => sharedRenderer();
if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 2000 });
else setTimeout(warmUp, 200);
