import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FILES, ROOT, runCli } from '../cli/run-cli';
import { tempDir } from '../helpers';

const GOLDEN = join(ROOT, 'tests/golden/mini');

describe('exports (golden files)', () => {
  it('should write exactly the golden exports for the mini case', () => {
    const out = tempDir('unravel-golden-');
    const r = runCli([
      'analyze',
      'tests/fixtures/mini/calls.csv',
      'tests/fixtures/mini/kyc.csv',
      '--tz',
      'Europe/London',
      '--top',
      '5',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual(EXPORT_FILES);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      for (const n of names) writeFileSync(join(GOLDEN, n), readFileSync(join(out, n)));
    }
    for (const n of names) {
      expect(existsSync(join(GOLDEN, n)), `golden ${n} missing: run UPDATE_GOLDEN=1 npx vitest run tests/export`).toBe(
        true,
      );
      expect(readFileSync(join(out, n), 'utf8'), n).toBe(readFileSync(join(GOLDEN, n), 'utf8'));
    }
  });
});
