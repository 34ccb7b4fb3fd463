// The project file: what reopens a workspace when the same files are supplied (their names, hashes and
// mappings; the settings; the analyst's list edits and notes; the view's filters and appearance).
import { appError } from '../lib/errors';
import { validateSpec, type FileSpec } from '../ingest/spec';
import { validateSettings, type CaseSettings } from '../analysis/pipeline';
import type { ListEdits } from './target-list';
import type { Filters } from './filters';

export interface ProjectFile {
  app: 'unravel';
  version: 1;
  files: { name: string; sha256: string; bytes: number; mapping: FileSpec }[];
  settings: CaseSettings;
  edits: ListEdits;
  view: {
    filters: Omit<Filters, 'from' | 'to'> & { from: number | null; to: number | null };
    colourBy: string;
    sizeBy: string;
  };
}

function project(
  files: ProjectFile['files'],
  settings: CaseSettings,
  edits: ListEdits,
  view: ProjectFile['view'],
): ProjectFile {
  return { app: 'unravel', version: 1, files, settings, edits, view };
}

export function projectFile(
  files: ProjectFile['files'],
  settings: CaseSettings,
  edits: ListEdits,
  filters: Filters,
  colourBy: string,
  sizeBy: string,
): string {
  return JSON.stringify(project(files, settings, edits, viewState(filters, colourBy, sizeBy)), null, 2) + '\n';
}

/** The view as a project keeps it: an open time range end is null (JSON has no Infinity). */
export function viewState(filters: Filters, colourBy: string, sizeBy: string): ProjectFile['view'] {
  const openEnd = (t: number) => (Number.isFinite(t) ? t : null);
  return { filters: { ...filters, from: openEnd(filters.from), to: openEnd(filters.to) }, colourBy, sizeBy };
}

function object(where: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw appError('project', `${where} must be an object`);
  return v as Record<string, unknown>;
}

function strings(where: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw appError('project', `${where} must be a list of strings`);
  return v as string[];
}

/** Reads a project file; throws an AppError naming the first wrong entry. */
export function readProject(text: string): ProjectFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw appError('project', `not valid JSON: ${(e as Error).message}`);
  }
  const root = object('the project', json);
  if (root.app !== 'unravel' || root.version !== 1)
    throw appError('project', 'not an Unravel project file (expected "app": "unravel", "version": 1)');
  if (!Array.isArray(root.files)) throw appError('project', '"files" must be a list');
  const files = root.files.map((f, i) => {
    const o = object(`files[${i}]`, f);
    if (typeof o.name !== 'string' || typeof o.sha256 !== 'string' || typeof o.bytes !== 'number')
      throw appError('project', `files[${i}] needs a name, a sha256 and bytes`);
    const mapping = validateSpec({ version: 1, files: { [o.name]: o.mapping ?? {} } }).files[o.name]!;
    return { name: o.name, sha256: o.sha256, bytes: o.bytes, mapping };
  });
  const settings = validateSettings(object('settings', root.settings) as unknown as CaseSettings);
  const e = object('edits', root.edits);
  const notes = object('edits.notes', e.notes ?? {});
  const edits: ListEdits = {
    order: e.order === null || e.order === undefined ? null : strings('edits.order', e.order),
    pinned: strings('edits.pinned', e.pinned ?? []),
    removed: strings('edits.removed', e.removed ?? []),
    notes: Object.fromEntries(Object.entries(notes).map(([k, v]) => [k, String(v)])),
  };
  const view = object('view', root.view ?? {});
  const f = object('view.filters', view.filters ?? {});
  return project(files, settings, edits, {
    filters: f as ProjectFile['view']['filters'],
    colourBy: typeof view.colourBy === 'string' ? view.colourBy : 'community',
    sizeBy: typeof view.sizeBy === 'string' ? view.sizeBy : 'score',
  });
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
