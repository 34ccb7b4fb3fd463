// Phone numbers to E.164 with libphonenumber-js (maintained metadata, not hand-written rules).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { NumberTable } from '../lib/number-table';

export type PhoneResult = { ok: true; e164: string; valid: boolean } | { ok: false; withheld: boolean; reason: string };

const WITHHELD =
  /^(withheld|private|unknown|anonymous|restricted|hidden|unavailable|n\/?a|none|null|no caller id|-+|0+|\*+|x+)$/i;

/**
 * `07700 900123`, `+44 7700 900123`, `447700900123` and `0044…` all become `+447700900123` with country GB.
 * Numbers that are possible but not assigned (drama or test ranges) are kept, flagged `valid: false`;
 * short codes (3 to 6 digits, e.g. 118118) are kept as national digits without `+`.
 */
/** The zeros of the decimal digits of scripts other than Latin (Arabic-Indic, Persian, Devanagari, Bengali…). */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810,
];

/** Full-width forms (NFKC) and the digits of other scripts as ASCII: ٠٧٧٠٠ and ０７７００ are 07700. */
function asciiDigits(value: string): string {
  if (!/[^ -~]/.test(value)) return value;
  return value.normalize('NFKC').replace(/\p{Nd}/gu, (c) => {
    const cp = c.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    return zero === undefined ? c : String(cp - zero);
  });
}

export function normalisePhone(raw: string, defaultCountry: string): PhoneResult {
  const value = asciiDigits(raw.trim());
  if (value === '' || WITHHELD.test(value)) {
    return { ok: false, withheld: true, reason: `"${raw}" is a withheld or unknown number` };
  }
  if (!/^[+(]?[\d\s().\-/]+$/.test(value)) {
    return { ok: false, withheld: false, reason: `"${raw}" is not a phone number` };
  }
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 3 && digits.length <= 6 && !value.startsWith('+')) {
    return { ok: true, e164: digits, valid: false };
  }
  const country = defaultCountry as CountryCode;
  const withPlus = value.startsWith('+') || value.startsWith('00') ? '+' + digits.replace(/^00/, '') : null;
  // Punctuation means nothing to the parser, so digits alone key the parse: the spellings of one number in
  // every file of a case are parsed once.
  const attempts = withPlus ? [withPlus] : [digits, '+' + digits];
  let possible: string | null = null;
  for (const attempt of attempts) {
    const parsed = parseCached(attempt, country);
    if (!parsed) continue;
    if (parsed.valid) return { ok: true, e164: parsed.number, valid: true };
    if (possible === null && parsed.possible) possible = parsed.number;
  }
  if (possible !== null) return { ok: true, e164: possible, valid: false };
  return {
    ok: false,
    withheld: false,
    reason: `"${raw}" cannot be read as a phone number (default country ${defaultCountry})`,
  };
}

type Parse = { number: string; valid: boolean; possible: boolean } | null;

/**
 * The parses of one default country, by the digits tried. An attempt that phoneKey reads as a number (every one
 * of 7 to 14 digits, the most) is found by that number in a NumberTable, a slot or two, where a Map of a city's
 * 600,000 attempts and numbers took three or four reads of scattered memory for each (0.44 s of reading half of
 * the 1M city's call file); the rest by the string.
 */
class Parses {
  private readonly byKey = new NumberTable<Parse>(1024);
  private readonly byText = new Map<string, Parse>();

  get size(): number {
    return this.byKey.size + this.byText.size;
  }

  get(attempt: string): Parse | undefined {
    const key = phoneKey(attempt);
    return key < 0 ? this.byText.get(attempt) : this.byKey.get(key);
  }

  set(attempt: string, parse: Parse): void {
    const key = phoneKey(attempt);
    if (key < 0) this.byText.set(attempt, parse);
    else this.byKey.set(key, parse);
  }
}

/**
 * Lets go of the parses kept for the spellings read so far. A city's are some 40 MB of the heap (300,000 spellings),
 * which the analyses after the reading would otherwise carry, and the collector mark again and again. Only a
 * cache: a spelling read after this is parsed again, with the same result.
 */
export function forgetPhoneParses(): void {
  parses.clear();
}

/** Parses by default country, then by the digits tried: no key string is made per look-up. */
const parses = new Map<CountryCode, Parses>();

function parseCached(attempt: string, country: CountryCode) {
  let byAttempt = parses.get(country);
  if (byAttempt === undefined) parses.set(country, (byAttempt = new Parses()));
  let hit = byAttempt.get(attempt);
  if (hit === undefined) {
    const parsed = parsePhoneNumberFromString(attempt, { defaultCountry: country, extract: false });
    const valid = parsed ? parsed.isValid() : false;
    hit = parsed ? { number: parsed.number, valid, possible: valid || parsed.isPossible() } : null;
    // Room for every spelling of a city of numbers (about 150 bytes each); cleared only beyond that.
    let cached = 0;
    for (const m of parses.values()) cached += m.size;
    if (cached >= 3_000_000) {
      parses.clear();
      parses.set(country, (byAttempt = new Parses()));
    }
    byAttempt.set(attempt, hit);
    // The number in E.164 reads back as itself, with the same validity: another file's `+44 7700 900123` for
    // this `07700 900123` then needs no parse of its own.
    if (hit && hit.number !== attempt) byAttempt.set(hit.number, hit);
  }
  return hit;
}

/**
 * A whole number that stands for a spelling (spaces at its ends left out) whose reading depends on its digits
 * alone, or -1. Every spelling given the same key reads as the same number (the test checks this), so a case can
 * look each spelling up by a number instead of by its string:
 * - only ASCII digits and the punctuation the reading drops (space ( ) . / -), after an optional leading `+`;
 * - 7 to 14 digits, not all zeros: never a short code, and never a withheld marker such as `0000000`;
 * - the key keeps what the reading looks at besides the digits: a leading `+`, and a leading `00` as written
 *   (`(00)44…` is read unlike `0044…`). The digits count is kept too, so that leading zeros count.
 * What does not read as a number has no key: its reason names the spelling, which the key does not keep.
 */
export function phoneKey(value: string): number {
  return phoneKeyIn(value, 0, value.length);
}

/** phoneKey of text[start, end), spaces at its ends left out (a cell of a line, read without its string made). */
export function phoneKeyIn(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let digits = 0;
  let number = 0;
  let nonZero = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      number = number * 10 + (c - 48);
      digits++;
      if (c !== 48) nonZero = true;
    } else if (!(c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || (c === 43 && i === start)))
      return -1;
  }
  if (digits < 7 || digits > 14 || !nonZero) return -1;
  const first = text.charCodeAt(start);
  const lead = first === 43 ? 1 : first === 48 && text.charCodeAt(start + 1) === 48 ? 2 : 0;
  // Below 10^14 · 64 < 2^53: exact.
  return number * 64 + digits * 4 + lead;
}
