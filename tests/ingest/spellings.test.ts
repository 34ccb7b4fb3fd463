// A run reads each identifier spelling once, whichever of its files names it again, and still reads it by each
// file's own default country.
import { describe, expect, it, vi } from 'vitest';
import { createSink, forgetSpellings, ingestBytes, type IngestOptions } from '../../src/ingest/ingest';
import { normalisePhone } from '../../src/ingest/phone';
import { normaliseAccount } from '../../src/ingest/iban';

vi.mock('../../src/ingest/phone', async (original) => {
  const phone = await original<typeof import('../../src/ingest/phone')>();
  return { ...phone, normalisePhone: vi.fn(phone.normalisePhone) };
});
vi.mock('../../src/ingest/iban', async (original) => {
  const iban = await original<typeof import('../../src/ingest/iban')>();
  return { ...iban, normaliseAccount: vi.fn(iban.normaliseAccount) };
});

const GB: IngestOptions = { country: 'GB', timeZone: 'Europe/London', timeZoneStated: true, currency: 'EUR' };
const US: IngestOptions = { ...GB, country: 'US', timeZone: 'America/New_York' };
const bytes = (s: string) => new TextEncoder().encode(s);
const CALLS =
  'caller,callee,start\n07700 900123,(0)20 7946 0018,2024-01-01T10:00:00Z\n2025550123,withheld,2024-01-01T11:00:00Z\n';
const REGISTER =
  'Customer ID,Full Name,MSISDN,IBAN\nC1,Ana Pop,07700 900123,GB82 WEST 1234 5698 7654 32\nC2,Ion Rusu,2025550123,GB33BUKB20201555555555\n';
const TRANSFERS =
  'Debtor IBAN,Creditor IBAN,Value Date,Amount\nGB82 WEST 1234 5698 7654 32,GB33BUKB20201555555555,2024-01-02,100\n';

describe('spellings read once per run', () => {
  it('should read a spelling another file of the run has read without parsing it again, to the same identifier', () => {
    const sink = createSink();
    ingestBytes('calls.csv', bytes(CALLS), sink, GB);
    const parsed = vi.mocked(normalisePhone).mock.calls.length;
    const { report } = ingestBytes('register.csv', bytes(REGISTER), sink, GB);
    expect(report).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
    // Both of the register's numbers were spelt this way in the calls.
    expect(vi.mocked(normalisePhone).mock.calls.length).toBe(parsed);
    expect(sink.records.subscribers.map((s) => s.identifiers[1])).toEqual(['tel:+447700900123', 'tel:+442025550123']);
    // The transfers' accounts were read in the register.
    const accounts = vi.mocked(normaliseAccount).mock.calls.length;
    ingestBytes('transfers.csv', bytes(TRANSFERS), sink, GB);
    expect(vi.mocked(normaliseAccount).mock.calls.length).toBe(accounts);
    expect(sink.records.transfers[0]).toMatchObject({
      from: 'acct:GB82WEST12345698765432',
      to: 'acct:GB33BUKB20201555555555',
    });
  });

  it('should still reject a withheld spelling in every file that has it, with its own row', () => {
    const sink = createSink();
    ingestBytes('a.csv', bytes(CALLS), sink, GB);
    ingestBytes('b.csv', bytes(CALLS.replace('11:00', '12:00')), sink, GB);
    expect(sink.issues.filter((i) => i.code === 'withheld_party').map((i) => [i.file, i.row, i.column])).toEqual([
      ['a.csv', 3, 'callee'],
      ['b.csv', 3, 'callee'],
    ]);
  });

  it("should read a spelling by each file's default country, in either order", () => {
    // 2025550123 is a London number read in Britain, a Washington one read in the United States.
    const register = (ref: string) => `Customer ID,MSISDN\n${ref},2025550123\n`;
    const callersOf = (first: IngestOptions, second: IngestOptions) => {
      const sink = createSink();
      ingestBytes('first.csv', bytes(register('C1')), sink, first);
      ingestBytes('second.csv', bytes(register('D1')), sink, second);
      return sink.records.subscribers.map((s) => s.identifiers[1]);
    };
    expect(callersOf(GB, US)).toEqual(['tel:+442025550123', 'tel:+12025550123']);
    expect(callersOf(US, GB)).toEqual(['tel:+12025550123', 'tel:+442025550123']);
    expect(callersOf(GB, GB)).toEqual(['tel:+442025550123', 'tel:+442025550123']);
  });

  it('should read the spellings again after forgetSpellings, to the same identifiers', () => {
    const sink = createSink();
    ingestBytes('calls.csv', bytes(CALLS), sink, GB);
    const ids = sink.identifiers.keys.length;
    forgetSpellings(sink);
    const parsed = vi.mocked(normalisePhone).mock.calls.length;
    ingestBytes('register.csv', bytes(REGISTER), sink, GB);
    expect(vi.mocked(normalisePhone).mock.calls.length).toBe(parsed + 2);
    expect(sink.records.subscribers.map((s) => s.identifiers[1])).toEqual(['tel:+447700900123', 'tel:+442025550123']);
    // Only the register's new identifiers, its two accounts, were added.
    expect(sink.identifiers.keys.length).toBe(ids + 2);
  });
});
