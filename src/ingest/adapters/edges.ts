// A generic edge list (source, target, optional weight, type, time) for data already aggregated.
import type { EdgeRecord } from '../../model/types';
import { normaliseAccount } from '../iban';
import { parseWeight } from '../numbers';
import { normalisePhone } from '../phone';
import type { RowContext } from './context';

/** An id that reads as a valid phone or IBAN joins the other layers; anything else is a node of its own. */
export function edgeNodeId(raw: string, country: string): string {
  if (/^\+?[\d\s()-]{7,}$/.test(raw)) {
    const phone = normalisePhone(raw, country);
    if (phone.ok && phone.valid) return `tel:${phone.e164}`;
  }
  if (/^[A-Za-z]{2}\d{2}/.test(raw)) {
    const account = normaliseAccount(raw);
    if (account.ok && account.iban) return `acct:${account.id}`;
  }
  return `node:${raw}`;
}

export function readEdge(ctx: RowContext): EdgeRecord {
  const source = edgeNodeId(ctx.required('source'), ctx.formats.country);
  const target = edgeNodeId(ctx.required('target'), ctx.formats.country);
  if (source === target) ctx.reject('target', 'self_contact', 'the source and the target are the same');
  let weight = 1;
  const rawWeight = ctx.get('weight');
  if (rawWeight !== '') {
    const w = parseWeight(rawWeight);
    if (w === null || w === 0) ctx.reject('weight', 'bad_weight', `"${rawWeight}" is not a positive number`);
    weight = w;
  }
  const record: EdgeRecord = { kind: 'edges', ...ctx.source, source, target, weight };
  const type = ctx.get('type');
  if (type) record.type = type;
  const time = ctx.optionalTime('time');
  if (time !== undefined) record.time = time;
  return record;
}
