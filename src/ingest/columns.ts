// Which kind of export a file is, and which column holds which field, from its header row.
import type { RecordKind } from '../model/types';
import { foldName } from './names';

export const FIELDS = {
  calls: ['caller', 'callee', 'start', 'duration', 'type', 'imei', 'cell', 'party', 'other', 'direction'],
  transfers: ['id', 'date', 'from', 'to', 'amount', 'currency', 'reference', 'fromName', 'toName'],
  travel: ['name', 'document', 'nationality', 'dob', 'carrier', 'service', 'origin', 'destination', 'departure'],
  subscribers: ['ref', 'name', 'dob', 'phone', 'account', 'document', 'imei', 'entityType'],
  edges: ['source', 'target', 'weight', 'type', 'time'],
} as const satisfies Record<RecordKind, readonly string[]>;

export type FieldOf<K extends RecordKind> = (typeof FIELDS)[K][number];
export type ColumnMap = Partial<Record<string, string>>;

/** Alternatives that must be present for a kind: any one list fully present will do. */
export const REQUIRED: Record<RecordKind, string[][]> = {
  calls: [
    ['caller', 'callee', 'start'],
    ['party', 'other', 'direction', 'start'],
  ],
  transfers: [['date', 'from', 'to', 'amount']],
  travel: [['name', 'service', 'departure']],
  subscribers: [
    ['name', 'phone'],
    ['name', 'account'],
    ['name', 'document'],
    ['ref', 'phone'],
    ['ref', 'account'],
  ],
  edges: [['source', 'target']],
};

/** Header synonyms, compared after folding to lower-case words joined by `_`. */
const SYNONYMS: { [K in RecordKind]: Record<FieldOf<K>, string[]> } = {
  calls: {
    caller: [
      'caller',
      'a_number',
      'anumber',
      'a_party',
      'calling_number',
      'calling_party',
      'calling',
      'from',
      'from_number',
      'msisdn_a',
      'originating_number',
      'originator',
      'source_number',
      'caller_number',
      'caller_msisdn',
      'sender_number',
      'a_msisdn',
      'numero_appelant',
      'appelant',
    ],
    callee: [
      'callee',
      'b_number',
      'bnumber',
      'b_party',
      'called_number',
      'called_party',
      'called',
      'to',
      'to_number',
      'msisdn_b',
      'destination_number',
      'dialled_number',
      'dialed_number',
      'recipient',
      'recipient_number',
      'callee_number',
      'b_msisdn',
      'numero_appele',
      'appele',
    ],
    start: [
      'start',
      'start_time',
      'starttime',
      'call_start',
      'date_time',
      'datetime',
      'timestamp',
      'call_date',
      'call_time',
      'date',
      'time',
      'event_time',
      'seizure_time',
      'answer_time',
      'start_date',
      'date_heure',
    ],
    duration: [
      'duration',
      'duration_s',
      'duration_sec',
      'duration_seconds',
      'call_duration',
      'seconds',
      'secs',
      'dur',
      'length',
      'billsec',
      'duree',
    ],
    type: ['type', 'call_type', 'calltype', 'event_type', 'service', 'record_type', 'service_type', 'kind'],
    imei: ['imei', 'caller_imei', 'a_imei', 'handset', 'handset_imei', 'device_imei', 'imei_a'],
    cell: [
      'cell',
      'cell_id',
      'cellid',
      'cgi',
      'ecgi',
      'site',
      'site_id',
      'lac_cell',
      'first_cell',
      'start_cell',
      'bts',
      'cell_a',
    ],
    party: [
      'msisdn',
      'target',
      'target_number',
      'subscriber',
      'subscriber_number',
      'own_number',
      'served_msisdn',
      'monitored_number',
    ],
    other: ['other_party', 'other_number', 'other', 'counterpart', 'correspondent', 'partner_number', 'remote_number'],
    direction: ['direction', 'call_direction', 'in_out', 'inout', 'mo_mt', 'orientation'],
  },
  transfers: {
    id: [
      'id',
      'transaction_id',
      'transfer_id',
      'txn_id',
      'tx_id',
      'reference_number',
      'payment_id',
      'end_to_end_id',
      'trn',
    ],
    date: [
      'date',
      'value_date',
      'booking_date',
      'transaction_date',
      'timestamp',
      'date_time',
      'datetime',
      'time',
      'execution_date',
      'posted',
      'posting_date',
    ],
    from: [
      'from',
      'from_account',
      'debtor_iban',
      'debtor_account',
      'payer_account',
      'payer_iban',
      'sender',
      'sender_account',
      'sender_iban',
      'originator_account',
      'originator_iban',
      'source_account',
      'ordering_account',
      'account_from',
      'debit_account',
      'remitter_account',
    ],
    to: [
      'to',
      'to_account',
      'creditor_iban',
      'creditor_account',
      'payee_account',
      'payee_iban',
      'beneficiary',
      'beneficiary_account',
      'beneficiary_iban',
      'receiver',
      'receiver_account',
      'recipient_account',
      'destination_account',
      'account_to',
      'credit_account',
    ],
    amount: [
      'amount',
      'value',
      'sum',
      'transfer_amount',
      'transaction_amount',
      'amt',
      'montant',
      'betrag',
      'importe',
      'suma',
    ],
    currency: ['currency', 'ccy', 'cur', 'currency_code', 'devise', 'waehrung', 'moneda'],
    reference: [
      'reference',
      'remittance_information',
      'remittance_info',
      'description',
      'narrative',
      'memo',
      'details',
      'purpose',
      'payment_reference',
      'note',
      'comment',
      'libelle',
    ],
    fromName: [
      'from_name',
      'debtor_name',
      'payer_name',
      'sender_name',
      'originator_name',
      'ordering_party',
      'remitter_name',
      'remitter',
    ],
    toName: ['to_name', 'creditor_name', 'payee_name', 'beneficiary_name', 'receiver_name', 'recipient_name'],
  },
  travel: {
    name: [
      'name',
      'traveller',
      'traveler',
      'traveller_name',
      'traveler_name',
      'passenger',
      'passenger_name',
      'pax_name',
      'full_name',
      'surname_given',
      'nom',
    ],
    document: [
      'document',
      'document_number',
      'document_no',
      'doc_no',
      'doc_number',
      'passport',
      'passport_number',
      'passport_no',
      'id_number',
      'travel_document',
      'travel_document_number',
    ],
    nationality: ['nationality', 'citizenship', 'nat', 'country_of_citizenship', 'issuing_country', 'document_country'],
    dob: ['dob', 'date_of_birth', 'birth_date', 'birthdate', 'born'],
    carrier: ['carrier', 'airline', 'operator', 'company', 'transport_company', 'carrier_code', 'bus_company'],
    service: [
      'service',
      'flight',
      'flight_number',
      'flight_no',
      'service_number',
      'route_number',
      'train',
      'train_number',
      'voyage',
      'trip',
      'trip_id',
      'coach',
      'vessel',
      'service_no',
    ],
    origin: [
      'from',
      'origin',
      'departure_airport',
      'departure_port',
      'from_airport',
      'dep',
      'origin_airport',
      'boarding_point',
      'departure_station',
    ],
    destination: [
      'to',
      'destination',
      'arrival_airport',
      'arrival_port',
      'to_airport',
      'arr',
      'destination_airport',
      'arrival_station',
    ],
    departure: [
      'departure',
      'departure_time',
      'departure_date',
      'dep_time',
      'scheduled_departure',
      'date',
      'datetime',
      'travel_date',
      'date_time',
      'crossing_time',
      'std',
    ],
  },
  subscribers: {
    ref: [
      'ref',
      'person_ref',
      'person_id',
      'customer_id',
      'subscriber_id',
      'client_id',
      'kyc_id',
      'party_id',
      'customer_ref',
      'id',
    ],
    name: ['name', 'full_name', 'subscriber_name', 'customer_name', 'account_holder', 'holder_name', 'client_name'],
    dob: ['dob', 'date_of_birth', 'birth_date', 'birthdate'],
    phone: [
      'phone',
      'msisdn',
      'phone_number',
      'mobile',
      'mobile_number',
      'telephone',
      'tel',
      'contact_number',
      'number',
    ],
    account: ['account', 'iban', 'account_number', 'bank_account', 'account_no'],
    document: [
      'document',
      'document_number',
      'id_document',
      'passport',
      'passport_number',
      'id_number',
      'national_id',
      'id_card',
    ],
    imei: ['imei', 'handset_imei', 'device_imei'],
    entityType: ['entity_type', 'customer_type', 'party_type', 'subscriber_type', 'type', 'account_type', 'segment'],
  },
  edges: {
    source: ['source', 'src', 'from', 'node1', 'node_1', 'u', 'actor1', 'i', 'ego', 'sender'],
    target: ['target', 'tgt', 'dst', 'to', 'node2', 'node_2', 'v', 'actor2', 'j', 'alter', 'receiver'],
    weight: ['weight', 'w', 'value', 'count', 'strength', 'calls'],
    type: ['type', 'layer', 'relation', 'kind', 'label'],
    time: ['time', 'date', 'timestamp', 'datetime'],
  },
};

/** `"Calling Party"` -> `calling_party`; `A-Number` -> `a_number`. */
export function foldHeader(header: string): string {
  return foldName(header).replace(/ /g, '_');
}

export interface KindGuess {
  kind: RecordKind;
  columns: ColumnMap;
  /** Fraction of the header's columns that were recognised. */
  coverage: number;
  complete: boolean;
}

/** Maps headers to the fields of `kind`: exact synonym first, then a synonym the header contains as whole words. */
export function mapColumns(kind: RecordKind, headers: string[]): ColumnMap {
  const folded = headers.map(foldHeader);
  const synonyms = SYNONYMS[kind] as Record<string, string[]>;
  const columns: ColumnMap = {};
  const taken = new Set<number>();
  for (const pass of ['exact', 'words'] as const) {
    for (const [field, names] of Object.entries(synonyms)) {
      if (columns[field] !== undefined) continue;
      for (const name of names) {
        const index = folded.findIndex(
          (h, i) =>
            !taken.has(i) && (pass === 'exact' ? h === name : `_${h}_`.includes(`_${name}_`) && name.length > 2),
        );
        if (index >= 0) {
          columns[field] = headers[index]!;
          taken.add(index);
          break;
        }
      }
    }
  }
  return columns;
}

export function isComplete(kind: RecordKind, columns: ColumnMap): boolean {
  return REQUIRED[kind].some((set) => set.every((field) => columns[field] !== undefined));
}

/** Scores every kind on the header and returns them best first. */
export function guessKinds(headers: string[]): KindGuess[] {
  const kinds = Object.keys(SYNONYMS) as RecordKind[];
  return kinds
    .map((kind) => {
      const columns = mapColumns(kind, headers);
      const mapped = Object.keys(columns).length;
      return {
        kind,
        columns,
        coverage: headers.length ? mapped / headers.length : 0,
        complete: isComplete(kind, columns),
      };
    })
    .sort((a, b) => Number(b.complete) - Number(a.complete) || b.coverage - a.coverage);
}
