// Property-based fuzzing of every parser and normaliser, whole files included: 10,000 generated cases here,
// beside the properties of tests/ingest/properties.test.ts. None may throw (but an AppError naming the
// problem), lose a row, or let an out-of-range value into the records.
import fc from 'fast-check';
import Papa from 'papaparse';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { safeCell, toCsv } from '../../src/export/csv';
import { escapeXml } from '../../src/export/gexf';
import { validateSpec } from '../../src/ingest/spec';
import { projectFile, readProject } from '../../src/app/project';
import { DEFAULT_FILTERS } from '../../src/app/filters';
import { DEFAULT_CASE_SETTINGS, ingestOptionsFor } from '../../src/analysis/pipeline';
import { MAX_AMOUNT, MAX_DURATION_SECONDS } from '../../src/ingest/numbers';
import { createFileIngestor, createSink, detectFile, SNIFF_BYTES } from '../../src/ingest/ingest';
import { HOSTILE_SETTINGS, runCase, utf8, type CaseRunResult } from './run-case';

const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const HEADERS = [
  'caller,callee,start,duration',
  'A_Number;B_Number;Start Time;Duration;IMEI',
  'date,from_account,to_account,amount,currency,reference',
  'Customer ID,Full Name,Date of Birth,MSISDN,IBAN,ID Document',
  'Passenger Name\tDocument No\tDate of Birth\tFlight\tFrom\tTo\tDeparture',
  'source,target,weight',
];
/** Pieces real and broken exports are made of. */
const FRAGMENT = fc.oneof(
  fc.constantFrom(
    ',',
    ';',
    '\t',
    '|',
    '"',
    '""',
    '\n',
    '\r\n',
    '\r',
    ' ',
    '\ufeff',
    '\u0000',
    '\u202e',
    '=',
    '+',
    '-',
    '@',
    '07700900123',
    '+44 7700 900456',
    '0044 7700 900789',
    'Withheld',
    '٠٧٧٠٠٩٠٠١٢٣',
    '2024-03-13T14:05:00Z',
    '13/03/2024 14:05',
    '03/13/2024 2:05 PM',
    '1710338700',
    '9999-12-31',
    '0001-01-01',
    '65',
    '1:05',
    '1e308',
    'NaN',
    '-0',
    '1.234,56',
    '1,234.56',
    '-250',
    'EUR',
    '__proto__',
    'constructor',
    'GB82 WEST 1234 5698 7654 32',
    'DE89370400440532013000',
    '<script>alert(1)</script>',
    'IONESCU/VASILE',
    '351971370000025',
    'C1',
    'Smith, "Big" John',
  ),
  fc.string({ maxLength: 8, unit: 'binary' }),
);
/** Values a cell of a real export holds, and broken ones. */
const CELL = fc.constantFrom(
  '07700900123',
  '+44 7700 900456',
  '447700900789',
  '0044 7700 900789',
  '07700900123 ',
  'Withheld',
  '٠٧٧٠٠٩٠٠١٢٣',
  '2024-03-13T14:05:00Z',
  '2024-03-13T14:05:00+01:00',
  '2024-03-13 14:05:00',
  '13/03/2024 14:05',
  '13/03/2024',
  '1710338700',
  '9999-12-31',
  '65',
  '1:05',
  '04:17',
  'voice',
  'SMS',
  'fax',
  '1.234,56',
  '250.00',
  'EUR',
  'GB82 WEST 1234 5698 7654 32',
  'DE89370400440532013000',
  '351971370000025',
  // The same handset written as its 14-digit body, as an IMEISV, with dashes; and one digit too many.
  '35197137000002',
  '3519713700000251',
  '35-197137-000002-5',
  '35197137000002512',
  '3519713700',
  'Ţurcanu Maria',
  'IONESCU/VASILE',
  'P1234567',
  'OTP',
  'LHR',
  'C1',
  'x\u202ey',
  '',
);
const LINE = fc.array(FRAGMENT, { maxLength: 10 }).map((parts) => parts.join(''));
const FILE = fc
  .tuple(fc.constantFrom(...HEADERS), fc.array(LINE, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([header, lines, eol]) => header + eol + lines.join(eol) + eol);

function expectSound(r: CaseRunResult) {
  for (const [file, report] of Object.entries(r.reports)) {
    expect(report.rowsRead).toBe(report.rowsUsed + report.rowsRejected + report.duplicates);
    const issues = r.issues.filter((i) => i.file === file);
    expect(issues).toHaveLength(report.rowsRejected + report.duplicates);
    for (let i = 1; i < issues.length; i++) expect(issues[i]!.row).toBeGreaterThan(issues[i - 1]!.row);
    for (const i of issues) expect(i.row).toBeGreaterThanOrEqual(2);
  }
}

function expectRecordsInRange(r: CaseRunResult, records = r.outcome?.result) {
  if (!records) return;
  const { graph } = records;
  graph.forEachNode((id, n) => {
    expect(id).not.toMatch(CONTROL);
    expect(n.label).not.toMatch(CONTROL);
    if (Number.isFinite(n.firstSeen)) expect(n.firstSeen).toBeGreaterThanOrEqual(MIN_MS);
    if (Number.isFinite(n.lastSeen)) expect(n.lastSeen).toBeLessThan(MAX_MS);
  });
  graph.forEachEdge((_k, e) => {
    expect(e.seconds).toBeGreaterThanOrEqual(0);
    expect(e.seconds).toBeLessThanOrEqual(MAX_DURATION_SECONDS * Math.max(1, e.calls));
    for (const amount of Object.values(e.amounts)) {
      expect(Number.isFinite(amount)).toBe(true);
      expect(amount).toBeGreaterThan(0);
      expect(amount).toBeLessThan(MAX_AMOUNT * Math.max(1, e.count));
    }
  });
}

describe('fuzzing whole files (5,500 cases)', () => {
  it('#runCase: any file of real and broken pieces is read and analysed without a throw or a lost row (1,000)', () => {
    fc.assert(
      fc.property(fc.array(FILE, { minLength: 1, maxLength: 3 }), (files) => {
        const r = runCase(Object.fromEntries(files.map((text, i) => [`f${i}.csv`, text])));
        expectSound(r);
        expectRecordsInRange(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('#runCase: the same file read in chunks of any size gives the same rows, issues and reports (1,500)', () => {
    fc.assert(
      fc.property(FILE, fc.integer({ min: 1, max: 97 }), (text, size) => {
        const whole = runCase({ 'f.csv': text }, 1 << 20, { analyse: false });
        const chunked = runCase({ 'f.csv': text }, size, { analyse: false });
        expect(chunked.reports).toEqual(whole.reports);
        expect(chunked.issues).toEqual(whole.issues);
      }),
      { numRuns: 1500 },
    );
  });

  it('#createFileIngestor: lines split without papaparse read as papaparse reads them, rows and issues alike (1,500)', () => {
    // The same files through one sink each, every row by papaparse in one, lines split by createRowStream in the
    // other (papaparse from the first quote on): the same records, identifiers, issues and reports.
    const read = (files: string[], size: number, rows: 'lines' | 'papaparse') => {
      const sink = createSink();
      const reports = files.map((text, i) => {
        const bytes = utf8(text);
        const detection = detectFile(`f${i}.csv`, bytes.subarray(0, SNIFF_BYTES), ingestOptionsFor(HOSTILE_SETTINGS));
        if (detection.problems.length || !detection.kind) return detection.problems;
        const ingestor = createFileIngestor(detection, sink, { rows });
        for (let at = 0; at < bytes.length; at += size) ingestor.push(bytes.subarray(at, at + size));
        return ingestor.end();
      });
      const { calls, ...others } = sink.records;
      return { reports, issues: sink.issues, calls: calls.records(), others, identifiers: sink.identifiers.keys };
    };
    // Besides files of pieces, tables of the header's width whose cells are real and broken values, padded with
    // spaces, some quoted, some rows a field short or long: most of their rows are read, or rejected for a value.
    const table = fc.constantFrom(...HEADERS).chain((header) => {
      const delimiter = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
      const width = header.split(delimiter).length;
      const cell = fc
        .tuple(fc.constantFrom('', ' ', '  '), CELL, fc.constantFrom('', ' '), fc.nat(9))
        .map(([before, value, after, q]) => (q === 0 ? `"${value}"` : `${before}${value}${after}`));
      const row = fc.array(cell, { minLength: width - 1, maxLength: width + 1 }).map((cells) => cells.join(delimiter));
      return fc
        .tuple(fc.array(row, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
        .map(([rows, eol]) => [header, ...rows, ...rows.slice(0, 2)].join(eol) + eol);
    });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(FILE, table, table), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 97 }),
        (files, size) => {
          expect(read(files, size, 'lines')).toEqual(read(files, 1 << 20, 'papaparse'));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('#runCase: random bytes after a real header never throw, and every row is accounted for (1,500)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEADERS), fc.uint8Array({ maxLength: 600 }), (header, bytes) => {
        const file = new Uint8Array([...utf8(header + '\n'), ...bytes]);
        expectSound(runCase({ 'f.csv': file }, 64, { analyse: false }));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('fuzzing the exports (4,000 cases)', () => {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  });
  // What the XML writer promises to keep: everything but the characters XML 1.0 cannot hold.
  const kept = (s: string) =>
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

  it('#escapeXml: any text survives a real XML parser, as an attribute and as content (2,000)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const doc = parser.parseFromString(`<a v="${escapeXml(s)}">${escapeXml(s)}</a>`, 'text/xml');
        const a = doc.documentElement!;
        expect(a.getAttribute('v')).toBe(kept(s));
        expect(a.textContent ?? '').toBe(kept(s));
      }),
      // U+FFFD and lone surrogates (written as U+FFFD) once failed strict parsers, and the paragraph separator
      // (read back as a line end), each found by a random run.
      { numRuns: 2000, examples: [['\ufffd'], ['a\ud800b'], ['\udc00\ufffd&'], ['\u2029']] },
    );
  });

  it('#toCsv: any cells read back as written, and none can start a formula (2,000)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          const text = toCsv(['a', 'b', 'c'], rows);
          const back = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data.slice(1, rows.length + 1);
          expect(back).toEqual(rows.map((r) => r.map(safeCell)));
          for (const cell of back.flat())
            if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('fuzzing the files an analyst supplies beside the data (2,000 cases)', () => {
  const onlyAppErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
    }
  };
  const json = fc.oneof(
    fc.jsonValue(),
    fc.record({ version: fc.constant(1), files: fc.dictionary(fc.string(), fc.jsonValue()) }),
  );

  it('#validateSpec: any JSON is a spec or an error naming what is wrong (1,000)', () => {
    fc.assert(
      fc.property(json, (j) => onlyAppErrors(() => validateSpec(j))),
      { numRuns: 1000 },
    );
  });

  it('#readProject: any text is a project or an error naming what is wrong (1,000)', () => {
    // A valid project with a few of its values, at any depth, replaced by any JSON.
    const valid = JSON.parse(
      projectFile(
        [{ name: 'calls.csv', sha256: 'a'.repeat(64), bytes: 10, mapping: { kind: 'calls' } }],
        DEFAULT_CASE_SETTINGS,
        { order: ['tel:+447700900123'], pinned: [], removed: [], notes: { x: 'y' } },
        DEFAULT_FILTERS,
        'community',
        'score',
        [{ at: '2026-01-01T00:00:00.000Z', action: 'import', detail: 'calls.csv' }],
      ),
    );
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (path.length) paths.push(path);
      if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(valid, []);
    const projectish = fc
      .array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue()), { minLength: 1, maxLength: 3 })
      .map((changes) => {
        const p = structuredClone(valid);
        for (const [path, value] of changes) {
          let at = p;
          for (const k of path.slice(0, -1)) at = typeof at[k] === 'object' && at[k] !== null ? at[k] : (at[k] = {});
          at[path.at(-1)!] = value;
        }
        return p;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          json.map((j) => JSON.stringify(j)),
          projectish.map((p) => JSON.stringify(p)),
        ),
        (text) =>
          onlyAppErrors(() => {
            // What is accepted is well formed: written again, it reads back the same.
            const p = readProject(text);
            const filters = {
              ...p.view.filters,
              from: p.view.filters.from ?? -Infinity,
              to: p.view.filters.to ?? Infinity,
            };
            const again = projectFile(p.files, p.settings, p.edits, filters, p.view.colourBy, p.view.sizeBy, p.log);
            expect(readProject(again)).toEqual(p);
          }),
      ),
      { numRuns: 1000 },
    );
  });
});
