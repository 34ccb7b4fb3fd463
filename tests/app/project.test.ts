import { describe, expect, it } from 'vitest';
import { compareFiles, projectFile, readProject } from '../../src/app/project';
import { DEFAULT_FILTERS } from '../../src/app/filters';
import { DEFAULT_CASE_SETTINGS } from '../../src/analysis/pipeline';

const files = [
  { name: 'calls.csv', sha256: 'aa', bytes: 10, mapping: { kind: 'calls' as const, delimiter: ';' as const } },
];
const edits = { order: null, pinned: ['ref:C1'], removed: ['ref:C9'], notes: { 'ref:C1': 'arrest first' } };

describe('project files', () => {
  it('should round-trip files, settings, edits and the view', () => {
    const text = projectFile(
      files,
      { ...DEFAULT_CASE_SETTINGS, seed: 7 },
      edits,
      { ...DEFAULT_FILTERS, from: 5 },
      'role',
      'betweenness',
    );
    const p = readProject(text);
    expect(p.files).toEqual(files);
    expect(p.settings.seed).toBe(7);
    expect(p.edits).toEqual(edits);
    expect(p.view).toMatchObject({ colourBy: 'role', sizeBy: 'betweenness', filters: { from: 5, to: null } });
  });

  it('should refuse what is not a project, naming what is wrong', () => {
    expect(() => readProject('{')).toThrow(/project: not valid JSON/);
    expect(() => readProject('{"app":"other"}')).toThrow(/not an Unravel project/);
    const bad = JSON.parse(projectFile(files, DEFAULT_CASE_SETTINGS, edits, DEFAULT_FILTERS, 'community', 'score'));
    bad.files[0].mapping.delimiter = 'x';
    expect(() => readProject(JSON.stringify(bad))).toThrow(/delimiter/);
    bad.files[0].mapping.delimiter = ';';
    bad.settings.country = 'Britain';
    expect(() => readProject(JSON.stringify(bad))).toThrow(/country/);
  });

  it('should tell which files are missing, changed or new', () => {
    const p = readProject(projectFile(files, DEFAULT_CASE_SETTINGS, edits, DEFAULT_FILTERS, 'community', 'score'));
    expect(compareFiles(p, [{ name: 'calls.csv', sha256: 'aa' }])).toEqual({ missing: [], changed: [], extra: [] });
    expect(
      compareFiles(p, [
        { name: 'calls.csv', sha256: 'bb' },
        { name: 'x.csv', sha256: 'cc' },
      ]),
    ).toEqual({
      missing: [],
      changed: ['calls.csv'],
      extra: ['x.csv'],
    });
    expect(compareFiles(p, []).missing).toEqual(['calls.csv']);
  });
});
