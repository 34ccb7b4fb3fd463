import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createFileIngestor,
  createSink,
  detectFile,
  ingestBytes,
  RowFingerprints,
  type IngestOptions,
} from '../../src/ingest/ingest';
import {
  sniffEncoding,
  detectDialect,
  createCsvStream,
  createDecoder,
  createRowStream,
  MAX_RECORD_CHARS,
  RecordTooLong,
} from '../../src/ingest/csv';
import { guessKinds } from '../../src/ingest/columns';
import { sinkOf } from '../helpers';

const OPTIONS: IngestOptions = { country: 'GB', timeZone: 'Europe/London', timeZoneStated: true, currency: 'EUR' };
const bytes = (s: string) => new TextEncoder().encode(s);

function ingest(text: string | Uint8Array, file = 'f.csv', options = OPTIONS) {
  const sink = createSink();
  const { detection, report } = ingestBytes(file, typeof text === 'string' ? bytes(text) : text, sink, options);
  return { sink, detection, report };
}

describe('#ingestBytes', () => {
  it('should read a semicolon CDR with BOM, CRLF, dd/mm/yyyy and one number written three ways', () => {
    const text =
      '\ufeffA_Number;B_Number;Start Time;Duration\r\n' +
      '07700900123;07700900456;13/03/2024 14:05:00;65\r\n' +
      '+44 7700 900123;07700900456;14/03/2024 09:00:00;10\r\n' +
      '447700900123;07700900456;15/03/2024 09:00:00;0:01:10\r\n';
    const { sink, detection, report } = ingest(text);
    expect(detection).toMatchObject({ kind: 'calls', delimiter: ';', bom: true, lineEnding: '\r\n', problems: [] });
    expect(detection.formats.dateFormat).toBe('dmy');
    expect(report).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsRejected: 0, duplicates: 0 });
    expect(new Set(sink.records.calls.records().map((c) => c.caller))).toEqual(new Set(['tel:+447700900123']));
    expect(sink.records.calls.at(0).start).toBe(Date.parse('2024-03-13T14:05:00Z'));
    expect(sink.records.calls.at(2).duration).toBe(70);
  });

  it('should reconcile every row: used, rejected with file, row, column and code, or duplicate', () => {
    const text =
      'caller,callee,start,duration\n' +
      '07700900123,07700900456,2024-03-13T14:05:00Z,65\n' +
      '07700900123,Withheld,2024-03-13T14:06:00Z,65\n' +
      '07700900123,07700900456,2024-03-13T99:05:00Z,65\n' +
      '07700900123,07700900456,2024-03-13T14:07:00Z,long\n' +
      '07700900123,07700900456\n' +
      '07700900123,07700900456,2024-03-13T14:05:00Z,65\n';
    const { sink, report } = ingest(text);
    expect(report.rowsRead).toBe(6);
    expect(report.rowsRead).toBe(report.rowsUsed + report.rowsRejected + report.duplicates);
    expect(report).toMatchObject({ rowsUsed: 1, rowsRejected: 4, duplicates: 1 });
    expect(sink.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'callee', 'withheld_party'],
      [4, 'start', 'bad_date'],
      [5, 'duration', 'bad_duration'],
      [6, 'start', 'truncated_row'],
      [7, '', 'duplicate_row'],
    ]);
    expect(sink.issues[0]!.file).toBe('f.csv');
    expect(sink.issues[4]!.message).toMatch(/duplicate of row 2/);
  });

  it('should read transfers with decimal commas, spaced IBANs and Windows-1252 names', () => {
    const latin1 = new Uint8Array(
      [...'Value Date;Debtor IBAN;Creditor IBAN;Creditor Name;Amount;Currency\r\n'].map((c) => c.charCodeAt(0)),
    );
    const row = (s: string) =>
      new Uint8Array([...s].map((c) => (c === 'é' ? 0xe9 : c === '€' ? 0x80 : c.charCodeAt(0))));
    const data = new Uint8Array([
      ...latin1,
      ...row('03.05.2024;GB82 WEST 1234 5698 7654 32;DE89370400440532013000;José Café;1.234,56;EUR\r\n'),
      ...row('04.05.2024;GB82WEST12345698765432;DE89370400440532013000;José Café;€12,00;\r\n'),
    ]);
    const { sink, detection, report } = ingest(data, 'bank.csv');
    expect(detection).toMatchObject({ kind: 'transfers', encoding: 'windows-1252' });
    expect(detection.formats.decimal).toBe(',');
    expect(report).toMatchObject({ rowsUsed: 2, rowsRejected: 0 });
    expect(sink.records.transfers[0]).toMatchObject({
      from: 'acct:GB82WEST12345698765432',
      to: 'acct:DE89370400440532013000',
      amount: 1234.56,
      currency: 'EUR',
      toName: 'José Café',
    });
    expect(sink.records.transfers[1]).toMatchObject({ amount: 12, currency: 'EUR' });
  });

  it('should read travel manifests and KYC registers', () => {
    const travel = ingest(
      'Passenger Name\tDocument No\tFlight\tDeparture\nPOPESCU/ANA\tRO 123\tW6 3301\t2024-02-01 06:15\n',
      't.csv',
    );
    expect(travel.detection.kind).toBe('travel');
    expect(travel.sink.records.travel[0]).toMatchObject({
      name: 'Ana Popescu',
      document: 'doc:RO123',
      service: 'W63301',
      traveller: 'doc:RO123#ana popescu',
    });
    const kyc = ingest(
      'Customer ID,Full Name,MSISDN,IBAN,Customer Type\nC1,"SMITH, John",07700 900123 / 07700 900124,GB82WEST12345698765432,Individual\nC2,Star Cars Ltd,01134960000,,Business\n',
      'k.csv',
    );
    expect(kyc.detection.kind).toBe('subscribers');
    expect(kyc.sink.records.subscribers[0]).toMatchObject({
      name: 'John Smith',
      identifiers: ['ref:C1', 'tel:+447700900123', 'tel:+447700900124', 'acct:GB82WEST12345698765432'],
      entityType: 'person',
    });
    expect(kyc.sink.records.subscribers[1]!.entityType).toBe('organisation');
  });

  it('should give each identifier of a record its number among the run’s identifiers', () => {
    const sink = sinkOf({
      'k.csv':
        'Customer ID,Full Name,MSISDN,IBAN,IMEI\nC1,John Smith,07700 900123,GB82WEST12345698765432,-\nC2,Ann Lee,07700900124,,35693803564380\n',
      'b.csv': 'date,from,to,amount\n2024-01-03,DE89370400440532013000,GB82 WEST 1234 5698 7654 32,-100\n',
      't.csv':
        'Passenger Name\tDocument No\tFlight\tDeparture\nPOPESCU/ANA\tRO 123\tW6 3301\t2024-02-01 06:15\nDOE/JANE\t\tW6 3301\t2024-02-01 06:15\n',
    });
    const { keys } = sink.records.calls.run;
    const [c1, c2] = sink.records.subscribers;
    // A handset cell of only a dash names no handset.
    expect(c1!.identifiers).toEqual(['ref:C1', 'tel:+447700900123', 'acct:GB82WEST12345698765432']);
    expect(c1!.numbers[0]).toBe(-1);
    expect(c1!.numbers.slice(1).map((n) => keys[n])).toEqual(c1!.identifiers.slice(1));
    expect(c2!.numbers.slice(1).map((n) => keys[n])).toEqual(['tel:+447700900124', 'imei:35693803564380']);
    // A negative amount turns the transfer round, numbers and all; the register's account keeps its number.
    const [t] = sink.records.transfers;
    expect(t).toMatchObject({ from: 'acct:GB82WEST12345698765432', to: 'acct:DE89370400440532013000', amount: 100 });
    expect([keys[t!.fromNumber], keys[t!.toNumber]]).toEqual([t!.from, t!.to]);
    expect(t!.fromNumber).toBe(c1!.numbers[2]);
    const [ana, jane] = sink.records.travel;
    expect(keys[ana!.documentNumber]).toBe('doc:RO123');
    expect(jane!.documentNumber).toBe(-1);
  });

  it('should give a handset one identifier however its IMEI is written, and tell handsets apart by 14 digits', () => {
    const imeis = [
      '35197137000002',
      '351971370000025',
      ' 3519713700000251 ',
      '35-197137-000002-5',
      '35197137000003',
      '00197137000002',
      '35197137000012',
      '',
      '197137000002',
      '35197137000002512',
    ];
    const rows = imeis.map((imei, i) => `0770090${String(1000 + i)},07700900999,2024-03-01T10:0${i}:00Z,5,${imei}`);
    const { sink, report } = ingest(`caller,callee,start,duration,imei\n${rows.join('\n')}\n`);
    expect(report).toMatchObject({ rowsRead: 10, rowsUsed: 8, rowsRejected: 2 });
    expect(sink.issues.map((i) => [i.row, i.code])).toEqual([
      [10, 'bad_imei'],
      [11, 'bad_imei'],
    ]);
    expect(sink.records.calls.records().map((c) => c.imei)).toEqual([
      ...Array(4).fill('imei:35197137000002'),
      'imei:35197137000003',
      'imei:00197137000002',
      'imei:35197137000012',
      undefined,
    ]);
  });

  it('should read the monitored-number / other-party / direction layout', () => {
    const { sink, report } = ingest(
      'MSISDN,Other Party,Direction,Date Time,Duration\n07700900123,07700900456,MT,2024-01-01 10:00,5\n07700900123,07700900456,MO,2024-01-01 11:00,5\n',
    );
    expect(report.rowsUsed).toBe(2);
    expect(sink.records.calls.records().map((c) => c.caller)).toEqual(['tel:+447700900456', 'tel:+447700900123']);
  });

  it('should count a row delivered in two files once', () => {
    const sink = createSink();
    const text = bytes('caller,callee,start\n07700900123,07700900456,2024-01-01T10:00:00Z\n');
    ingestBytes('a.csv', text, sink, OPTIONS);
    const second = ingestBytes('b.csv', text, sink, OPTIONS);
    expect(second.report).toMatchObject({ rowsRead: 1, rowsUsed: 0, duplicates: 1 });
    expect(sink.issues[0]!.message).toMatch(/row 2 of a\.csv/);
  });
});

describe('bad input', () => {
  it('should refuse an empty file with a clear problem', () => {
    expect(ingest('').detection.problems).toEqual(['the file is empty']);
  });
  it('should accept a header-only file with a warning and no rows', () => {
    const { detection, report } = ingest('caller,callee,start\n');
    expect(detection.warnings).toContain('the file has a header and no data rows');
    expect(report).toMatchObject({ rowsRead: 0, rowsUsed: 0 });
  });
  it('should refuse a binary file', () => {
    const { detection, report } = ingest(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    expect(detection.problems[0]).toMatch(/binary/);
    expect(report.skipped).toMatch(/binary/);
  });
  it('should ask for a mapping for a file of unknown kind', () => {
    expect(ingest('colour,size\nred,3\n').detection.problems[0]).toMatch(
      /unknown kind of file.*"colour", "size".*mapping/,
    );
  });
  it('should reject rows that a wrong delimiter garbles, naming the row', () => {
    const { report, sink } = ingest(
      'caller,callee,start\n07700900123,07700900456,2024-01-01T10:00:00Z\n07700900123;07700900456;2024-01-01T11:00:00Z\n',
    );
    expect(report).toMatchObject({ rowsUsed: 1, rowsRejected: 1 });
    expect(sink.issues[0]).toMatchObject({ row: 3, code: 'truncated_row' });
  });
  it('should reject a row with unbalanced quotes and say so', () => {
    const { report, sink } = ingest(
      'caller,callee,start\n07700900123,07700900456,2024-01-01T10:00:00Z\n"07700900123,07700900456,2024-01-01T11:00:00Z\n',
    );
    expect(report.rowsUsed).toBe(1);
    expect(sink.issues[0]).toMatchObject({ row: 3, code: 'malformed_quotes' });
  });
  it('should treat a column named __proto__ as an ordinary column', () => {
    const { report, sink } = ingest(
      '__proto__,caller,callee,start,constructor\nx,07700900123,07700900456,2024-01-01T10:00:00Z,y\n',
    );
    expect(report.rowsUsed).toBe(1);
    expect(sink.records.calls.at(0).caller).toBe('tel:+447700900123');
    expect(({} as Record<string, unknown>).caller).toBeUndefined();
  });
  it('should carry a 2 MB field through without harm', () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const { report, sink } = ingest(
      `caller,callee,start,note\n07700900123,07700900456,2024-01-01T10:00:00Z,"${big}"\n07700900123,07700900457,2024-01-01T10:00:00Z,ok\n`,
    );
    expect(report).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
    expect(sink.records.calls).toHaveLength(2);
  });
  it('should read Latin-1 text as Windows-1252', () => {
    const data = new Uint8Array(
      [...'name,phone\n']
        .map((c) => c.charCodeAt(0))
        .concat([
          0x53,
          0x74,
          0xe9,
          0x70,
          0x68,
          0x61,
          0x6e,
          0x65,
          0x2c,
          ...[...'07700900123\n'].map((c) => c.charCodeAt(0)),
        ]),
    );
    const { detection, sink } = ingest(data, 'kyc.csv');
    expect(detection.encoding).toBe('windows-1252');
    expect(sink.records.subscribers[0]!.name).toBe('Stéphane');
  });
});

describe('#detectDialect and #sniffEncoding', () => {
  it('should find each delimiter', () => {
    for (const d of [',', ';', '\t', '|'])
      expect(detectDialect(`a${d}b${d}c\n1${d}2${d}3\n4${d}5${d}6\n`).delimiter).toBe(d);
  });
  it('should say when it is unsure', () => {
    expect(detectDialect('just one column\nanother line\n').confident).toBe(false);
  });
  it('should see BOMs and invalid UTF-8', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(sniffEncoding(new Uint8Array([0x61, 0xe9, 0x62]))).toMatchObject({ encoding: 'windows-1252' });
    expect(sniffEncoding(new TextEncoder().encode('aé').subarray(0, 2))).toMatchObject({ encoding: 'utf-8' });
  });
  it('should decode Windows-1252 bytes 0x80–0x9F as the code page says', () => {
    expect(createDecoder('windows-1252').decode(new Uint8Array([0x80, 0x9e, 0xe9]))).toBe('€žé');
  });
});

describe('#createCsvStream', () => {
  it('should give the same rows whatever the chunk boundaries', () => {
    const text = 'a;b\r\n1;"multi\r\nline"\r\n2;"x;y"\r\n3;4\r\n';
    const whole: string[][] = [];
    const s1 = createCsvStream({ delimiter: ';', lineEnding: '\r\n' }, (r) => whole.push(r.fields));
    s1.push(text);
    s1.end();
    for (let size = 1; size < 8; size++) {
      const parts: string[][] = [];
      const s = createCsvStream({ delimiter: ';', lineEnding: '\r\n' }, (r) => parts.push(r.fields));
      for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
      s.end();
      expect(parts).toEqual(whole);
    }
    expect(whole[1]).toEqual(['1', 'multi\r\nline']);
  });
  it('should stream bytes through the ingestor in any chunking', () => {
    const text = bytes(
      'caller,callee,start\n07700900123,07700900456,2024-01-01T10:00:00Z\n07700900123,07700900457,2024-01-01T10:00:00Z\n',
    );
    const detection = detectFile('x.csv', text, OPTIONS);
    const sink = createSink();
    const ingestor = createFileIngestor(detection, sink);
    for (let i = 0; i < text.length; i += 3) ingestor.push(text.subarray(i, i + 3));
    expect(ingestor.end()).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
  });
  it('should read a push of many slices as it reads the same bytes in small pieces, letters cut across slices', () => {
    // A register of 3,000 rows (some 200 KB) whose names are two- and three-byte UTF-8 letters: pushed whole, it
    // is decoded in slices whose edges fall inside letters.
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `C${i},Ţurcanu ${'Ăşț€'.repeat(i % 9)} ${i},0770090${String(i).padStart(4, '0')}\n`,
    );
    const text = bytes(`Customer ID,Full Name,MSISDN\n${rows.join('')}`);
    expect(text.length).toBeGreaterThan(150_000);
    const read = (pieces: number) => {
      const detection = detectFile('k.csv', text.subarray(0, 256 * 1024), OPTIONS);
      const sink = createSink();
      const ingestor = createFileIngestor(detection, sink);
      for (let at = 0; at < text.length; at += pieces) ingestor.push(text.subarray(at, at + pieces));
      return { report: ingestor.end(), subscribers: sink.records.subscribers };
    };
    const whole = read(text.length);
    expect(whole.report).toMatchObject({ rowsRead: 3000, rowsUsed: 3000, rowsRejected: 0 });
    expect(whole.subscribers[2999]!.name).toBe(`Ţurcanu ${'Ăşț€'.repeat(2999 % 9)} 2999`);
    expect(whole).toEqual(read(1001));
  });
});

describe('#createRowStream', () => {
  type Read = { row: number; fields: string[]; error?: string; swallowed?: string[] };
  const DIALECTS = [
    { delimiter: ',', lineEnding: '\n' },
    { delimiter: ';', lineEnding: '\r\n' },
    { delimiter: '\t', lineEnding: '\r' },
  ] as const;
  /** Text of real and broken pieces: every delimiter and line ending, quotes, a BOM, letters beyond ASCII. */
  const piece = fc.constantFrom(
    ',',
    ';',
    '\t',
    '|',
    '\n',
    '\r\n',
    '\r',
    '"',
    '""',
    ' ',
    '\ufeff',
    'é',
    '\u0000',
    '\u007f',
    '~',
    'ab',
    '07700 900123',
    '',
  );
  const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
  /** What the stream reads, lines as papaparse would give them (their text split at the delimiter). */
  function readRows(dialect: (typeof DIALECTS)[number], chunks: string[]) {
    const rows: Read[] = [];
    const lines: { a: number; b: number; fields: string[]; plain: boolean }[] = [];
    const stream = createRowStream(
      dialect,
      (line) => {
        const fields = line.text.slice(line.start, line.end).split(dialect.delimiter);
        expect(fields.length).toBe(line.count);
        fields.forEach((f, i) => expect(line.text.slice(line.starts[i], line.ends[i])).toBe(f));
        rows.push({ row: line.row, fields });
        lines.push({ a: line.a, b: line.b, fields, plain: line.plain });
      },
      (r) => rows.push(r),
    );
    for (const chunk of chunks) stream.push(chunk);
    stream.end();
    return { rows, lines };
  }
  function papaRows(dialect: (typeof DIALECTS)[number], whole: string) {
    const rows: Read[] = [];
    const stream = createCsvStream(dialect, (r) => rows.push(r));
    stream.push(whole);
    stream.end();
    return rows;
  }

  it('should give the rows papaparse gives, with the same numbers, in any chunking', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 13 }), (whole, d, size) => {
        const dialect = DIALECTS[d]!;
        const chunks: string[] = [];
        for (let at = 0; at < whole.length; at += size) chunks.push(whole.slice(at, at + size));
        expect(readRows(dialect, chunks).rows).toEqual(papaRows(dialect, whole));
      }),
      { numRuns: 3000 },
    );
  });
  it('should fingerprint a line as RowFingerprints does its fields, and say whether it is printable ASCII', () => {
    fc.assert(
      fc.property(text, (whole) => {
        const dialect = DIALECTS[0];
        const { lines } = readRows(dialect, [whole]);
        const byFields = new RowFingerprints();
        const byLine = new RowFingerprints();
        lines.forEach((line, k) => {
          // The same text is the same fingerprint, and another text another (as far as these hashes tell).
          expect(byLine.checkHashes(line.a, line.b, 0, k)).toEqual(byFields.check(line.fields, ',', 0, k));
          const plain = [...line.fields.join(',')].every((c) => c >= ' ' && c <= '~');
          expect(line.plain).toBe(plain);
        });
      }),
      { numRuns: 1000 },
    );
  });
  it('should hand papaparse the file from its first line with a quote, the rows before it read as lines', () => {
    const lines: number[] = [];
    const rows: Read[] = [];
    const stream = createRowStream(
      { delimiter: ',', lineEnding: '\n' },
      (l) => lines.push(l.row),
      (r) => rows.push(r),
    );
    stream.push('a,b\n1,2\n\n3,"x\ny"\n4,5\n');
    stream.end();
    expect(lines).toEqual([1, 2]);
    expect(rows).toEqual([
      { row: 4, fields: ['3', 'x\ny'] },
      { row: 5, fields: ['4', '5'] },
    ]);
  });
  it('should pass by the lines `skip` asks it to, unsplit but counted, and fingerprint only when asked', () => {
    const lines: { row: number; fields: string; a: number; b: number }[] = [];
    const rows: Read[] = [];
    let skipping = false;
    const read = (fingerprint: boolean) => {
      lines.length = 0;
      rows.length = 0;
      const stream = createRowStream(
        { delimiter: ',', lineEnding: '\n' },
        (l) => {
          lines.push({ row: l.row, fields: l.text.slice(l.start, l.end), a: l.a, b: l.b });
          // Every line after "skip,on" is passed by, up to the line with a quote.
          skipping = l.text.slice(l.start, l.end) === 'skip,on';
        },
        (r) => rows.push(r),
        { fingerprint, skip: () => skipping },
      );
      stream.push('a,b\nskip,on\n1,2\n3,"x\n');
      skipping = false;
      stream.push('4,5\n6,"7"\n');
      stream.end();
    };
    read(false);
    // "1,2" and the line with a quote were passed by (a quote in a skipped line hands nothing to papaparse).
    expect(lines.map((l) => [l.row, l.fields])).toEqual([
      [1, 'a,b'],
      [2, 'skip,on'],
      [5, '4,5'],
    ]);
    expect(rows).toEqual([{ row: 6, fields: ['6', '7'] }]);
    expect(lines.every((l) => l.a === 0 && l.b === 0)).toBe(true);
    read(true);
    // The same fingerprints as RowFingerprints gives the lines' fields (the second "4,5" is the first's duplicate).
    const byLine = new RowFingerprints();
    const byFields = new RowFingerprints();
    for (const l of [...lines, lines[2]!])
      expect(byLine.checkHashes(l.a, l.b, 0, l.row)).toEqual(byFields.check(l.fields.split(','), ',', 0, l.row));
    expect(byLine.checkHashes(lines[2]!.a, lines[2]!.b, 0, 9)).toEqual([0, 5]);
  });
  it('should stop at a line that runs past the longest record, naming its row', () => {
    const stream = createRowStream(
      { delimiter: ',', lineEnding: '\n' },
      () => {},
      () => {},
    );
    stream.push('a,b\n1,2\n');
    const long = 'x'.repeat(1 << 20);
    expect(() => {
      for (let i = 0; i <= MAX_RECORD_CHARS >> 20; i++) stream.push(long);
    }).toThrow(new RecordTooLong(3));
  });
});

describe('#guessKinds', () => {
  it('should recognise header synonyms of each kind', () => {
    expect(guessKinds(['Calling Party', 'Called Party', 'Date Time'])[0]).toMatchObject({
      kind: 'calls',
      complete: true,
    });
    expect(guessKinds(['msisdn_a', 'msisdn_b', 'timestamp'])[0]!.kind).toBe('calls');
    expect(guessKinds(['debtor_iban', 'creditor_iban', 'booking_date', 'amount'])[0]!.kind).toBe('transfers');
    expect(guessKinds(['sender', 'receiver', 'date', 'value'])[0]!.kind).toBe('transfers');
    expect(guessKinds(['source', 'target', 'weight'])[0]!.kind).toBe('edges');
  });
});

describe('#readSubscriber', () => {
  it('should read every value of a multi-valued cell and skip empty parts', () => {
    const { sink, report } = ingest(
      'Customer ID,Full Name,MSISDN,ID Document\nC1,Ana Pop,07700900123;;07700900124,X1; ;X2\n',
      'k.csv',
    );
    expect(report.rowsUsed).toBe(1);
    expect(sink.records.subscribers[0]!.identifiers).toEqual([
      'ref:C1',
      'tel:+447700900123',
      'tel:+447700900124',
      'doc:X1',
      'doc:X2',
    ]);
  });
});

describe('RowFingerprints', () => {
  it('should name the first row with the same text, whenever and however much room was made', () => {
    const row = fc.array(fc.constantFrom('', 'a', 'b', 'ab', ',', 'é'), { minLength: 1, maxLength: 3 });
    const step = fc.oneof(fc.record({ fields: row, file: fc.nat(2) }), fc.record({ reserve: fc.nat(5000) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const table = new RowFingerprints();
        const first = new Map<string, [number, number]>();
        steps.forEach((s, row) => {
          if ('reserve' in s) return table.reserve(s.reserve);
          // The text the fingerprint is of: the fields joined by the separator (';' cannot be in a field here).
          const text = s.fields.join(';');
          expect(table.check(s.fields, ';', s.file, row)).toEqual(first.get(text) ?? null);
          if (!first.has(text)) first.set(text, [s.file, row]);
        });
      }),
    );
  });
});
