// Bank transfers: id, date, from account, to account, amount, currency, reference.
import type { TransferRecord } from '../../model/types';
import { displayName } from '../names';
import { parseAmount } from '../numbers';
import type { RowContext } from './context';

export function readTransfer(ctx: RowContext): TransferRecord {
  let fromNumber = ctx.accountNumber('from');
  let toNumber = ctx.accountNumber('to');
  const time = ctx.time('date');
  const rawAmount = ctx.required('amount');
  const parsed = parseAmount(rawAmount, ctx.formats.decimal);
  if (!parsed.ok) ctx.reject('amount', 'bad_amount', parsed.reason);
  let amount = parsed.amount;
  let fromName = ctx.get('fromName');
  let toName = ctx.get('toName');
  // A negative amount is money flowing the other way; keep the flow, not the sign.
  if (amount < 0) {
    [fromNumber, toNumber, fromName, toName] = [toNumber, fromNumber, toName, fromName];
    amount = -amount;
  }
  if (amount === 0) ctx.reject('amount', 'bad_amount', 'a transfer of zero moves no money');
  if (fromNumber === toNumber) ctx.reject('to', 'self_contact', 'the payer and the payee are the same account');
  const currency = (ctx.get('currency') || parsed.currency || ctx.formats.currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    ctx.reject('currency', 'bad_amount', `"${currency}" is not a three-letter currency code`);
  const { keys } = ctx.identifiers;
  const record: TransferRecord = {
    kind: 'transfers',
    ...ctx.source,
    time,
    from: keys[fromNumber]!,
    to: keys[toNumber]!,
    fromNumber,
    toNumber,
    amount,
    currency,
  };
  const id = ctx.get('id');
  if (id) record.id = id;
  const reference = ctx.get('reference');
  if (reference) record.reference = reference;
  if (fromName) record.fromName = displayName(fromName);
  if (toName) record.toName = displayName(toName);
  return record;
}
