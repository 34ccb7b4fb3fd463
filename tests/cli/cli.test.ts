import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GroundTruth } from '../../samples/generate';
import { EXPORT_FILES, ROOT, runCli } from './run-cli';
import { tempDir } from '../helpers';

const tmp = () => tempDir('unravel-cli-');
const SAMPLES = readdirSync(join(ROOT, 'samples/case'))
  .filter((f) => f.endsWith('.csv'))
  .map((f) => `samples/case/${f}`);

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('unravel analyze on the bundled samples', () => {
  const out = tmp();
  const run = runCli(['analyze', ...SAMPLES, '--tz', 'Europe/London', '--out', out]);
  const truth = JSON.parse(readFileSync(join(ROOT, 'samples/case/ground-truth.json'), 'utf8')) as GroundTruth;
  const targets = parseCsv(readFileSync(join(out, 'targets.csv'), 'utf8'));
  const roleOf = (t: Record<string, string>) => {
    const ids = new Set(t.identifiers!.split(';'));
    const p = truth.people.find((x) => x.phones.some((ph) => ids.has(`tel:+44${ph.replace(/\D/g, '').slice(1)}`)));
    return p ? { key: p.key, role: p.role } : { key: '', role: 'unknown' };
  };

  it('should exit 0, print the top targets and write every export', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Top 10 targets:\n\s+1\. /);
    expect(readdirSync(out).sort()).toEqual(EXPORT_FILES);
  });
  it('should reconcile every file: read = used + rejected + duplicates, read = data lines', () => {
    const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(runJson.rows).toHaveLength(SAMPLES.length);
    for (const r of runJson.rows) {
      expect(r.reconciles).toBe(true);
      expect(r.read).toBe(r.used + r.rejected + r.duplicates);
      const text = readFileSync(join(ROOT, 'samples/case', r.file), 'latin1');
      expect(r.read, r.file).toBe(text.split(/\r?\n/).filter((l: string) => l !== '').length - 1);
    }
    const rejected = parseCsv(readFileSync(join(out, 'rejected.csv'), 'utf8'));
    const total = runJson.rows.reduce(
      (s: number, r: { rejected: number; duplicates: number }) => s + r.rejected + r.duplicates,
      0,
    );
    expect(rejected).toHaveLength(total);
    expect(rejected.map((r) => r.code)).toEqual(
      expect.arrayContaining(['withheld_party', 'bad_date', 'bad_duration', 'duplicate_row', 'bad_iban']),
    );
    expect(runJson.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
  });
  it('should rank the ground-truth leaders in the top 10 and no innocent hub there', () => {
    const top10 = targets.slice(0, 10).map(roleOf);
    for (const leader of truth.leaders) expect(top10.map((t) => t.key)).toContain(leader);
    expect(top10.filter((t) => t.role === 'innocent hub')).toEqual([]);
    const syndicate = top10.filter((t) => !['background', 'victim', 'innocent hub', 'unknown'].includes(t.role));
    expect(syndicate.length).toBeGreaterThanOrEqual(8);
  });
  it('should trace each target to source rows', () => {
    for (const t of targets.slice(0, 5)) {
      expect(t.why).not.toBe('');
      expect(t.evidence).toMatch(/\[(calls_operator_a|cdr_operator_b|bank_transfers|travel_manifest)\.csv:\d+/);
    }
  });
  it('should give byte-identical exports for the same inputs and seed', () => {
    const again = tmp();
    expect(runCli(['analyze', ...SAMPLES, '--tz', 'Europe/London', '--out', again]).code).toBe(0);
    for (const f of readdirSync(out))
      expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
  });
});

describe('npm run unravel, started from the bundle it keeps (src/cli/launch.mjs)', () => {
  it('should write the same exports as the CLI loaded through tsx, bundling once and then using what it kept', () => {
    const cache = tmp();
    const launch = (out: string) =>
      spawnSync(
        process.execPath,
        ['src/cli/launch.mjs', 'analyze', ...SAMPLES, '--tz', 'Europe/London', '--out', out],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, TZ: 'UTC', UNRAVEL_CACHE_DIR: cache, UNRAVEL_SHOW_START: '1' },
        },
      );
    const viaTsx = tmp();
    expect(runCli(['analyze', ...SAMPLES, '--tz', 'Europe/London', '--out', viaTsx]).code).toBe(0);
    for (const [out, how] of [
      [tmp(), 'from a new bundle'],
      [tmp(), 'from its kept bundle'],
    ] as const) {
      const run = launch(out);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain(`unravel: started ${how}\n`);
      expect(run.stdout).toMatch(/Top 10 targets:\n\s+1\. /);
      for (const f of EXPORT_FILES)
        expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(viaTsx, f), 'utf8'));
    }
    // The bundle it kept: made from the CLI's own files, and named by its manifest.
    const manifests = readdirSync(cache).filter((f) => f.endsWith('.json'));
    expect(manifests).toHaveLength(1);
    const kept = JSON.parse(readFileSync(join(cache, manifests[0]!), 'utf8')) as { bundle: string; inputs: string[][] };
    expect(kept.inputs.map(([file]) => file)).toContain('src/cli/unravel.ts');
    expect(readdirSync(cache)).toContain(kept.bundle);
  });
});

describe('unravel on other shapes and bad input', () => {
  it('should detect a semicolon CDR with BOM, CRLF, dd/mm/yyyy and mixed number forms without a mapping', () => {
    const dir = tmp();
    const file = join(dir, 'export.csv');
    writeFileSync(
      file,
      '\ufeffA_Number;B_Number;Start Time;Duration\r\n07700900123;+44 7700 900456;13/03/2024 14:05:00;65\r\n+44 7700 900123;447700900456;14/03/2024 09:00:00;10\r\n447700900123;07700900456;15/03/2024 09:00:00;0:01:10\r\n',
    );
    const r = runCli(['analyze', file, '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('export.csv [calls]: 3 = 3 + 0 + 0');
    expect(r.stdout).toContain('Network: 2 entities, 1 links');
    expect(r.stderr).toMatch(/times carry no UTC offset/);
  });
  it('should skip an unusable file with a warning naming it, and go on with the rest', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'calls.csv'), 'caller,callee,start\n07700900123,07700900456,2024-01-01T10:00:00Z\n');
    const r = runCli([
      'analyze',
      join(dir, 'empty.csv'),
      join(dir, 'calls.csv'),
      join(dir, 'missing.csv'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: skipped empty\.csv: the file is empty/);
    expect(r.stderr).toMatch(/warning: skipped .*missing\.csv: no such file/);
  });
  it('should exit non-zero with a clear message when nothing is usable or the call is wrong', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'odd.csv'), 'colour,size\nred,3\n');
    const none = runCli(['analyze', join(dir, 'odd.csv'), '--out', join(dir, 'out')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/skipped odd\.csv: unknown kind of file/);
    const noOut = runCli(['analyze', join(dir, 'odd.csv')]);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/--out DIR is required/);
    // An output folder that cannot be made is said before anything is read.
    const badOut = runCli(['analyze', join(dir, 'odd.csv'), '--out', join(dir, 'odd.csv', 'out')]);
    expect(badOut.code).toBe(1);
    expect(badOut.stderr).toMatch(/unravel: error: output: cannot make the output folder .*odd\.csv\/out/);
    expect(badOut.stderr).not.toMatch(/reading odd\.csv|at writeStreamed/);
    expect(runCli(['analyze', join(dir, 'odd.csv'), '--out', dir, '--tz', 'Mars/Base']).stderr).toMatch(
      /unknown time zone/,
    );
    const badWeight = runCli(['analyze', join(dir, 'odd.csv'), '--out', dir, '--role-weight', 'kingpin=2']);
    expect(badWeight.code).toBe(1);
    expect(badWeight.stderr).toMatch(/role weight kingpin=2; expected roles among leader, financier/);
    expect(runCli(['analyze', join(dir, 'odd.csv'), '--out', dir, '--threshold', 'EUR=lots']).stderr).toMatch(
      /--threshold has "EUR=lots"; expected name=number/,
    );
    expect(runCli(['analyze', join(dir, 'odd.csv'), '--out', dir, '--co-travel-hours', '0']).stderr).toMatch(
      /co-travel window is 0 h; expected 1 to 72/,
    );
  });
  it('should inspect a file, write a spec, and accept that spec edited to fix the kind', () => {
    const dir = tmp();
    const file = join(dir, 'links.csv');
    writeFileSync(file, 'who,whom\nA,B\nB,C\n');
    const spec = join(dir, 'spec.json');
    const inspect = runCli(['inspect', file, '--write-spec', spec]);
    expect(inspect.code).toBe(2);
    expect(inspect.stdout).toMatch(/NEEDS A MAPPING/);
    const json = JSON.parse(readFileSync(spec, 'utf8'));
    json.files['links.csv'].kind = 'edges';
    json.files['links.csv'].columns = { source: 'who', target: 'whom' };
    writeFileSync(spec, JSON.stringify(json));
    const again = runCli(['inspect', file, '--map', spec]);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toMatch(/kind:\s+edges/);
    expect(again.stdout).toMatch(/row 2: \{"source":"node:A","target":"node:B","weight":1\}/);
    const analyze = runCli(['analyze', file, '--map', spec, '--out', join(dir, 'out')]);
    expect(analyze.stdout).toContain('links.csv [edges]: 2 = 2 + 0 + 0');
  });
});

describe('unravel plan', () => {
  it('should write an arrest plan that spares likely victims and hubs, and every strategy’s curve', () => {
    const out = tmp();
    const r = runCli(['plan', ...SAMPLES, '--tz', 'Europe/London', '--budget', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Plan \(best\):\n\s+1\. /);
    const plan = parseCsv(readFileSync(join(out, 'plan.csv'), 'utf8'));
    expect(plan.map((p) => p.step)).toEqual(['0', '1', '2', '3', '4']);
    const lcc = plan.map((p) => Number(p.lcc));
    for (let i = 1; i < lcc.length; i++) expect(lcc[i]).toBeLessThanOrEqual(lcc[i - 1]!);
    for (const p of plan.slice(1)) expect(['victim', 'hub']).not.toContain(p.role);
    // Arresting a collecting account cuts the money that still reaches one.
    const money = plan.map((p) => Number(p.money_reaching_collectors));
    for (let i = 1; i < money.length; i++) expect(money[i]).toBeLessThanOrEqual(money[i - 1]!);
    const collector = plan.findIndex((p) => ['mule', 'financier'].includes(p.role));
    expect(collector).toBeGreaterThan(0);
    expect(money[collector]).toBeLessThan(money[collector - 1]!);
    const curves = parseCsv(readFileSync(join(out, 'curves.csv'), 'utf8'));
    expect(new Set(curves.map((c) => c.strategy))).toEqual(
      new Set(['degree', 'betweenness', 'block-betweenness', 'ci', 'corehd', 'greedy', 'best']),
    );
    const last = (s: string) => Number(curves.filter((c) => c.strategy === s).at(-1)!.lcc);
    for (const s of ['degree', 'betweenness', 'ci', 'corehd', 'greedy'])
      expect(last('best')).toBeLessThanOrEqual(last(s));
    const bad = runCli(['plan', ...SAMPLES, '--strategy', 'random', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--strategy is "random"; expected one of degree, betweenness/);
  });
});
