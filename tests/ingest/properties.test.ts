import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneKey } from '../../src/ingest/phone';
import { normaliseAccount } from '../../src/ingest/iban';
import { displayName, foldName, foldUnicode, nameKey, titleCase, titleCaseUnicode } from '../../src/ingest/names';
import { parseAmount, parseDuration } from '../../src/ingest/numbers';
import { parseDate, DATE_FORMATS } from '../../src/ingest/dates';
import { createCsvStream } from '../../src/ingest/csv';
import { toCsv } from '../../src/export/csv';
import { createSink, ingestBytes } from '../../src/ingest/ingest';

const RUNS = { numRuns: 1000 };

describe('parsers and normalisers never throw and keep their promises', () => {
  it('#normalisePhone: any string gives a result; accepted numbers are E.164 and stable', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = normalisePhone(s, 'GB');
        if (r.ok && r.e164.startsWith('+')) {
          expect(r.e164).toMatch(/^\+\d{6,15}$/);
          expect(normalisePhone(r.e164, 'GB')).toMatchObject({ ok: true, e164: r.e164 });
        }
      }),
      RUNS,
    );
  });
  it('#normalisePhone: a UK mobile written any of four ways is one number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 }), (n, style) => {
        const local = `07700900${String(n).padStart(3, '0')}`;
        const forms = [local, `+44 ${local.slice(1)}`, `44${local.slice(1)}`, `0044${local.slice(1)}`];
        expect(normalisePhone(forms[style]!, 'GB')).toMatchObject({ ok: true, e164: `+44${local.slice(1)}` });
      }),
      RUNS,
    );
  });
  it('#phoneKey: spellings with one key read as one number', () => {
    // Two spellings of one digit string, each with its own punctuation and perhaps a `+`: where their keys are
    // equal, so is their reading (a key is looked up instead of reading the spelling).
    const punctuation = fc.constantFrom('', '', '', ' ', '(', ')', '.', '/', '-', '  ');
    const spelling = (digits: string) =>
      fc
        .tuple(fc.boolean(), fc.array(punctuation, { minLength: digits.length, maxLength: digits.length }))
        .map(([plus, marks]) => (plus ? '+' : '') + [...digits].map((d, i) => marks[i] + d).join(''));
    const digits = fc.stringMatching(/^(00|0|44|1|7|)[0-9]{5,13}$/);
    let compared = 0;
    fc.assert(
      fc.property(
        digits.chain((d) => fc.tuple(spelling(d), spelling(d))),
        fc.constantFrom('GB', 'US', 'DE'),
        ([a, b], country) => {
          const [ka, kb] = [phoneKey(a.trim()), phoneKey(b.trim())];
          if (ka < 0 || ka !== kb) return;
          compared++;
          const read = (s: string) => {
            const r = normalisePhone(s, country);
            return r.ok ? r : { ok: false, withheld: r.withheld };
          };
          expect(read(b)).toEqual(read(a));
        },
      ),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(300);
  });
  it('#phoneKey: what the reading tells apart has different keys, or none', () => {
    const key = (s: string) => phoneKey(s);
    // A leading 00 as written is an international prefix; behind a bracket it is not.
    expect(key('0044 7700 900123')).not.toBe(key('(00)44 7700 900123'));
    // In the US (international prefix 011) only the first reads as a UK number.
    expect(normalisePhone('0044 20 7946 0000', 'US')).toMatchObject({ ok: true, e164: '+442079460000' });
    expect(normalisePhone('(00)44 20 7946 0000', 'US')).toMatchObject({ ok: false });
    expect(key('+447700900123')).not.toBe(key('447700900123'));
    expect(key('07700900123')).not.toBe(key('7700900123'));
    expect(key('07700 900123')).toBe(key('07700-900-123'));
    // No key: withheld zeros, short codes, too long, letters, a `+` not in front, other white space.
    for (const s of ['0000000', '118118', '123456789012345', '0770090012x', '07700+900123', '07700\t900123'])
      expect(key(s)).toBe(-1);
  });
  it('#normaliseAccount: never throws; accepted ids are upper case without spaces', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = normaliseAccount(s);
        if (r.ok) expect(r.id).toMatch(/^[A-Z0-9/]+$/);
      }),
      RUNS,
    );
  });
  it('#nameKey: idempotent and free of case and marks', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const k = nameKey(s);
        expect(foldName(k)).toBe(k);
        expect(k).toBe(k.toLowerCase());
      }),
      RUNS,
    );
  });
  it('#foldName and #titleCase: their ASCII paths give what the Unicode definitions give', () => {
    // Names as registers write them (ASCII letters, spaces, punctuation, digits), and any text at all.
    const ascii = fc.string({ unit: fc.constantFrom(..."aZbYqM  ,./-'09\t\u007f!@[`{"), maxLength: 30 });
    const text = fc.oneof(ascii, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(text, (s) => {
        expect(foldName(s)).toBe(foldUnicode(s));
        expect(titleCase(s)).toBe(titleCaseUnicode(s));
        expect(nameKey(s)).toBe(foldUnicode(displayName(s)));
      }),
      { numRuns: 5000 },
    );
    for (const s of ['', ' ', 'SMITH', 'o', "o'brien", 'Anne-Marie', 'A1b', 'Ştefan', 'İlker', 'x\u0301'])
      expect([foldName(s), titleCase(s)]).toEqual([foldUnicode(s), titleCaseUnicode(s)]);
  });
  it('#parseAmount and #parseDuration: never throw; amounts are finite', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (s, sep) => {
        const a = parseAmount(s, sep);
        if (a.ok) expect(Number.isFinite(a.amount)).toBe(true);
        const d = parseDuration(s);
        if (d !== null) expect(d).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
  it('#parseAmount: the usual spelling, read by its characters, reads as the expressions read it', () => {
    // Digits with a separator or none; the same beside a currency code is the expressions' to read.
    const spelling = fc
      .tuple(fc.stringMatching(/^[0-9]{0,20}$/), fc.constantFrom('', '.', ','), fc.stringMatching(/^[0-9]{0,4}$/))
      .map(([a, mark, b]) => a + mark + b);
    fc.assert(
      fc.property(spelling, fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (v, sep) => {
        const plain = parseAmount(v, sep);
        const coded = parseAmount(`${v} EUR`, sep);
        expect(plain.ok).toBe(coded.ok);
        if (plain.ok && coded.ok) expect(plain.amount).toBe(coded.amount);
      }),
      { numRuns: 5000 },
    );
  });
  it('#parseAmount: a formatted amount reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (units, cents) => {
        const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(parseAmount(`${grouped},${String(cents).padStart(2, '0')}`, ',')).toMatchObject({
          ok: true,
          amount: Number(`${units}.${String(cents).padStart(2, '0')}`),
        });
      }),
      RUNS,
    );
  });
  it('#parseDate: never throws; ISO round trips', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...DATE_FORMATS), (s, f) => {
        const ms = parseDate(s, f, 'Europe/London');
        if (ms !== null) expect(Number.isFinite(ms)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (d) => {
        const t = Math.floor(d.getTime() / 1000) * 1000;
        expect(parseDate(new Date(t).toISOString(), 'iso', 'UTC')).toBe(t);
      }),
      RUNS,
    );
  });
  it('#createCsvStream: reads back what toCsv writes, in any chunking', () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (rows, size) => {
          const text = toCsv(['a', 'b'], rows);
          const got: string[][] = [];
          const s = createCsvStream({ delimiter: ',', lineEnding: '\r\n' }, (r) => got.push(r.fields));
          for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
          s.end();
          expect(got).toEqual([['a', 'b'], ...rows]);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('ingest: every row of any call file is used, rejected or a duplicate', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('07700900123', '+44 7700 900456', 'Withheld', '2024-01-01T10:00:00Z', '13/01/2024 10:00', '65'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { maxLength: 20 }), (rows) => {
        const text =
          'caller,callee,start,duration\n' +
          rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') +
          '\n';
        const sink = createSink();
        const { report } = ingestBytes('fuzz.csv', new TextEncoder().encode(text), sink);
        if (!report.skipped) {
          expect(report.rowsRead).toBe(report.rowsUsed + report.rowsRejected + report.duplicates);
          expect(sink.issues).toHaveLength(report.rowsRejected + report.duplicates);
        }
      }),
      { numRuns: 300 },
    );
  });
});
