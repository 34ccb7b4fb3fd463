import { describe, expect, it } from 'vitest';
import { compareFiles, logEntry, projectFile, readProject } from '../../src/app/project';
import { DEFAULT_FILTERS } from '../../src/app/filters';
import { DEFAULT_CASE_SETTINGS } from '../../src/analysis/pipeline';

const files = [
  {
    name: 'calls.csv',
    sha256: 'a'.repeat(64),
    bytes: 10,
    mapping: { kind: 'calls' as const, delimiter: ';' as const },
  },
];
const edits = { order: null, pinned: ['ref:C1'], removed: ['ref:C9'], notes: { 'ref:C1': 'arrest first' } };
const log = [
  logEntry('import', 'calls.csv (10 bytes)', new Date('2026-11-30T09:00:00Z')),
  logEntry('export', 'targets.csv, pseudonymised', new Date('2026-11-30T09:05:00Z')),
];

describe('project files', () => {
  it('should round-trip files, settings, edits and the view', () => {
    const text = projectFile(
      files,
      { ...DEFAULT_CASE_SETTINGS, seed: 7 },
      edits,
      { ...DEFAULT_FILTERS, from: 5 },
      'role',
      'betweenness',
      log,
    );
    const p = readProject(text);
    expect(p.log).toEqual([
      { at: '2026-11-30T09:00:00.000Z', action: 'import', detail: 'calls.csv (10 bytes)' },
      { at: '2026-11-30T09:05:00.000Z', action: 'export', detail: 'targets.csv, pseudonymised' },
    ]);
    expect(p.files).toEqual(files);
    expect(p.settings.seed).toBe(7);
    expect(p.edits).toEqual(edits);
    expect(p.view).toMatchObject({ colourBy: 'role', sizeBy: 'betweenness', filters: { from: 5, to: null } });
  });

  it('should refuse what is not a project, naming what is wrong', () => {
    expect(() => readProject('{')).toThrow(/project: not valid JSON/);
    expect(() => readProject('{"app":"other"}')).toThrow(/not an Unravel project/);
    const bad = JSON.parse(
      projectFile(files, DEFAULT_CASE_SETTINGS, edits, DEFAULT_FILTERS, 'community', 'score', log),
    );
    bad.files[0].mapping.delimiter = 'x';
    expect(() => readProject(JSON.stringify(bad))).toThrow(/delimiter/);
    bad.files[0].mapping.delimiter = ';';
    bad.settings.country = 'Britain';
    expect(() => readProject(JSON.stringify(bad))).toThrow(/country/);
  });

  it('should check every value of a loaded project, naming the first wrong one', () => {
    const good = () =>
      JSON.parse(projectFile(files, DEFAULT_CASE_SETTINGS, edits, DEFAULT_FILTERS, 'community', 'score', log));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a project file as JSON, changed in place
    const wrong: [string, (p: Record<string, any>) => void, RegExp][] = [
      ['a short hash', (p) => (p.files[0].sha256 = 'aa'), /files\[0\]\.sha256 must be 64 hexadecimal digits/],
      ['a file named twice', (p) => p.files.push({ ...p.files[0] }), /files\[1\]\.name is empty or named twice/],
      ['negative bytes', (p) => (p.files[0].bytes = -1), /files\[0\]\.bytes must be a whole number/],
      ['rules as text', (p) => (p.settings.rules = 'kyc'), /settings\.rules must be a list of strings/],
      ['a missing list of rules', (p) => (p.settings.rules = null), /settings\.rules must be a list/],
      ['an unknown setting', (p) => (p.settings.__proto__x = 1), /settings\.__proto__x is not a setting/],
      ['weights as a list', (p) => (p.settings.roleWeights = [1]), /settings\.roleWeights must be an object/],
      [
        'a note that is not text',
        (p) => (p.edits.notes['ref:C1'] = { html: '<b>' }),
        /edits\.notes\.ref:C1 must be text/,
      ],
      [
        'a layer that is not a layer',
        (p) => (p.view.filters.layers.sms = true),
        /view\.filters\.layers\.sms is not a layer/,
      ],
      [
        'a weight as text',
        (p) => (p.view.filters.minWeight = '<img src=x>'),
        /view\.filters\.minWeight must be a number/,
      ],
      ['communities as text', (p) => (p.view.filters.communities = '1'), /view\.filters\.communities must be a list/],
      [
        'an unknown colouring',
        (p) => (p.view.colourBy = 'javascript:alert(1)'),
        /view\.colourBy is "javascript:alert\(1\)"; expected one of community, role, layer/,
      ],
      [
        'a log time that is not a time',
        (p) => (p.log[0].at = 'yesterday'),
        /log\[0\]\.at is "yesterday"; expected a UTC time/,
      ],
      ['an unknown log action', (p) => (p.log[1].action = 'delete'), /log\[1\]\.action is "delete"/],
    ];
    for (const [what, change, message] of wrong) {
      const p = good();
      change(p);
      expect(() => readProject(JSON.stringify(p)), what).toThrow(message);
    }
    expect(() => readProject(' '.repeat(64 * 1024 * 1024 + 1))).toThrow(/larger than 64 MB: not a project file/);
    // A project written before the log existed still opens, with an empty log.
    const old = good();
    delete old.log;
    expect(readProject(JSON.stringify(old)).log).toEqual([]);
  });

  it('should tell which files are missing, changed or new', () => {
    const p = readProject(projectFile(files, DEFAULT_CASE_SETTINGS, edits, DEFAULT_FILTERS, 'community', 'score', log));
    expect(compareFiles(p, [{ name: 'calls.csv', sha256: 'a'.repeat(64) }])).toEqual({
      missing: [],
      changed: [],
      extra: [],
    });
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
