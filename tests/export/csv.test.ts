import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, formatAmounts, formatNumber, lazily, safeCell, TextChunks, toCsv } from '../../src/export/csv';
import { formatSourceRows, formatSources } from '../../src/export/sources';
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

describe('#toCsv cells', () => {
  it('should quote exactly the cells with a quote, comma or line break, or white space at either end', () => {
    // Every character JavaScript's trim removes, and some it keeps (NEL, a zero-width space, letters).
    const char = fc.constantFrom(
      ...[' ', '\t', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f'],
      ...['\u205f', '\u3000', '\ufeff', '\u0085', '\u200b', '\u00ff', 'a', 'Ş', ',', '"', '\n', '\r', '=', '-', '1'],
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 6 }).map((cs) => cs.join('')),
        (text) => {
          const safe = safeCell(text);
          const quoted = /[",\r\n]/.test(safe) || safe !== safe.trim();
          const cell = quoted ? `"${safe.replace(/"/g, '""')}"` : safe;
          expect(toCsv(['h'], [[text], [1]])).toBe(`h\r\n${cell}\r\n1\r\n`);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it("should write each row's cells in order, an empty row as an empty line", () => {
    expect(toCsv(['a', 'b', 'c'], [[1, true, null], [], ['x']])).toBe('a,b,c\r\n1,true,\r\n\r\nx\r\n');
  });
});

describe('#formatNumber', () => {
  it('should drop the trailing zeros of the fixed form, and the point when nothing follows it', () => {
    const byExpression = (v: number, digits: number) =>
      !Number.isFinite(v) ? '' : Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/\.?0+$/, '');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer().map((i) => i / 8),
          fc.double({ min: -10, max: 10 }),
          fc.double({ min: -2e6, max: 2e6 }),
          // Halves at the last digit kept, and next to them: where rounding is closest.
          fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(2e6, 2e2, 2e3, 2, 20)).map(([i, d]) => i / d),
          fc
            .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -3, max: 3 }))
            .map(([i, k]) => i / 2e6 + k * 1e-12),
        ),
        fc.integer({ min: 0, max: 8 }),
        (v, digits) => {
          expect(formatNumber(v, digits)).toBe(byExpression(v, digits));
        },
      ),
      { numRuns: 20000 },
    );
    expect([formatNumber(2.5), formatNumber(-0.0000001), formatNumber(10.0000001), formatNumber(1 / 3)]).toEqual([
      '2.5',
      '-0',
      '10',
      '0.333333',
    ]);
    // Digits toFixed reads its own way, or refuses.
    expect(formatNumber(2.345, 2.5)).toBe('2.35');
    expect(() => formatNumber(2.5, -1)).toThrow(RangeError);
    // toFixed's own answers at a half: 5e-7 is stored a little below it, 1.0000015 a little above.
    expect([formatNumber(0.0000005), formatNumber(1.0000015), formatNumber(-2.25, 1), formatNumber(0.125, 2)]).toEqual([
      '0',
      '1.000001',
      '-2.3',
      '0.13',
    ]);
  });
});

describe('#formatAmounts', () => {
  it("should write each currency's amount, currencies in order", () => {
    const byDefinition = (amounts: Record<string, number>) =>
      Object.entries(amounts)
        .sort()
        .map(([c, a]) => `${formatNumber(a, 2)} ${c}`)
        .join('; ');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('EUR', 'GBP', 'RON', 'USD', 'EU', 'EU!'), fc.double({ min: -1e6, max: 1e6 })),
        (amounts) => {
          expect(formatAmounts(amounts)).toBe(byDefinition(amounts));
        },
      ),
      { numRuns: 2000 },
    );
    expect(formatAmounts({})).toBe('');
    expect(formatAmounts({ EUR: 900 }, ';')).toBe('900 EUR');
  });
});

describe('#formatSources', () => {
  it('should group rows by file in order', () => {
    expect(formatSources([1, 9, 0, 3, 0, 2, 1, 4], ['a.csv', 'b.csv'])).toBe('a.csv:2,3; b.csv:4,9');
    expect(formatSources([0, 1, 0, 2, 0, 3], ['a.csv'], 2)).toBe('a.csv:1,2 (+1 more)');
    expect(formatSources([0, 1, 0, 2, 0, 5], ['a.csv'])).toBe('a.csv:1,2,5');
    expect(formatSources([2, 7], ['a.csv'])).toBe('file2:7');
    expect(formatSources([], ['a.csv'])).toBe('');
    expect(
      formatSourceRows(
        [
          { file: 1, row: 9 },
          { file: 0, row: 3 },
          { file: 0, row: 2 },
        ],
        ['a.csv', 'b.csv'],
        1,
      ),
    ).toBe('a.csv:2 (+1 more); b.csv:9');
  });
  it('should write every file once, its rows ascending without repeats, at most `limit` of them', () => {
    const byDefinition = (sources: number[], files: string[], limit: number) => {
      const fileIndexes = [...new Set(sources.filter((_, i) => i % 2 === 0))].sort((a, b) => a - b);
      return fileIndexes
        .map((f) => {
          const rows = [...new Set(sources.filter((_, i) => i % 2 === 1 && sources[i - 1] === f))].sort(
            (a, b) => a - b,
          );
          const more = rows.length > limit ? ` (+${rows.length - limit} more)` : '';
          return `${files[f] ?? `file${f}`}:${rows.slice(0, limit).join(',')}${more}`;
        })
        .join('; ');
    };
    const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 12 })), { maxLength: 8 });
    // Half the cases in one file with rows ascending, the commonest shape of a link's rows.
    const ascending = fc
      .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 8 })
      .map((rows) => rows.sort((a, b) => a - b).map((r) => [0, r] as [number, number]));
    fc.assert(
      fc.property(
        fc.oneof(pairs, ascending),
        fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 4 })),
        (ps, limit) => {
          const sources = ps.flat();
          expect(formatSources(sources, ['a.csv', 'b.csv'], limit)).toBe(
            byDefinition(sources, ['a.csv', 'b.csv'], limit),
          );
        },
      ),
      { numRuns: 3000 },
    );
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
