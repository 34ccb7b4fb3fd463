// Privacy exports on the bundled case: pseudonyms everywhere a name or number was, stable for a key; likely
// victims left out of every file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFileNames, exportCase } from '../../src/export/bundle';
import { pseudonymizer, Replacer, WITHHELD } from '../../src/export/privacy';
import { DEFAULT_CASE_SETTINGS } from '../../src/analysis/pipeline';
import { ROOT, runCli } from '../cli/run-cli';
import { runCase } from '../hostile/run-case';
import { tempDir } from '../helpers';

const dir = join(ROOT, 'samples/case');
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]),
);
const settings = { ...DEFAULT_CASE_SETTINGS, timeZone: 'Europe/London', timeZoneStated: true };
const { outcome } = runCase(files, 1 << 20, { settings, analyse: true });
const { result, files: names, issues, info } = outcome!;
const KEY = 'correct horse battery staple';
const text = (out: Map<string, string[]>) => [...out.values()].map((c) => c.join('')).join('\n');

/** Every name, number and account of an entity, as the case holds them. */
function secrets(ids: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const n = result.graph.getNodeAttributes(id);
    for (const s of [
      id,
      n.label,
      ...n.names,
      ...n.identifiers,
      ...n.identifiers.map((i) => i.slice(i.indexOf(':') + 1)),
    ])
      if (s.length >= 5) out.add(s);
  }
  return [...out];
}

describe('#exportCase with privacy', () => {
  it('names the files it writes before writing them, with and without likely victims', () => {
    // The app lists the exports from these names before any is made.
    expect([...exportCase(result, names, issues, info).keys()]).toEqual(caseFileNames());
    const without = { withoutVictims: true };
    expect([...exportCase(result, names, issues, info, without).keys()]).toEqual(caseFileNames(without));
    expect(caseFileNames(without)).not.toContain('protection.csv');
  });
  it('pseudonymised: no name, number or account of anyone is left in any file, and every file still reads', () => {
    const out = exportCase(result, names, issues, info, { pseudonymKey: KEY });
    const all = text(out);
    const leaks = secrets(result.graph.nodes()).filter((s) => all.includes(s));
    expect(leaks).toEqual([]);
    // The same entity has the same pseudonym in the target list and in the node list.
    const targets = Papa.parse<Record<string, string>>(out.get('targets.csv')!.join(''), { header: true }).data;
    const nodes = Papa.parse<Record<string, string>>(out.get('nodes.csv')!.join(''), { header: true }).data;
    expect(targets[0]!.id).toMatch(/^P-[0-9a-f]{16}$/);
    expect(nodes.find((n) => n.id === targets[0]!.id)?.rank).toBe('1');
    // A label is the entity's pseudonym, or a name's own when two entities share the name.
    for (const t of targets.filter((x) => x.id)) expect(t.label).toMatch(/^[PN]-[0-9a-f]{16}$/);
    expect(targets.filter((t) => t.label === t.id).length).toBeGreaterThan(targets.length / 2);
    // The why and the evidence survive, with pseudonyms in them.
    expect(targets[0]!.why.length).toBeGreaterThan(20);
    const gexf = new DOMParser().parseFromString(out.get('graph.gexf')!.join(''), 'text/xml');
    expect(gexf.getElementsByTagName('node').length).toBe(result.graph.order);
    expect(JSON.parse(out.get('run.json')![0]!).privacy).toEqual({ pseudonymised: true, victimsLeftOut: 0 });
    // The analyst's overrides name entities: run.json carries them pseudonymised too.
    const target = result.analysis.ranking[0]!;
    const withOverrides = { ...info, options: { ...info.options, roles: { ...info.options.roles, notHub: [target] } } };
    const run = exportCase(result, names, issues, withOverrides, { pseudonymKey: KEY }).get('run.json')![0]!;
    expect(run).not.toContain(target);
    expect(JSON.parse(run).parameters.roles.notHub).toEqual([`P-${pseudonymizer(KEY)('entity', target)}`]);
    const rejected = Papa.parse<Record<string, string>>(out.get('rejected.csv')!.join(''), { header: true }).data;
    expect(rejected.length).toBeGreaterThan(0);
    for (const row of rejected.filter((x) => x.file)) expect(row.raw).toMatch(/^\[withheld/);
  });

  it('pseudonyms are stable for a key and change with it', () => {
    const a = text(exportCase(result, names, issues, info, { pseudonymKey: KEY }));
    const b = text(exportCase(result, names, issues, info, { pseudonymKey: ` ${KEY}\n` }));
    const c = text(exportCase(result, names, issues, info, { pseudonymKey: 'another key, also long enough' }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const p = pseudonymizer(KEY);
    expect(p('entity', result.analysis.ranking[0]!)).toBe(p('entity', result.analysis.ranking[0]!));
    expect(a).toContain(`P-${p('entity', result.analysis.ranking[0]!)}`);
  });

  it('refuses a short key, saying how long it must be', () => {
    expect(() => exportCase(result, names, issues, info, { pseudonymKey: 'short' })).toThrow(
      /privacy: the pseudonym key has 5 characters; it needs at least 16/,
    );
  });

  it('without victims: no likely victim is named or linked in any file; the targets are unchanged', () => {
    const victims = result.protection.map((p) => p.id);
    expect(victims.length).toBeGreaterThan(3);
    const plain = exportCase(result, names, issues, info);
    const out = exportCase(result, names, issues, info, { withoutVictims: true });
    expect(out.has('protection.csv')).toBe(false);
    const all = text(out);
    // A victim's name may be shared by someone else; the names that are theirs alone must be gone.
    const others = new Set(secrets(result.graph.nodes().filter((id) => !victims.includes(id))));
    const leaks = secrets(victims).filter((s) => !others.has(s) && all.includes(s));
    expect(leaks).toEqual([]);
    expect(all).toContain(WITHHELD);
    const ids = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true }).data.map((t) => t.id);
    expect(ids(out.get('targets.csv')![0]!)).toEqual(ids(plain.get('targets.csv')![0]!));
    const run = JSON.parse(out.get('run.json')![0]!);
    expect(run.privacy).toEqual({ pseudonymised: false, victimsLeftOut: victims.length });
    expect(run.graph.entities).toBe(result.graph.order - victims.length);
  });
});

describe('Replacer', () => {
  it('replaces whole words only, longest first, numbers with their plus', () => {
    const r = new Replacer(
      new Map([
        ['Ann', 'P-1'],
        ['Ann Lee', 'P-2'],
        ['+447700900123', 'tel:#3'],
        ['<img src=x>', 'P-4'],
      ]),
    );
    expect(r.replace("Ann Lee's contact Ann, not Annie; +447700900123 and 447700900123; <img src=x>!")).toBe(
      "P-2's contact P-1, not Annie; tel:#3 and 447700900123; P-4!",
    );
    expect(r.replace('nothing here')).toBe('nothing here');
  });

  it('replaces as the plain rule says, for any strings and texts: at each word start, the longest key that fits', () => {
    // The rule read literally: every key tried at every place a word starts, longest first.
    const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}+]/u.test(c);
    const reference = (keys: Map<string, string>, text: string): string => {
      const sorted = [...keys.keys()].filter((k) => k !== '').sort((a, b) => b.length - a.length);
      let out = '';
      for (let i = 0; i < text.length;) {
        const found =
          i > 0 && word(text[i - 1]) && word(text[i])
            ? undefined
            : sorted.find((k) => {
                if (!text.startsWith(k, i)) return false;
                // Only keys whose first word is the whole word at i (a key "Mar" never matches inside "Maria").
                const head = (t: string, at: number) => {
                  let j = at;
                  while (j < t.length && word(t[j])) j++;
                  return j === at ? t[at] : t.slice(at, j);
                };
                if (head(k, 0) !== head(text, i)) return false;
                const end = i + k.length;
                return !word(text[end]) || !word(k[k.length - 1]);
              });
        if (found) {
          out += keys.get(found);
          i += found.length;
        } else out += text[i++];
      }
      return out;
    };
    const piece = fc.constantFrom(
      'Ann',
      'Ann Lee',
      'Lee',
      'Maria',
      'Mar',
      '+44',
      '7700',
      'é',
      'Ţ',
      '😀',
      '12',
      ' ',
      ',',
      "'",
      '-',
    );
    const phrase = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(phrase, { maxLength: 12 }), fc.array(piece, { maxLength: 30 }), (keys, parts) => {
        const map = new Map(keys.map((k, n) => [k, `<${n}>`]));
        const text = parts.join('');
        expect(new Replacer(map).replace(text)).toBe(reference(map, text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('unravel analyze --pseudonymise KEYFILE --without-victims', () => {
  it('writes pseudonymised exports without victims, and refuses a missing or short key', () => {
    const tmp = tempDir('unravel-privacy-');
    writeFileSync(join(tmp, 'case.key'), `${KEY}\n`);
    const args = ['analyze', ...Object.keys(files).map((f) => join(dir, f)), '--tz', 'Europe/London'];
    const r = runCli([
      ...args,
      '--pseudonymise',
      join(tmp, 'case.key'),
      '--without-victims',
      '--out',
      join(tmp, 'out'),
    ]);
    expect(r.code).toBe(0);
    const written = readdirSync(join(tmp, 'out'));
    expect(written).not.toContain('protection.csv');
    const all = written.map((f) => readFileSync(join(tmp, 'out', f), 'utf8')).join('\n') + r.stdout;
    expect(secrets(result.graph.nodes()).filter((s) => all.includes(s))).toEqual([]);
    expect(r.stdout).toMatch(/ 1\. P-[0-9a-f]{16} \(P-[0-9a-f]{16}\)/);
    writeFileSync(join(tmp, 'short.key'), 'too short');
    const short = runCli([...args, '--pseudonymise', join(tmp, 'short.key'), '--out', join(tmp, 'out2')]);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/the pseudonym key has 9 characters; it needs at least 16/);
    const missing = runCli([...args, '--pseudonymise', join(tmp, 'none.key'), '--out', join(tmp, 'out3')]);
    expect(missing.stderr).toMatch(/cannot read the key file \(ENOENT\); make one with/);
  });
});
