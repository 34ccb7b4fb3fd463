// Travel manifests and border crossings: traveller, document, nationality, carrier, service, route, departure.
import type { TravelRecord } from '../../model/types';
import { displayName, foldName } from '../names';
import type { RowContext } from './context';

export function readTravel(ctx: RowContext): TravelRecord {
  const rawName = ctx.required('name');
  const name = displayName(rawName);
  const key = foldName(name);
  if (key === '') ctx.reject('name', 'missing_value', `"${rawName}" holds no letters of a name`);
  const documentNumber = ctx.documentNumber('document');
  const document = documentNumber < 0 ? undefined : ctx.identifiers.keys[documentNumber]!;
  const service = ctx.required('service').replace(/\s+/g, '').toUpperCase();
  const carrier = ctx.get('carrier').replace(/\s+/g, ' ').toUpperCase();
  const departure = ctx.time('departure');
  const record: TravelRecord = {
    kind: 'travel',
    ...ctx.source,
    traveller: document ? `${document}#${key}` : `name:${key}`,
    name,
    nameKey: key,
    documentNumber,
    carrier,
    service,
    departure,
  };
  if (document) record.document = document;
  const nationality = ctx.get('nationality').toUpperCase();
  if (nationality) record.nationality = nationality;
  const dob = ctx.dob('dob');
  if (dob) record.dob = dob;
  const origin = ctx.get('origin').toUpperCase();
  if (origin) record.origin = origin;
  const destination = ctx.get('destination').toUpperCase();
  if (destination) record.destination = destination;
  return record;
}
