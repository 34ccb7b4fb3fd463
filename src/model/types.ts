// Domain types shared by every stage: record kinds, row issues, identifiers and entities.
import { CallTable, IdentifierNumbers } from './call-table';

export const RECORD_KINDS = ['calls', 'transfers', 'travel', 'subscribers', 'edges'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Why a row was not used. Stable codes: exports and tests key on them. */
export type IssueCode =
  | 'bad_date'
  | 'bad_duration'
  | 'bad_amount'
  | 'bad_phone'
  | 'bad_iban'
  | 'bad_imei'
  | 'bad_weight'
  | 'missing_value'
  | 'withheld_party'
  | 'self_contact'
  | 'truncated_row'
  | 'extra_fields'
  | 'malformed_quotes'
  | 'no_identifier'
  | 'duplicate_row'
  | 'encoding';

/** A bad row is data, not an exception: where it is, what is wrong, and the row as read. */
export interface RowIssue {
  file: string;
  /** 1-based record number in the file, the header being row 1. */
  row: number;
  column: string;
  code: IssueCode;
  message: string;
  raw: string;
}

/** Where a record came from: index into the run's file list, and the row number in that file. */
export interface SourceRow {
  file: number;
  row: number;
}

export interface CallRecord extends SourceRow {
  kind: 'calls';
  caller: string;
  callee: string;
  /** UTC milliseconds. */
  start: number;
  /** Seconds; 0 for SMS. */
  duration: number;
  type: 'voice' | 'sms' | 'other';
  imei?: string;
  cell?: string;
}

export interface TransferRecord extends SourceRow {
  kind: 'transfers';
  id?: string;
  time: number;
  from: string;
  to: string;
  /**
   * `from`'s and `to`'s numbers among the run's identifiers (the IdentifierNumbers of the call table in the same
   * Records): later steps find the accounts by number, not by their text.
   */
  fromNumber: number;
  toNumber: number;
  fromName?: string;
  toName?: string;
  amount: number;
  currency: string;
  reference?: string;
}

export interface TravelRecord extends SourceRow {
  kind: 'travel';
  /** The traveller's identifier: `doc:NUMBER#name key` when a document is given (one per name variant), else `name:` and the name key. */
  traveller: string;
  name: string;
  nameKey: string;
  document?: string;
  /** `document`'s number among the run's identifiers (see TransferRecord.fromNumber); -1 without one. */
  documentNumber: number;
  nationality?: string;
  dob?: string;
  carrier: string;
  service: string;
  origin?: string;
  destination?: string;
  departure: number;
}

export interface SubscriberRecord extends SourceRow {
  kind: 'subscribers';
  /** Identifiers this row links to one subject (phones, accounts, documents, handsets, the register's reference). */
  identifiers: string[];
  /**
   * Each identifier's number among the run's identifiers (see TransferRecord.fromNumber), in the same order; -1
   * for the register's reference (`ref:`), which the run does not number.
   */
  numbers: number[];
  ref?: string;
  name?: string;
  nameKey?: string;
  dob?: string;
  entityType: 'person' | 'organisation';
}

export interface EdgeRecord extends SourceRow {
  kind: 'edges';
  source: string;
  target: string;
  weight: number;
  type?: string;
  time?: number;
}

export type AnyRecord = CallRecord | TransferRecord | TravelRecord | SubscriberRecord | EdgeRecord;

export interface Records {
  /** In columns (see call-table.ts): a case's calls are most of its rows. */
  calls: CallTable;
  transfers: TransferRecord[];
  travel: TravelRecord[];
  subscribers: SubscriberRecord[];
  edges: EdgeRecord[];
}

/** `identifiers`: the run's identifier numbers, which the calls are kept by. */
export function emptyRecords(identifiers = new IdentifierNumbers()): Records {
  return { calls: new CallTable(identifiers), transfers: [], travel: [], subscribers: [], edges: [] };
}

/** Identifier keys carry their kind as a prefix: `tel:+447700900123`, `imei:…`, `acct:…`, `doc:…`, `ref:…`, `name:…`, `node:…`. */
export type IdentifierKind = 'tel' | 'imei' | 'acct' | 'doc' | 'ref' | 'name' | 'node';

export function identifierKind(id: string): IdentifierKind {
  return id.slice(0, id.indexOf(':')) as IdentifierKind;
}

export function identifierValue(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** Identifiers worth showing a person: a document's per-name variants (`doc:X#name`) are internal. */
export function isDisplayIdentifier(id: string): boolean {
  return !id.includes('#');
}

export type EntityKind = 'person' | 'organisation' | 'identifier';

export interface Entity {
  id: string;
  kind: EntityKind;
  label: string;
  identifiers: string[];
  /** Names seen for this entity across sources (display form), sorted. */
  names: string[];
  dob?: string;
  nationality?: string;
}

/** One link made by entity resolution: which rule joined two identifiers, and on which rows. */
export interface Merge {
  id: string;
  rule: ResolutionRule;
  a: string;
  b: string;
  sources: SourceRow[];
  reason: string;
}

export const RESOLUTION_RULES = ['kyc', 'imei', 'document', 'name', 'swap'] as const;
export type ResolutionRule = (typeof RESOLUTION_RULES)[number];
