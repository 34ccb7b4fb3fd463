// The bench's generated city: every row is read and accounted for, the files parse as the agencies' formats,
// and the bundled syndicate still tops the ranking among the townspeople (so the bench measures a real case).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScaleCase } from '../../bench/scale-case';
import { runCli } from '../cli/run-cli';
import { tempDir } from '../helpers';

describe('#writeScaleCase', () => {
  const dir = tempDir('unravel-scale-');
  const city = writeScaleCase(join(dir, 'case'), 20_000, 3);
  const out = join(dir, 'out');
  const r = runCli(['analyze', ...city.files, '--tz', 'Europe/London', '--out', out]);

  it('should write the city in the agencies’ formats, with the bundled case alongside', () => {
    expect(r.code, r.stderr).toBe(0);
    const names = city.files.map((f) => f.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['city_cdr.csv', 'city_transfers.csv', 'kyc_register.csv']));
    const cdr = readFileSync(join(dir, 'case', 'city_cdr.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(cdr).toHaveLength(20_001);
  });

  it('should account for every row, rejecting none of the city’s', () => {
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      rows: { file: string; read: number; rejected: number; reconciles: boolean }[];
    };
    for (const f of run.rows) {
      expect(f.reconciles, f.file).toBe(true);
      if (f.file.startsWith('city_')) expect(f.rejected, f.file).toBe(0);
    }
    expect(run.rows.find((f) => f.file === 'city_cdr.csv')!.read).toBe(20_000);
    expect(run.rows.find((f) => f.file === 'city_transfers.csv')!.read).toBe(city.transferRows);
  });

  it('should still rank the syndicate, not the townspeople, at the top', () => {
    const top = readFileSync(join(out, 'targets.csv'), 'utf8').trim().split(/\r?\n/).slice(1, 11);
    expect(top).toHaveLength(10);
    // Townspeople are K-numbered in the register and on 079 numbers; the syndicate is not.
    for (const row of top) expect(row, row).not.toMatch(/ref:K\d|tel:\+4479/);
  });
});
