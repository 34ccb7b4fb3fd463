// Subscriber and KYC registers: one row ties a person (or a business) to phones, accounts, documents, handsets.
import type { SubscriberRecord } from '../../model/types';
import { displayName, foldName } from '../names';
import type { RowContext } from './context';

const ORGANISATION_TYPE = /business|company|corporate|organi[sz]ation|org|ltd|merchant|commercial|enterprise|legal/i;
const ORGANISATION_NAME =
  /\b(ltd|limited|llc|plc|gmbh|s\.?r\.?l|s\.?a|inc|co|company|taxis?|cabs?|surgery|clinic|pharmacy|hotel|restaurant|takeaway|pizza|services|transfers?|remittance|exchange|shop|store|garage|cars|logistics|agency|bank)\b/i;

export function readSubscriber(ctx: RowContext): SubscriberRecord {
  const identifiers: string[] = [];
  const numbers: number[] = [];
  const ref = ctx.get('ref');
  if (ref) {
    identifiers.push(`ref:${ref}`);
    numbers.push(-1);
  }
  const { keys } = ctx.identifiers;
  // A register lists several numbers or accounts in one cell now and then: "07700 900123 / 07700 900124".
  for (const field of ['phone', 'account', 'document', 'imei'] as const) {
    const cell = ctx.get(field);
    if (cell === '') continue;
    const separators = field === 'phone' || field === 'imei' ? /\s*[;/|]\s*/ : /\s*[;|]\s*/;
    const parts = cell.split(separators).filter((part) => part !== '');
    for (const part of parts) {
      const n =
        field === 'phone'
          ? ctx.phoneNumber(field, part)
          : field === 'account'
            ? ctx.accountNumber(field, part)
            : field === 'document'
              ? ctx.documentNumber(field, part)
              : ctx.imeiNumber(field, part);
      // (a part of only separators, "-" say, names no document or handset)
      if (n < 0) continue;
      identifiers.push(keys[n]!);
      numbers.push(n);
    }
  }
  const rawName = ctx.get('name');
  if (identifiers.length === (ref ? 1 : 0)) {
    ctx.reject('phone', 'no_identifier', 'the row names no phone, account, document or handset');
  }
  const name = rawName ? displayName(rawName) : undefined;
  const entityType =
    ORGANISATION_TYPE.test(ctx.get('entityType')) || (rawName !== '' && ORGANISATION_NAME.test(rawName))
      ? 'organisation'
      : 'person';
  const record: SubscriberRecord = { kind: 'subscribers', ...ctx.source, identifiers, numbers, entityType };
  if (ref) record.ref = ref;
  if (name) {
    record.name = entityType === 'organisation' ? rawName.replace(/\s+/g, ' ').trim() : name;
    record.nameKey = foldName(name);
  }
  const dob = ctx.dob('dob');
  if (dob) record.dob = dob;
  return record;
}
