import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, lazily, safeCell, TextChunks, toCsv } from '../../src/export/csv';
import { formatSources } from '../../src/export/sources';
import { escapeXml } from '../../src/export/gexf';

describe('#safeCell', () => {
  it('should neutralise every cell that could run as a formula', () => {
    for (const v of ['=1+1', '+cmd|x', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])
      expect(safeCell(v).startsWith("'")).toBe(true);
  });
  it('should leave plain text and plain negative numbers alone, and keep phones readable', () => {
    expect(safeCell('Ana Popescu')).toBe('Ana Popescu');
    expect(safeCell('-12.5')).toBe('-12.5');
    expect(safeCell('+447700900123')).toBe("'+447700900123");
  });
  it('should mark exactly the cells that start with = + - @ tab or CR and are not plain numbers', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '', 'a', ' ', "'");
    fc.assert(
      fc.property(risky, fc.oneof(fc.string(), fc.double().map(String)), (start, rest) => {
        const v = start + rest;
        const marked = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v);
        expect(safeCell(v)).toBe(marked ? `'${v}` : v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('#toCsv', () => {
  it('should quote delimiters, quotes and line breaks (RFC 4180)', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', 2.5],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",2.5\r\n');
  });
});

describe('#formatSources', () => {
  it('should group rows by file in order', () => {
    expect(formatSources([1, 9, 0, 3, 0, 2, 1, 4], ['a.csv', 'b.csv'])).toBe('a.csv:2,3; b.csv:4,9');
    expect(formatSources([0, 1, 0, 2, 0, 3], ['a.csv'], 2)).toBe('a.csv:1,2 (+1 more)');
  });
});

describe('#escapeXml', () => {
  it('should escape markup and drop characters XML cannot hold', () => {
    expect(escapeXml('<b a="1">&\u0001\'</b>')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&apos;&lt;/b&gt;');
  });
});

describe('#TextChunks', () => {
  it('should cut text into chunks near the limit that join back to the whole, in order', () => {
    const t = new TextChunks(10);
    const parts = Array.from({ length: 50 }, (_, i) => `line ${i}\n`);
    for (const p of parts) t.add(p);
    const chunks = t.done();
    expect(chunks.join('')).toBe(parts.join(''));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.length).toBeLessThan(10 + 8);
  });
  it('should hand each chunk on as it fills, before the rows after it are made, and keep none', () => {
    // 100,000 rows of about 60 characters: more than one 4M-character chunk.
    const row = (i: number) => [i, `name ${i} ${'x'.repeat(50)}`];
    const handed: { chunk: string; rowsMade: number }[] = [];
    let made = 0;
    const rows = lazily(
      Array.from({ length: 100_000 }, (_, i) => i),
      (i) => {
        made++;
        return row(i);
      },
    );
    const kept = csvChunks(['n', 'name'], rows, (chunk) => handed.push({ chunk, rowsMade: made }));
    expect(kept).toEqual([]);
    expect(handed.length).toBeGreaterThan(1);
    // The first chunk went out while many rows were still to be made.
    expect(handed[0]!.rowsMade).toBeLessThan(90_000);
    const whole = csvChunks(
      ['n', 'name'],
      Array.from({ length: 100_000 }, (_, i) => row(i)),
    );
    expect(handed.map((h) => h.chunk)).toEqual(whole);
  });
  it('should write a large CSV from rows made one at a time, identical to the whole-string form', () => {
    let made = 0;
    const rows = lazily(
      Array.from({ length: 200_000 }, (_, i) => i),
      (i) => {
        made++;
        return [i, `=name ${i}`, i / 3];
      },
    );
    const chunks = csvChunks(['n', 'name', 'third'], rows);
    expect(made).toBe(200_000);
    expect(chunks.length).toBeGreaterThan(1);
    const whole = chunks.join('');
    expect(whole).toBe(
      toCsv(
        ['n', 'name', 'third'],
        Array.from({ length: 200_000 }, (_, i) => [i, `=name ${i}`, i / 3]),
      ),
    );
    expect(whole.split('\r\n')[2]).toBe("1,'=name 1,0.333333");
  });
});
