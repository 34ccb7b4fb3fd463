// Limits: a case too large for memory stops with a message naming the limit, never the engine's fatal error.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli';
import { heapFull, heapMessage } from '../../src/lib/memory';
import { createCaseRun } from '../../src/export/case-run';
import { HOSTILE_SETTINGS, utf8 } from './run-case';
import { SNIFF_BYTES } from '../../src/ingest/ingest';
import { tempDir } from '../helpers';

/** Call rows between 10,000 numbers, valid and distinct. */
function callRows(n: number): string {
  const lines = ['caller,callee,start,duration'];
  for (let i = 0; i < n; i++) {
    const a = 7700900000 + (i % 10000);
    const b = 7700910000 + ((i * 7919) % 10000);
    lines.push(
      `0${a},0${b},2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:${String((i >> 6) % 60).padStart(2, '0')}Z,${i % 900}`,
    );
  }
  return lines.join('\n') + '\n';
}

describe('memory limits', () => {
  it('#heapFull: past a fifth of the limit, and only then', () => {
    expect(heapFull(() => ({ used: 19, limit: 100 }))).toBeNull();
    expect(heapFull(() => ({ used: 21, limit: 100 }))).toEqual({ used: 21, limit: 100 });
    expect(heapFull(() => null)).toBeNull();
    expect(heapFull(undefined)).toBeNull();
  });

  it('#createCaseRun: reading stops with the file, the row, the limit and the advice when a fifth of the heap is used', () => {
    let used = 5;
    const run = createCaseRun(HOSTILE_SETTINGS, 'test', undefined, {
      heap: () => ({ used, limit: 100 }),
      heapAdvice: 'Use a larger machine.',
    });
    const bytes = utf8(callRows(3000));
    const ingestor = run.read(run.detect('calls.csv', bytes.subarray(0, SNIFF_BYTES)));
    ingestor.push(bytes.subarray(0, 30_000));
    used = 30;
    expect(() => ingestor.push(bytes.subarray(30_000, 60_000))).toThrow(
      /^memory: reading calls\.csv stopped at row [\d,]+: the heap holds 0 MB of its 0 MB limit, and the analysis and exports need about five times what reading keeps\. Use a larger machine\.$/,
    );
    expect(heapMessage('a.csv', 1234567, { used: 3 * 2 ** 30, limit: 4 * 2 ** 30 }, 'X')).toMatch(
      /row 1,234,567: the heap holds 3,072 MB of its 4,096 MB limit/,
    );
  });

  it('the CLI, given too little memory for a file, stops with a message naming the limit and exits 1', () => {
    const dir = tempDir('unravel-limits-');
    writeFileSync(join(dir, 'big.csv'), callRows(150_000));
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=64',
        '--import',
        'tsx',
        'src/cli/unravel.ts',
        'analyze',
        join(dir, 'big.csv'),
        '--out',
        join(dir, 'out'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
    expect(r.stderr).toMatch(
      /unravel: error: memory: reading big\.csv stopped at row [\d,]+: the heap holds \d+ MB of its \d+ MB limit, and the analysis and exports need about five times what reading keeps\. Give Node more memory .*--max-old-space-size=/,
    );
    expect(r.status).toBe(1);
  });
});

describe('memory limits where the heap cannot be measured (a browser worker)', () => {
  it('#createCaseRun: rows read are counted against the tab limit, across files, and reading stops with both named', () => {
    const run = createCaseRun(HOSTILE_SETTINGS, 'test', undefined, {
      memoryLimit: 4_000_000,
      heapAdvice: 'Use the CLI.',
    });
    const read = (name: string, rows: number) => {
      const bytes = utf8(callRows(rows));
      const ingestor = run.read(run.detect(name, bytes.subarray(0, SNIFF_BYTES)));
      for (let at = 0; at < bytes.length; at += 4096) ingestor.push(bytes.subarray(at, at + 4096));
      run.done(name, ingestor.end(), '', bytes.length);
    };
    // A fifth of 4 MB at 400 bytes a row is 2,097 rows: the first file fits, the second does not.
    read('a.csv', 1500);
    expect(() => read('b.csv', 1500)).toThrow(
      /^memory: reading b\.csv stopped at row \d{3}: the rows read so far need about 1 MB of the tab's 4 MB limit, and the analysis and exports need about five times what reading keeps\. Use the CLI\.$/,
    );
  });
});
