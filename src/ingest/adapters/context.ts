// What an adapter sees of one row: field look-up by name, the file's formats, and a way to reject.
import type { IssueCode, SourceRow } from '../../model/types';
import type { DateFormat } from '../dates';
import { parseDateOnly, PLAUSIBLE_YEARS, readDate } from '../dates';
import type { DecimalSeparator } from '../numbers';
import { normalisePhone, phoneKey, phoneKeyIn } from '../phone';
import type { Line } from '../csv';
import { NumberIndex } from '../../lib/number-table';
import { e164OfKey, keyOfE164, type PhoneReadings } from '../phone-scan';
import { normaliseAccount } from '../iban';
import { IdentifierNumbers } from '../../model/call-table';
import { HANDSET, PHONE } from '../split-read';

export interface FileFormats {
  country: string;
  timeZone: string;
  dateFormat: DateFormat | null;
  dobFormat: DateFormat | null;
  decimal: DecimalSeparator;
  /** Currency for amounts that state none. */
  currency: string;
}

export interface RowProblem {
  column: string;
  code: IssueCode;
  message: string;
}

type CachedPhone = { ok: true; id: string; number: number } | { ok: false; withheld: boolean; reason: string };

/** A phone number's identifier key. */
const phoneId = (e164: string) => `tel:${e164}`;

function normalisePhoneId(raw: string, country: string): CachedPhone {
  const r = normalisePhone(raw, country);
  return r.ok ? { ok: true, id: phoneId(r.e164), number: -1 } : r;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

/**
 * A cell's value as the records hold it: trimmed, and control characters (line breaks in a quoted cell, terminal
 * escapes) and bidirectional overrides, which can make a name display as another, made spaces.
 */
function clean(v: string): string {
  return CONTROLS.test(v) ? v.replace(CONTROLS_ALL, ' ').replace(/ {2,}/g, ' ').trim() : v.trim();
}

type AccountReading = { number: number } | { reason: string };

/**
 * What a run has read of its identifiers' spellings, kept from file to file: each phone spelling's identifier
 * number (by its key, or by the spelling where it has none) for each default country, each E.164 number's, and
 * each account spelling's identifier. A register then finds the numbers that the call files spelt the same way
 * without a parse of its own, where a reading per file parsed them all again: a city's register of 60,000
 * people spent more time parsing phones than its calls did per row. Its numbers are of `identifiers`. Made with
 * the run's sink and dropped with the reading (its maps hold spellings that point into the files' text).
 */
export class SpellingReadings {
  constructor(readonly identifiers: IdentifierNumbers) {}

  /** By the E.164 number's key (keyOfE164), whatever the country it was read in. */
  readonly byE164 = new NumberIndex();
  readonly accounts = new Map<string, AccountReading>();
  /** Handsets' identifier numbers by their 14-digit body (see plainImei). */
  readonly imeis = new NumberIndex();
  private readonly phones = new Map<string, { byKey: NumberIndex; bySpelling: Map<string, CachedPhone> }>();
  /**
   * Phone spellings' readings made on shared memory, by another thread too (see PhoneReadings), for each default
   * country: a later file's context looks there before it parses a spelling (the helper may have read a spelling
   * of a call file that the main thread never met).
   */
  readonly aheadIn = new Map<string, PhoneReadings>();

  /** The phone spellings read with `country` as the default country (a spelling may read otherwise in another). */
  phonesIn(country: string): { byKey: NumberIndex; bySpelling: Map<string, CachedPhone> } {
    let phones = this.phones.get(country);
    if (!phones) this.phones.set(country, (phones = { byKey: new NumberIndex(), bySpelling: new Map() }));
    return phones;
  }
}

export class RowRejected {
  constructor(readonly problem: RowProblem) {}
}

export class RowContext {
  /** The row read, as papaparse's fields or as a line (one of the two; see readFields and readLine). */
  private fields: string[] = [];
  private line: Line | null = null;
  source: SourceRow = { file: 0, row: 0 };

  /** Reads the row given as its fields. */
  readFields(fields: string[]): void {
    this.fields = fields;
    this.line = null;
  }

  /** Reads the row given as a line (see createRowStream), until the next readFields or readLine. */
  readLine(line: Line): void {
    this.line = line;
  }

  /**
   * `identifiers` numbers the identifiers of a whole run and holds one string for each: every spelling of a
   * number, in every file, then yields the same number and the same string, which later steps look up by the
   * string it is (and hold once).
   */
  constructor(
    private readonly indices: Record<string, number>,
    readonly headers: Record<string, string>,
    readonly formats: FileFormats,
    readonly identifiers = new IdentifierNumbers(),
    readings = new SpellingReadings(identifiers),
  ) {
    if (readings.identifiers !== identifiers) throw new Error("RowContext: readings of another run's identifiers");
    const phones = readings.phonesIn(formats.country);
    this.phoneNumbers = phones.byKey;
    this.phoneCache = phones.bySpelling;
    this.e164Numbers = readings.byE164;
    this.accounts = readings.accounts;
    this.imeis = readings.imeis;
    this.aheadIn = readings.aheadIn;
    this.readAhead = readings.aheadIn.get(formats.country);
  }

  // The run's readings of spellings (see SpellingReadings), the phones' for this file's country.
  private readonly phoneNumbers: NumberIndex;
  private readonly phoneCache: Map<string, CachedPhone>;
  private readonly e164Numbers: NumberIndex;
  private readonly aheadIn: Map<string, PhoneReadings>;
  private readonly accounts: Map<string, AccountReading>;
  private readonly imeis: NumberIndex;

  has(field: string): boolean {
    return this.indices[field] !== undefined;
  }

  /**
   * The value of `field` (see clean: no value carries control characters into the graph, the view or an export),
   * or '' when the file or the row has no such column.
   */
  get(field: string): string {
    const i = this.indices[field];
    if (i === undefined) return '';
    const { line } = this;
    if (line === null) return clean(this.fields[i] ?? '');
    if (i >= line.count) return '';
    const { text } = line;
    let start = line.starts[i]!;
    let end = line.ends[i]!;
    if (!line.plain) return clean(text.slice(start, end));
    // Printable ASCII: a space is all that trimming takes away.
    while (start < end && text.charCodeAt(start) === 32) start++;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    return text.slice(start, end);
  }

  /** Stops this row: it is reported with the column's header name. */
  reject(field: string, code: IssueCode, message: string): never {
    throw new RowRejected({ column: this.headers[field] ?? field, code, message });
  }

  required(field: string): string {
    const v = this.get(field);
    if (v === '') this.reject(field, 'missing_value', `no ${field} in column "${this.headers[field] ?? field}"`);
    return v;
  }

  time(field: string): number {
    const v = this.required(field);
    const ms = this.formats.dateFormat ? readDate(v, this.formats.dateFormat, this.formats.timeZone) : null;
    if (ms === 'range')
      this.reject(
        field,
        'bad_date',
        `"${v}" is outside the plausible years ${PLAUSIBLE_YEARS} (a typo or a placeholder?)`,
      );
    if (ms === null)
      this.reject(
        field,
        'bad_date',
        `"${v}" is not a date-time in the file's format (${this.formats.dateFormat ?? 'none detected'})`,
      );
    return ms;
  }

  optionalTime(field: string): number | undefined {
    return this.get(field) === '' ? undefined : this.time(field);
  }

  dob(field: string): string | undefined {
    const v = this.get(field);
    if (v === '') return undefined;
    const d = this.formats.dobFormat ? parseDateOnly(v, this.formats.dobFormat) : null;
    if (d === null)
      this.reject(
        field,
        'bad_date',
        `"${v}" is not a date of birth in the file's format (${this.formats.dobFormat ?? 'none detected'})`,
      );
    return d;
  }

  // The identifier readers take the field's value, or one part of a multi-valued cell when given, and give the
  // identifier's number in the run (see IdentifierNumbers): its key `tel:+44…`, `acct:…` is `identifiers.keys[n]`.

  /**
   * As phoneNumber, of the field's own value: in a plain line (see Line) a spelling read before is found by its
   * key, read from the line, without its string made.
   */
  phoneNumberOf(field: string): number {
    const { line } = this;
    const i = this.indices[field];
    if (line === null || !line.plain || i === undefined || i >= line.count) return this.phoneNumber(field);
    // In a plain line the key read from the line is phoneKey of the trimmed value.
    const key = phoneKeyIn(line.text, line.starts[i]!, line.ends[i]!);
    const n = key >= 0 ? this.phoneNumbers.get(key) : -1;
    return n >= 0 ? n : this.newSpelling(field, this.get(field), key);
  }

  /** A phone as its identifier's number in the run; withheld numbers reject the row with `withheld_party`. */
  phoneNumber(field: string, value = this.get(field)): number {
    const v = value.trim();
    // A case repeats the same few thousand numbers millions of times: parse each spelling once. Spellings that
    // read by their digits alone are looked up by a number (three times faster than by the string); the rest,
    // and the first sight of each, by the string.
    const key = phoneKey(v);
    const n = key >= 0 ? this.phoneNumbers.get(key) : -1;
    return n >= 0 ? n : this.newSpelling(field, v, key);
  }

  /** The number of the trimmed spelling `v`, not yet known by its key `key` (-1: it has none). */
  private newSpelling(field: string, v: string, key: number): number {
    // Read on another thread, ahead of this row or in another part of the file (see phone-scan.ts).
    const ahead = key >= 0 ? (this.readAhead?.get(key) ?? -1) : -1;
    if (ahead >= 0) return this.keepPhone(key, this.numberOfE164(ahead));
    let r = this.phoneCache.get(v);
    if (r === undefined) {
      r = normalisePhoneId(v, this.formats.country);
      if (r.ok) {
        const known = keyOfE164(r.id.slice(4));
        r.number = known >= 0 ? this.numberOfE164(known, r.id) : this.identifiers.number(r.id);
        // For the thread reading another part of the file, if one is (see split-read.ts).
        if (known >= 0 && key >= 0 && this.shareReadings) this.readAhead?.set(key, known);
      }
      // Room for every spelling in a city's file (three spellings each of 500,000 numbers at 5M rows, some
      // 100 bytes each): emptied only beyond that, for a file of ever-new numbers. A spelling with a key that
      // reads as a number is kept by its key alone, below.
      if (key < 0 || !r.ok) {
        if (this.phoneCache.size > 4_000_000) this.phoneCache.clear();
        this.phoneCache.set(v, r);
      }
    }
    if (!r.ok) this.reject(field, r.withheld ? 'withheld_party' : 'bad_phone', r.reason);
    return key >= 0 ? this.keepPhone(key, r.number) : r.number;
  }

  /** Keeps a spelling's number by its key (room for a city's spellings; emptied only beyond that), and returns it. */
  private keepPhone(key: number, n: number): number {
    if (this.phoneNumbers.size > 4_000_000) this.phoneNumbers.clear();
    this.phoneNumbers.set(key, n);
    return n;
  }

  /**
   * The run's number of an identifier given by its code (see IdentifierCodes in split-read.ts): a phone by its
   * E.164 key, a handset by its 14 digits, or else by its key `text`; found as this context finds those it reads.
   */
  numberOfCode(kind: number, code: number, text: string): number {
    if (kind === PHONE) return this.numberOfE164(code);
    return kind === HANDSET ? this.handsetNumber(code) : this.identifiers.number(text);
  }

  /**
   * The identifier number of the E.164 number with key `e164Key` (keyOfE164). A number's other spellings then find
   * it by that key, where each built the identifier's text and looked it up among all of the run's (a city's
   * 300,000 spellings are of 100,000 numbers). `id`, its identifier key, when the caller has it already.
   */
  private numberOfE164(e164Key: number, id?: string): number {
    let n = this.e164Numbers.get(e164Key);
    if (n < 0) {
      n = this.identifiers.number(id ?? phoneId(e164OfKey(e164Key)));
      if (this.e164Numbers.size > 4_000_000) this.e164Numbers.clear();
      this.e164Numbers.set(e164Key, n);
    }
    return n;
  }

  /**
   * Phone spellings' readings on shared memory, written by the helper thread as it reads the file (see
   * readFrom), or left by an earlier file's.
   */
  readAhead?: PhoneReadings;
  /** Whether this context writes its own readings of spellings into `readAhead` too, for another reader. */
  shareReadings = false;

  /**
   * Looks in `table` before parsing a spelling, and writes its own readings there when `share`; the later files
   * of the run read with this country look there too (see SpellingReadings.aheadIn).
   */
  readFrom(table: PhoneReadings, share = false): void {
    this.readAhead = table;
    this.shareReadings = share;
    this.aheadIn.set(this.formats.country, table);
  }

  /** An account as its identifier's number in the run; one that does not read as an account rejects the row (`bad_iban`). */
  accountNumber(field: string, value = this.required(field)): number {
    const v = value.trim();
    // A transfers file names the same accounts again and again: each spelling is read, and its key found among
    // all of the run's identifiers, once (a smaller map than theirs, and no key text made on each row).
    let read = this.accounts.get(v);
    if (read === undefined) {
      const r = normaliseAccount(v);
      read = r.ok ? { number: this.identifiers.number(`acct:${r.id}`) } : { reason: r.reason };
      if (this.accounts.size > 1_000_000) this.accounts.clear();
      this.accounts.set(v, read);
    }
    if ('reason' in read) this.reject(field, 'bad_iban', read.reason);
    return read.number;
  }

  /** A handset as its identifier's number in the run, or -1 when the cell is empty. */
  imeiNumber(field: string, value?: string): number {
    if (value === undefined) {
      const n = this.plainImei(field);
      if (n !== -2) return n;
      value = this.get(field);
    }
    const v = value.replace(/[\s\-/]/g, '');
    if (v === '') return -1;
    // IMEI is 15 digits (14 + Luhn check digit); IMEISV is 16. Keep the 14-digit body so both match.
    if (!/^\d{14,16}$/.test(v)) this.reject(field, 'bad_imei', `"${value.trim()}" is not an IMEI (14 to 16 digits)`);
    return this.identifiers.number(`imei:${v.slice(0, 14)}`);
  }

  /**
   * Makes room in the run's readings for the spellings of a call file of `rows` rows: a city's has about one phone
   * spelling in three rows, of one number in ten, and one handset in ten (the tables grow beyond that if need be).
   */
  reserveSpellings(rows: number): void {
    this.phoneNumbers.reserve(Math.ceil(rows / 3));
    this.e164Numbers.reserve(Math.ceil(rows / 10));
    this.imeis.reserve(Math.ceil(rows / 10));
  }

  /**
   * The handset in a plain line's cell written as 14 to 16 digits alone (as a city's call file writes every one),
   * by its 14-digit body as a whole number: found among the run's handsets without its key's text made and looked
   * up (a string and a map look-up per call). -1 for an empty cell; -2 for anything else, which imeiNumber reads.
   */
  private plainImei(field: string): number {
    const { line } = this;
    const i = this.indices[field];
    if (line === null || !line.plain || i === undefined) return -2;
    if (i >= line.count) return -1;
    const { text } = line;
    let start = line.starts[i]!;
    let end = line.ends[i]!;
    while (start < end && text.charCodeAt(start) === 32) start++;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    if (start === end) return -1;
    if (end - start < 14 || end - start > 16) return -2;
    let body = 0;
    for (let k = start; k < end; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return -2;
      if (k < start + 14) body = body * 10 + d;
    }
    return this.handsetNumber(body);
  }

  /** The handset whose 14-digit body is `body`, as its identifier's number, its key's text made once. */
  private handsetNumber(body: number): number {
    let n = this.imeis.get(body);
    if (n < 0) {
      n = this.identifiers.number(`imei:${String(body).padStart(14, '0')}`);
      this.imeis.set(body, n);
    }
    return n;
  }

  /** A travel document as its identifier's number in the run, or -1 when the cell is empty. */
  documentNumber(field: string, value = this.get(field)): number {
    const v = value.replace(/[\s\-.]/g, '').toUpperCase();
    return v === '' ? -1 : this.identifiers.number(`doc:${v}`);
  }
}
