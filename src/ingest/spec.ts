// The mapping spec: a JSON file that overrides detection per file. `inspect --write-spec` writes one to edit.
import { appError } from '../lib/errors';
import { validateTimeZone } from '../lib/time-zones';
import { RECORD_KINDS, type RecordKind } from '../model/types';
import { DELIMITERS, type Delimiter, type Encoding } from './csv';
import { DATE_FORMATS, type DateFormat } from './dates';
import { FIELDS } from './columns';

export interface FileSpec {
  kind?: RecordKind;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** field -> header name as written in the file. */
  columns?: Record<string, string>;
  dateFormat?: DateFormat;
  dobFormat?: DateFormat;
  timeZone?: string;
  decimal?: '.' | ',';
  country?: string;
  currency?: string;
}

export interface MappingSpec {
  version: 1;
  /** Keyed by file name (without folders); `*` applies to every file not named. */
  files: Record<string, FileSpec>;
}

const ENCODINGS: Encoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

function oneOf<T extends string>(where: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw appError(
      'spec',
      `${where} is ${JSON.stringify(value)}; expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    );
  }
  return value as T;
}

function text(where: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw appError('spec', `${where} must be a non-empty string`);
  return value;
}

/** Validates parsed JSON as a MappingSpec; throws an AppError naming the first wrong entry. */
export function validateSpec(json: unknown): MappingSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw appError('spec', 'a mapping spec is a JSON object');
  const root = json as Record<string, unknown>;
  if (root.version !== 1) throw appError('spec', `"version" is ${JSON.stringify(root.version)}; expected 1`);
  const files = root.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw appError('spec', '"files" must be an object keyed by file name');
  const out: Record<string, FileSpec> = Object.create(null);
  for (const [name, raw] of Object.entries(files)) {
    const where = `files[${JSON.stringify(name)}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw appError('spec', `${where} must be an object`);
    const entry = raw as Record<string, unknown>;
    const spec: FileSpec = {};
    for (const key of Object.keys(entry)) {
      const value = entry[key];
      const at = `${where}.${key}`;
      switch (key) {
        case 'kind':
          spec.kind = oneOf(at, value, RECORD_KINDS);
          break;
        case 'encoding':
          spec.encoding = oneOf(at, value, ENCODINGS);
          break;
        case 'delimiter':
          spec.delimiter = oneOf(at, value === 'tab' ? '\t' : value, DELIMITERS);
          break;
        case 'dateFormat':
          spec.dateFormat = oneOf(at, value, DATE_FORMATS);
          break;
        case 'dobFormat':
          spec.dobFormat = oneOf(at, value, DATE_FORMATS);
          break;
        case 'decimal':
          spec.decimal = oneOf(at, value, ['.', ','] as const);
          break;
        case 'timeZone':
          validateTimeZone(text(at, value));
          spec.timeZone = value as string;
          break;
        case 'country':
          if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value))
            throw appError('spec', `${at} must be a two-letter country code such as "GB"`);
          spec.country = value;
          break;
        case 'currency':
          if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value))
            throw appError('spec', `${at} must be a three-letter currency code such as "EUR"`);
          spec.currency = value;
          break;
        case 'columns': {
          if (typeof value !== 'object' || value === null || Array.isArray(value))
            throw appError('spec', `${at} must map fields to header names`);
          const columns: Record<string, string> = Object.create(null);
          for (const [field, header] of Object.entries(value)) columns[field] = text(`${at}.${field}`, header);
          spec.columns = columns;
          break;
        }
        default:
          throw appError(
            'spec',
            `${at} is not a setting; expected kind, encoding, delimiter, columns, dateFormat, dobFormat, timeZone, decimal, country or currency`,
          );
      }
    }
    if (spec.columns) {
      const known: readonly string[] = spec.kind ? FIELDS[spec.kind] : [...new Set(Object.values(FIELDS).flat())];
      for (const field of Object.keys(spec.columns)) {
        if (!known.includes(field))
          throw appError(
            'spec',
            `${where}.columns.${field} is not a field of ${spec.kind ?? 'any kind'}; expected one of ${known.join(', ')}`,
          );
      }
    }
    out[name] = spec;
  }
  return { version: 1, files: out };
}

/** The spec entry for a file: its own name first, then `*`. */
export function specFor(spec: MappingSpec | undefined, fileName: string): FileSpec | undefined {
  if (!spec) return undefined;
  const base = fileName.split(/[\\/]/).pop()!;
  return Object.hasOwn(spec.files, base)
    ? spec.files[base]
    : Object.hasOwn(spec.files, '*')
      ? spec.files['*']
      : undefined;
}

/** The spec entry that reproduces a detection: what `inspect --write-spec` writes and the app saves. */
export function specFromDetection(d: {
  kind: RecordKind | null;
  encoding: Encoding;
  delimiter: Delimiter;
  columns: Partial<Record<string, string>>;
  formats: { dateFormat: DateFormat | null; dobFormat: DateFormat | null; timeZone: string; decimal: '.' | ',' };
}): FileSpec {
  const entry: FileSpec = { encoding: d.encoding, delimiter: d.delimiter, columns: {} };
  if (d.kind) entry.kind = d.kind;
  for (const [field, header] of Object.entries(d.columns)) if (header) entry.columns![field] = header;
  if (d.formats.dateFormat) entry.dateFormat = d.formats.dateFormat;
  if (d.formats.dobFormat) entry.dobFormat = d.formats.dobFormat;
  entry.timeZone = d.formats.timeZone;
  if (d.kind === 'transfers') entry.decimal = d.formats.decimal;
  return entry;
}
