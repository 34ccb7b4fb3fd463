import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CallTable, IdentifierNumbers } from '../../src/model/call-table';
import type { CallRecord } from '../../src/model/types';
import { createSink, ingestBytes } from '../../src/ingest/ingest';
import { previewRows } from '../../src/ingest/preview';
import { createRowIndex } from '../../src/graph/provenance';
import { TEST_OPTIONS } from '../helpers';

const key = fc.constantFrom('tel:+441', 'tel:+442', 'tel:+443', 'acct:GB1', 'imei:12345678901234', 'tel:+33 6');
const call: fc.Arbitrary<CallRecord> = fc
  .record({
    caller: key,
    callee: key,
    start: fc.double({ noNaN: true, noDefaultInfinity: true }),
    duration: fc.double({ min: 0, max: 604_800, noNaN: true }),
    type: fc.constantFrom('voice' as const, 'sms' as const, 'other' as const),
    imei: fc.option(key, { nil: undefined }),
    file: fc.nat(20),
    row: fc.nat(),
  })
  .map(({ imei, ...c }) => ({ kind: 'calls' as const, ...c, ...(imei === undefined ? {} : { imei }) }));

describe('CallTable', () => {
  it('should gather each (handset, SIM) pair its calls name, as the calls name them one by one', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (calls, keep) => {
        const table = new CallTable(new IdentifierNumbers());
        for (const c of calls) table.push(c);
        // By the records: each pair's key in order of its first call, with its count and first rows.
        const expected = new Map<string, { calls: number; rows: { file: number; row: number }[] }>();
        for (const c of calls) {
          if (c.imei === undefined) continue;
          const pair = `${c.imei} ${c.caller}`;
          const got = expected.get(pair) ?? { calls: 0, rows: [] };
          got.calls++;
          if (got.rows.length < keep) got.rows.push({ file: c.file, row: c.row });
          expected.set(pair, got);
        }
        const uses = table.handsetUses(keep);
        const ids = table.identifiers;
        expect(uses.handset.map((h, p) => `${ids[h]} ${ids[uses.sim[p]!]}`)).toEqual([...expected.keys()]);
        expect(uses.calls).toEqual([...expected.values()].map((e) => e.calls));
        expect(uses.rows).toEqual([...expected.values()].map((e) => e.rows));
      }),
    );
  });

  it('should give back every call it was given, however the run numbered their identifiers', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), fc.array(key), fc.nat(3), (calls, earlier, capacity) => {
        // The run has numbered other identifiers first (another file's accounts, say).
        const run = new IdentifierNumbers();
        for (const k of earlier) run.number(k);
        const table = new CallTable(run, capacity + 1);
        for (const c of calls) table.push(c);
        expect(table.length).toBe(calls.length);
        expect(table.records()).toEqual(calls);
        // The table's own numbers: each identifier once, in the order the calls first name it.
        const named = [...new Set(calls.flatMap((c) => [c.caller, c.callee, ...(c.imei ? [c.imei] : [])]))];
        expect(table.identifiers).toEqual(named);
        calls.forEach((c, k) => {
          expect(table.identifiers[table.caller[k]!]).toBe(c.caller);
          expect(table.identifiers[table.callee[k]!]).toBe(c.callee);
        });
      }),
    );
  });

  it('should keep its calls when it makes room, and refuse a call it does not hold', () => {
    const table = new CallTable(new IdentifierNumbers(), 2);
    const c: CallRecord = {
      kind: 'calls',
      caller: 'tel:+441',
      callee: 'tel:+442',
      start: 5,
      duration: 7,
      type: 'sms',
      file: 1,
      row: 9,
    };
    table.push(c);
    table.reserve(1000);
    expect(table.caller.length).toBe(1000);
    table.push({ ...c, row: 10 });
    expect(table.records()).toEqual([c, { ...c, row: 10 }]);
    expect(() => table.at(2)).toThrow(RangeError);
    expect(() => table.at(-1)).toThrow(RangeError);
  });
});

describe('calls read into columns', () => {
  const text =
    'caller,callee,start,duration,type,imei,cell\n' +
    '07700900123,07700900456,2024-03-13T14:05:00Z,65,voice,35-209900-176148-1,C1\n' +
    '+44 7700 900456,07700900789,2024-03-13T14:06:00Z,0,SMS,,\n' +
    '07700900123,07700900123,2024-03-13T14:07:00Z,5,voice,,C2\n' +
    '447700900789,07700 900123,2024-03-13T14:08:00Z,1:05,data,352099001761482,C3\n' +
    '07700900123,07700900456,2024-03-13T14:09:00Z,forever,voice,,\n';

  it('should hold the same calls the preview reads row by row, less the cell', () => {
    const sink = createSink();
    const { detection, report } = ingestBytes('cdr.csv', new TextEncoder().encode(text), sink, TEST_OPTIONS);
    expect(report).toMatchObject({ rowsRead: 5, rowsUsed: 3, rowsRejected: 2 });
    const preview = previewRows(detection, 10);
    const used = preview.flatMap((p) => ('record' in p ? [p] : []));
    expect(used.map((p) => p.row)).toEqual([2, 3, 5]);
    expect(used.map((p) => p.record.cell)).toEqual(['C1', undefined, 'C3']);
    const calls = sink.records.calls.records();
    expect(calls.map(({ kind: _k, file: _f, ...c }) => c)).toEqual(
      used.map((p) => {
        const { cell: _cell, ...record } = p.record;
        return { row: p.row, ...record };
      }),
    );
    expect(calls.map((c) => c.type)).toEqual(['voice', 'sms', 'other']);
    expect(calls[0]!.imei).toBe('imei:35209900176148');
    expect(calls[2]!.imei).toBe('imei:35209900176148');
    // The self-call and the bad duration are rejected with their columns, as before.
    expect(sink.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, 'callee', 'self_contact'],
      [6, 'duration', 'bad_duration'],
    ]);
  });

  it('should find each source row, call or not, by its file and row', () => {
    const sink = createSink();
    ingestBytes('cdr.csv', new TextEncoder().encode(text), sink, TEST_OPTIONS);
    ingestBytes(
      'bank.csv',
      new TextEncoder().encode('from,to,amount,date\nGB33BUKB20201555555555,GB94BARC10201530093459,100,2024-03-14\n'),
      sink,
      TEST_OPTIONS,
    );
    const index = createRowIndex(sink.records);
    expect(index.get(0, 3)).toEqual(sink.records.calls.at(1));
    expect(index.time(0, 5)).toBe(Date.parse('2024-03-13T14:08:00Z'));
    expect(index.get(1, 2)).toBe(sink.records.transfers[0]);
    expect(index.time(1, 2)).toBe(sink.records.transfers[0]!.time);
    // A rejected row, a row past the end, a file that is not there.
    expect(index.get(0, 4)).toBeUndefined();
    expect(index.time(0, 4)).toBeNaN();
    expect(index.get(0, 99)).toBeUndefined();
    expect(index.get(7, 2)).toBeUndefined();
  });
});
