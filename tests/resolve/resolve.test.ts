import { describe, expect, it } from 'vitest';
import { MergeLog, resolveEntities } from '../../src/resolve/resolve';
import { sinkOf } from '../helpers';

const CALLS =
  'caller,callee,start,imei\n07700900001,07700900009,2024-01-01T10:00:00Z,356938035643809\n07700900002,07700900009,2024-01-02T10:00:00Z,356938035643809\n07700900003,07700900009,2024-01-02T10:00:00Z,\n';
const KYC = 'Customer ID,Full Name,MSISDN,IBAN,ID Document\nC1,"SMITH, John",07700900003,GB82WEST12345698765432,X123\n';
const TRAVEL =
  'Passenger Name\tDocument No\tFlight\tDeparture\nSMITH/JOHN\tX123\tBA1\t2024-01-05 10:00\nSmith, Jon\tX123\tBA2\t2024-01-09 10:00\nDOE/JANE\t\tBA1\t2024-01-05 10:00\n';

/** An old number calls four friends in January; a new one (another handset) calls the same four from February. */
function burner(extra = '') {
  const rows = ['caller,callee,start,imei'];
  const friends = ['07700900101', '07700900102', '07700900103', '07700900104'];
  friends.forEach((f, i) => rows.push(`07700900001,${f},2024-01-0${i + 1} 10:00,356938035643809`));
  friends.forEach((f, i) => rows.push(`07700900002,${f},2024-02-0${i + 1} 10:00,490154203237518`));
  return rows.join('\n') + '\n' + extra;
}

describe('#resolveEntities', () => {
  it('should join a new SIM that takes over an old one’s contacts (swap rule), with its reason', () => {
    const r = resolveEntities(sinkOf({ 'c.csv': burner() }).records);
    expect(r.entityOf.get('tel:+447700900002')).toBe(r.entityOf.get('tel:+447700900001'));
    const merge = r.merges.find((m) => m.rule === 'swap')!;
    expect(merge.reason).toMatch(
      /^\+447700900002 takes over from \+447700900001: 4 shared contacts \(similarity 1\.00\)/,
    );
    expect(merge.sources).toEqual([{ file: 0, row: 6 }]);
    // Overlapping use is two people, not a swap; nor is a number that stops long before the other starts.
    const overlap = burner('07700900001,07700900101,2024-03-01 10:00,356938035643809\n');
    const two = resolveEntities(sinkOf({ 'c.csv': overlap }).records);
    expect(two.entityOf.get('tel:+447700900002')).not.toBe(two.entityOf.get('tel:+447700900001'));
    const off = resolveEntities(sinkOf({ 'c.csv': burner() }).records, { rules: ['kyc', 'imei'], exclude: [] });
    expect(off.entityOf.get('tel:+447700900002')).not.toBe(off.entityOf.get('tel:+447700900001'));
  });

  it('should list a group’s identifiers by kind (register id, document, phone, account, handset), then by text', () => {
    // A handset used with 20 SIMs, given out of order (a group of 21: the larger groups' ordering), and a register
    // row naming a phone, an account and a document (a group of four: the small groups').
    const sims = Array.from({ length: 20 }, (_, i) => `077009${String(900100 + ((i * 7) % 20)).slice(1)}`);
    const calls = [
      'caller,callee,start,imei',
      ...sims.map((s, i) => `${s},07700900009,2024-01-01T10:${String(i).padStart(2, '0')}:00Z,356938035643809`),
    ];
    const r = resolveEntities(sinkOf({ 'c.csv': calls.join('\n') + '\n', 'kyc.csv': KYC }).records);
    const handset = r.entities.get(r.entityOf.get('imei:35693803564380')!)!;
    const phones = sims.map((s) => `tel:+44${s.slice(1)}`).sort();
    expect(handset.identifiers).toEqual([...phones, 'imei:35693803564380']);
    expect(handset.id).toBe(phones[0]);
    const subject = r.entities.get(r.entityOf.get('tel:+447700900003')!)!;
    expect(subject.identifiers).toEqual(['ref:C1', 'doc:X123', 'tel:+447700900003', 'acct:GB82WEST12345698765432']);
  });

  it('should find an identifier’s group by its text and by the run’s number, and each group’s entity', () => {
    const transfers =
      'Transaction ID;Value Date;Debtor IBAN;Debtor Name;Creditor IBAN;Creditor Name;Amount;Currency\n' +
      'T1;10.01.2024;GB82WEST12345698765432;;GB33BUKB20201555555555;;100,00;GBP\n';
    const { records } = sinkOf({ 'c.csv': CALLS, 'kyc.csv': KYC, 'travel.tsv': TRAVEL, 't.csv': transfers });
    const r = resolveEntities(records);
    const { entityOf } = r;
    expect(entityOf.groupEntities).toHaveLength(entityOf.entityIds.length);
    entityOf.entityIds.forEach((id, g) => expect(entityOf.groupEntities[g]).toBe(r.entities.get(id)));
    for (const identifier of [...entityOf.entityIds, 'tel:+447700900002', 'doc:X123', 'acct:GB33BUKB20201555555555']) {
      const g = entityOf.groupOfIdentifier(identifier);
      expect(entityOf.entityIds[g], identifier).toBe(entityOf.get(identifier));
    }
    // The account the register and the transfer both name: its group by the run's number is the register row's.
    const [t] = records.transfers;
    expect(entityOf.groupOfWide(t!.fromNumber)).toBe(entityOf.groupOfIdentifier('tel:+447700900003'));
    expect(entityOf.entityIds[entityOf.groupOfWide(t!.toNumber)]).toBe('acct:GB33BUKB20201555555555');
    expect(entityOf.groupOfIdentifier('tel:+447700900077')).toBe(-1);
    expect(entityOf.groupOfWide(-1)).toBe(-1);
  });

  it('should join SIMs used in one handset (imei rule)', () => {
    const r = resolveEntities(sinkOf({ 'c.csv': CALLS }).records);
    expect(r.entityOf.get('tel:+447700900001')).toBe(r.entityOf.get('tel:+447700900002'));
    expect(r.entityOf.get('tel:+447700900003')).toBe('tel:+447700900003');
    const merge = r.merges.find((m) => m.rule === 'imei')!;
    expect(merge.id).toBe('imei:35693803564380');
    expect(merge.sources).toEqual([{ file: 0, row: 2 }]);
  });
  it('should gather a handset link’s rows, keeping the first 20 in the order read and counting the rest', () => {
    const rows = ['caller,callee,start,imei'];
    for (let i = 0; i < 25; i++)
      rows.push(`07700900001,07700900009,2024-01-01T10:${String(i).padStart(2, '0')}:00Z,356938035643809`);
    rows.push('07700900002,07700900009,2024-01-02T10:00:00Z,356938035643809');
    rows.push('07700900001,07700900008,2024-01-03T10:00:00Z,');
    const r = resolveEntities(sinkOf({ 'c.csv': rows.join('\n') + '\n' }).records);
    const merges = r.merges.filter((m) => m.rule === 'imei');
    expect(merges.map((m) => [m.a, m.b])).toEqual([
      ['imei:35693803564380', 'tel:+447700900001'],
      ['imei:35693803564380', 'tel:+447700900002'],
    ]);
    expect(merges[0]!.sources).toEqual(Array.from({ length: 20 }, (_, i) => ({ file: 0, row: i + 2 })));
    expect(merges[0]!.reason).toBe('+447700900001 was used in handset 35693803564380 (25 rows; first 20 kept)');
    expect(merges[1]!.sources).toEqual([{ file: 0, row: 27 }]);
    expect(merges[1]!.reason).toBe('+447700900002 was used in handset 35693803564380');
    // Every identifier the case names finds its entity; one it never named finds none.
    const person = r.entityOf.get('tel:+447700900001');
    expect(r.entityOf.get('tel:+447700900002')).toBe(person);
    expect(r.entityOf.get('imei:35693803564380')).toBe(person);
    expect(r.entityOf.get('tel:+447700900008')).toBe('tel:+447700900008');
    expect(r.entityOf.get('tel:+447700900077')).toBeUndefined();
    expect(r.entities.get(person!)!.identifiers).toEqual([
      'tel:+447700900001',
      'tel:+447700900002',
      'imei:35693803564380',
    ]);
  });
  it('should tie a register row to its phone, account and document, and that document to its travel names', () => {
    const r = resolveEntities(sinkOf({ 'c.csv': CALLS, 'k.csv': KYC, 't.csv': TRAVEL }).records);
    const person = r.entityOf.get('tel:+447700900003')!;
    expect(person).toBe('ref:C1');
    expect(r.entityOf.get('acct:GB82WEST12345698765432')).toBe(person);
    expect(r.entityOf.get('doc:X123#jon smith')).toBe(person);
    const entity = r.entities.get(person)!;
    expect(entity).toMatchObject({ kind: 'person', label: 'John Smith' });
    expect(entity.names).toEqual(['John Smith', 'Jon Smith']);
    expect(r.merges.map((m) => m.rule)).toEqual(expect.arrayContaining(['kyc', 'document']));
  });
  it('should find an identifier by its number in the run as by its text', () => {
    const TRANSFERS = 'date,from,to,amount\n2024-01-03,GB82WEST12345698765432,DE89370400440532013000,100\n';
    const { records } = sinkOf({ 'c.csv': CALLS, 'k.csv': KYC, 't.csv': TRAVEL, 'b.csv': TRANSFERS });
    const r = resolveEntities(records);
    const { keys } = records.calls.run;
    const [t] = records.transfers;
    // The register's account and an account no other file names.
    expect(r.entityOf.ofWide(t!.fromNumber)).toBe('ref:C1');
    expect(r.entityOf.ofWide(t!.toNumber)).toBe(r.entityOf.get('acct:DE89370400440532013000'));
    for (let wide = 0; wide < keys.length; wide++) expect(r.entityOf.ofWide(wide)).toBe(r.entityOf.get(keys[wide]!));
    expect(r.entityOf.ofWide(-1)).toBeUndefined();
    expect(r.entityOf.ofWide(keys.length + 5)).toBeUndefined();
  });

  it('should leave unresolved identifiers as nodes of their own', () => {
    const r = resolveEntities(sinkOf({ 't.csv': TRAVEL }).records);
    expect(r.entities.get('name:jane doe')).toMatchObject({ kind: 'person', label: 'Jane Doe' });
  });
  it('should let each rule be switched off and each merge be undone', () => {
    const records = sinkOf({ 'c.csv': CALLS, 'k.csv': KYC, 't.csv': TRAVEL }).records;
    const noImei = resolveEntities(records, { rules: ['kyc', 'document', 'name'], exclude: [] });
    expect(noImei.entityOf.get('tel:+447700900001')).not.toBe(noImei.entityOf.get('tel:+447700900002'));
    expect(noImei.merges.some((m) => m.rule === 'imei')).toBe(false);
    const undone = resolveEntities(records, { rules: ['kyc', 'imei', 'document', 'name'], exclude: ['kyc:C1'] });
    expect(undone.entityOf.get('tel:+447700900003')).toBe('tel:+447700900003');
    expect(() => resolveEntities(records, { rules: ['guess' as never], exclude: [] })).toThrow(
      /resolve: unknown rule "guess"/,
    );
  });
  it('should not join a name-only traveller when two people share the name', () => {
    const kyc = 'Customer ID,Full Name,MSISDN\nC1,Jane Doe,07700900011\nC2,Jane Doe,07700900012\n';
    const r = resolveEntities(sinkOf({ 'k.csv': kyc, 't.csv': TRAVEL }).records);
    expect(r.entityOf.get('name:jane doe')).toBe('name:jane doe');
    const single = resolveEntities(
      sinkOf({ 'k.csv': 'Customer ID,Full Name,MSISDN\nC1,Jane Doe,07700900011\n', 't.csv': TRAVEL }).records,
    );
    expect(single.entityOf.get('name:jane doe')).toBe('ref:C1');
  });
});

describe('#MergeLog', () => {
  const row = (r: number) => ({ file: 0, row: r });
  for (const [what, base] of [
    ['numbered ends', 7],
    ['ends numbered past 2^26 (kept by text)', 2 ** 26 + 7],
  ] as const)
    it(`should gather a link's rows by its rule's id and its two ends, either way round, with ${what}`, () => {
      const log = new MergeLog();
      for (let r = 0; r < 25; r++)
        log.add(
          'kyc:C1',
          'kyc',
          r % 2 ? 'ref:C1' : 'tel:+1',
          r % 2 ? 'tel:+1' : 'ref:C1',
          r % 2 ? base : base + 1,
          r % 2 ? base + 1 : base,
          row(r + 2),
          'register row',
        );
      // The same two ends under another id, and another pair: links of their own.
      log.add('document:X1', 'document', 'tel:+1', 'ref:C1', base + 1, base, row(40), 'document');
      log.add('kyc:C1', 'kyc', 'ref:C1', 'acct:A', base, base + 2, row(41), 'register row');
      log.add('kyc:C1', 'kyc', 'ref:C1', 'ref:C1', base, base, row(42), 'itself');
      const merges = log.list();
      expect(merges.map((m) => [m.id, m.a, m.b, m.sources.length])).toEqual([
        ['document:X1', 'ref:C1', 'tel:+1', 1],
        ['kyc:C1', 'acct:A', 'ref:C1', 1],
        ['kyc:C1', 'ref:C1', 'tel:+1', 20],
      ]);
      expect(merges[2]!.sources[0]).toEqual(row(2));
      expect(merges[2]!.reason).toBe('register row (25 rows; first 20 kept)');
    });
});
