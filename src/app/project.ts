// The project file: what reopens a workspace when the same files are supplied (their names, hashes and
// mappings; the settings; the analyst's list edits and notes; the view's filters and appearance) and the
// log of what was done in it. A project file comes from outside like any input: every value is checked on
// load, and a wrong one is named.
import { appError } from '../lib/errors';
import { validateSpec, type FileSpec } from '../ingest/spec';
import { DEFAULT_CASE_SETTINGS, validateSettings, type CaseSettings } from '../analysis/pipeline';
import type { ListEdits } from './target-list';
import { DEFAULT_FILTERS, type Filters } from './filters';
import { COLOUR_BY, SIZE_METRICS, type ColourBy, type SizeBy } from './palette';
import type { Layer } from '../graph/build';

/** What the action log records. */
export const LOG_ACTIONS = ['import', 'analyse', 'override', 'unmerge', 'edit', 'export', 'project'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export interface LogEntry {
  /** ISO 8601, UTC. */
  at: string;
  action: LogAction;
  detail: string;
}

export interface ProjectFile {
  app: 'unravel';
  version: 1;
  files: { name: string; sha256: string; bytes: number; mapping: FileSpec }[];
  settings: CaseSettings;
  edits: ListEdits;
  view: {
    filters: Omit<Filters, 'from' | 'to'> & { from: number | null; to: number | null };
    colourBy: ColourBy;
    sizeBy: SizeBy;
  };
  /** Imports, analyses, overrides, undone merges, list edits and exports, oldest first. */
  log: LogEntry[];
}

/** Larger than any real project (a million log entries would be ~100 MB): refused before it is parsed. */
export const MAX_PROJECT_BYTES = 64 * 1024 * 1024;
const MAX_TEXT = 10_000;

export function projectFile(
  files: ProjectFile['files'],
  settings: CaseSettings,
  edits: ListEdits,
  filters: Filters,
  colourBy: ColourBy,
  sizeBy: SizeBy,
  log: LogEntry[],
): string {
  const project: ProjectFile = {
    app: 'unravel',
    version: 1,
    files,
    settings,
    edits,
    view: viewState(filters, colourBy, sizeBy),
    log,
  };
  return JSON.stringify(project, null, 2) + '\n';
}

/** The view as a project keeps it: an open time range end is null (JSON has no Infinity). */
export function viewState(filters: Filters, colourBy: ColourBy, sizeBy: SizeBy): ProjectFile['view'] {
  const openEnd = (t: number) => (Number.isFinite(t) ? t : null);
  return { filters: { ...filters, from: openEnd(filters.from), to: openEnd(filters.to) }, colourBy, sizeBy };
}

/** A log entry for now. */
export function logEntry(action: LogAction, detail: string, now = new Date()): LogEntry {
  return { at: now.toISOString(), action, detail };
}

const fail = (message: string): never => {
  throw appError('project', message);
};

function object(where: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be an object`);
  return v as Record<string, unknown>;
}

function text(where: string, v: unknown, max = MAX_TEXT): string {
  if (typeof v !== 'string') fail(`${where} must be text`);
  if ((v as string).length > max) fail(`${where} is longer than ${max} characters`);
  return v as string;
}

function strings(where: string, v: unknown): string[] {
  if (!Array.isArray(v)) fail(`${where} must be a list of strings`);
  return (v as unknown[]).map((s, i) => text(`${where}[${i}]`, s));
}

function finite(where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where} must be a number`);
  return v as number;
}

function oneOf<T extends string>(where: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    fail(`${where} is ${JSON.stringify(v)}; expected one of ${allowed.join(', ')}`);
  return v as T;
}

/** Settings from JSON: each known key of the right type, no other key; then the core's own checks. */
function readSettings(json: unknown): CaseSettings {
  const o = object('settings', json);
  const out: Record<string, unknown> = { ...DEFAULT_CASE_SETTINGS };
  for (const [key, value] of Object.entries(o)) {
    if (!Object.hasOwn(DEFAULT_CASE_SETTINGS, key))
      fail(`settings.${key} is not a setting; expected ${Object.keys(DEFAULT_CASE_SETTINGS).join(', ')}`);
    const model = (DEFAULT_CASE_SETTINGS as unknown as Record<string, unknown>)[key];
    const where = `settings.${key}`;
    if (typeof model === 'number') out[key] = finite(where, value);
    else if (typeof model === 'boolean') {
      if (typeof value !== 'boolean') fail(`${where} must be true or false`);
      out[key] = value;
    } else if (typeof model === 'string') out[key] = text(where, value, 100);
    else if (Array.isArray(model)) out[key] = strings(where, value);
    else {
      const record = object(where, value);
      const checked: Record<string, number> = Object.create(null);
      for (const [k, x] of Object.entries(record)) checked[k] = finite(`${where}.${k}`, x);
      out[key] = checked;
    }
  }
  try {
    return validateSettings(out as unknown as CaseSettings);
  } catch (e) {
    return fail((e as Error).message);
  }
}

function readFilters(json: unknown): ProjectFile['view']['filters'] {
  const f = object('view.filters', json);
  const layers = object('view.filters.layers', f.layers ?? DEFAULT_FILTERS.layers);
  const out = { ...DEFAULT_FILTERS.layers };
  for (const [k, v] of Object.entries(layers)) {
    if (!Object.hasOwn(out, k))
      fail(`view.filters.layers.${k} is not a layer; expected ${Object.keys(out).join(', ')}`);
    if (typeof v !== 'boolean') fail(`view.filters.layers.${k} must be true or false`);
    out[k as Layer] = v as boolean;
  }
  const end = (where: string, v: unknown) => (v === null || v === undefined ? null : finite(where, v));
  const minWeight = f.minWeight === undefined ? 0 : finite('view.filters.minWeight', f.minWeight);
  if (minWeight < 0) fail('view.filters.minWeight must be 0 or more');
  let communities: number[] | null = null;
  if (f.communities !== null && f.communities !== undefined) {
    if (!Array.isArray(f.communities)) fail('view.filters.communities must be a list of community numbers, or null');
    communities = (f.communities as unknown[]).map((c, i) => {
      if (!Number.isInteger(c) || (c as number) < 0) fail(`view.filters.communities[${i}] must be a whole number ≥ 0`);
      return c as number;
    });
  }
  return {
    layers: out,
    from: end('view.filters.from', f.from),
    to: end('view.filters.to', f.to),
    minWeight,
    communities,
  };
}

function readLog(json: unknown): LogEntry[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) fail('"log" must be a list');
  return (json as unknown[]).map((raw, i) => {
    const e = object(`log[${i}]`, raw);
    const at = text(`log[${i}].at`, e.at, 40);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(at) || Number.isNaN(Date.parse(at)))
      fail(`log[${i}].at is ${JSON.stringify(at)}; expected a UTC time such as 2026-01-31T09:00:00.000Z`);
    return { at, action: oneOf(`log[${i}].action`, e.action, LOG_ACTIONS), detail: text(`log[${i}].detail`, e.detail) };
  });
}

/** Reads a project file; throws an AppError naming the first wrong entry. */
export function readProject(source: string): ProjectFile {
  if (source.length > MAX_PROJECT_BYTES)
    fail(`larger than ${MAX_PROJECT_BYTES / (1024 * 1024)} MB: not a project file`);
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    fail(`not valid JSON: ${(e as Error).message}`);
  }
  const root = object('the project', json);
  if (root.app !== 'unravel' || root.version !== 1)
    fail('not an Unravel project file (expected "app": "unravel", "version": 1)');
  if (!Array.isArray(root.files)) fail('"files" must be a list');
  const names = new Set<string>();
  const files = (root.files as unknown[]).map((f, i) => {
    const o = object(`files[${i}]`, f);
    const name = text(`files[${i}].name`, o.name, 1000);
    if (name === '' || names.has(name)) fail(`files[${i}].name is empty or named twice`);
    names.add(name);
    const sha256 = text(`files[${i}].sha256`, o.sha256, 64);
    if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`files[${i}].sha256 must be 64 hexadecimal digits`);
    if (!Number.isSafeInteger(o.bytes) || (o.bytes as number) < 0) fail(`files[${i}].bytes must be a whole number ≥ 0`);
    let mapping: FileSpec;
    try {
      const files: Record<string, unknown> = Object.create(null);
      files[name] = o.mapping ?? {};
      mapping = validateSpec({ version: 1, files }).files[name]!;
    } catch (e) {
      return fail(`files[${i}].mapping: ${(e as Error).message}`);
    }
    return { name, sha256, bytes: o.bytes as number, mapping };
  });
  const settings = readSettings(root.settings);
  const e = object('edits', root.edits ?? {});
  const notesIn = object('edits.notes', e.notes ?? {});
  const notes: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(notesIn)) notes[text('edits.notes key', k, 1000)] = text(`edits.notes.${k}`, v);
  const edits: ListEdits = {
    order: e.order === null || e.order === undefined ? null : strings('edits.order', e.order),
    pinned: strings('edits.pinned', e.pinned ?? []),
    removed: strings('edits.removed', e.removed ?? []),
    notes,
  };
  const view = object('view', root.view ?? {});
  return {
    app: 'unravel',
    version: 1,
    files,
    settings,
    edits,
    view: {
      filters: readFilters(view.filters ?? {}),
      colourBy: view.colourBy === undefined ? 'community' : oneOf('view.colourBy', view.colourBy, COLOUR_BY),
      sizeBy: view.sizeBy === undefined ? 'score' : oneOf('view.sizeBy', view.sizeBy, SIZE_METRICS),
    },
    log: readLog(root.log),
  };
}

/** How the supplied files compare with the project's: which are missing, changed (another hash) or new. */
export function compareFiles(
  project: ProjectFile,
  supplied: { name: string; sha256: string }[],
): { missing: string[]; changed: string[]; extra: string[] } {
  const have = new Map(supplied.map((s) => [s.name, s.sha256]));
  const want = new Set(project.files.map((f) => f.name));
  return {
    missing: project.files.filter((f) => !have.has(f.name)).map((f) => f.name),
    changed: project.files.filter((f) => have.has(f.name) && have.get(f.name) !== f.sha256).map((f) => f.name),
    extra: supplied.filter((s) => !want.has(s.name)).map((s) => s.name),
  };
}
