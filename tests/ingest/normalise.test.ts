import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { forgetPhoneParses, normalisePhone } from '../../src/ingest/phone';
import { ibanChecksumOk, normaliseAccount } from '../../src/ingest/iban';
import { displayName, foldName, nameKey } from '../../src/ingest/names';
import {
  detectDecimalSeparator,
  MAX_DURATION_SECONDS,
  parseAmount,
  parseDuration,
  parseWeight,
} from '../../src/ingest/numbers';

describe('#normalisePhone', () => {
  it('should read every spelling the same after its cached parses are let go', () => {
    const spellings = ['07700900123', '+44 7700 900123', '0044 7700 900123', '118118', 'withheld', '+1 202 555 0143'];
    const first = spellings.map((s) => normalisePhone(s, 'GB'));
    forgetPhoneParses();
    expect(spellings.map((s) => normalisePhone(s, 'GB'))).toEqual(first);
    expect(first[0]).toMatchObject({ ok: true, e164: '+447700900123' });
  });
  it('should read any spelling after any others as it reads it alone (the parses kept by its digits)', () => {
    // Spellings of the same digits that differ in leading zeros, a leading + or 00, or the country must each keep
    // a parse of their own: the cache finds an attempt by its digits, their count and its leading + as one number.
    const variant = fc.tuple(fc.constantFrom('', '+', '00', '0', '00 ', '+0', '(0)', '000'), fc.constantFrom('', ' '));
    const related = fc
      .tuple(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 5, maxLength: 15 }),
        fc.array(variant, { minLength: 2, maxLength: 10 }),
      )
      .map(([digits, variants]) =>
        variants.map(([lead, gap]) => lead + digits.join('').replace(/(\d{4})(?=\d)/, `$1${gap}`)),
      );
    fc.assert(
      fc.property(related, fc.constantFrom('GB', 'US', 'RO', 'DE'), (spellings, country) => {
        forgetPhoneParses();
        const warm = spellings.map((s) => normalisePhone(s, country));
        const cold = spellings.map((s) => {
          forgetPhoneParses();
          return normalisePhone(s, country);
        });
        expect(warm).toEqual(cold);
      }),
      { numRuns: 500 },
    );
  });
  it('should write one number three ways as the same E.164', () => {
    for (const raw of ['07700900123', '+44 7700 900123', '447700900123', '0044 7700 900123', '(07700) 900-123']) {
      expect(normalisePhone(raw, 'GB')).toMatchObject({ ok: true, e164: '+447700900123' });
    }
  });
  it('should use the default country for national numbers', () => {
    expect(normalisePhone('0721 234 567', 'RO')).toEqual({ ok: true, e164: '+40721234567', valid: true });
    expect(normalisePhone('+40 721 234 567', 'GB')).toEqual({ ok: true, e164: '+40721234567', valid: true });
    expect(normalisePhone('4915123456789', 'GB')).toEqual({ ok: true, e164: '+4915123456789', valid: true });
  });
  it('should keep short codes as national digits', () => {
    expect(normalisePhone('118118', 'GB')).toEqual({ ok: true, e164: '118118', valid: false });
  });
  it('should say withheld numbers are not people', () => {
    for (const raw of ['Withheld', 'PRIVATE', 'unknown', 'Anonymous', '', '  ', '0000', 'N/A']) {
      expect(normalisePhone(raw, 'GB')).toMatchObject({ ok: false, withheld: true });
    }
  });
  it('should reject what is not a number', () => {
    expect(normalisePhone('12ab', 'GB')).toMatchObject({ ok: false, withheld: false });
    expect(normalisePhone('+1', 'GB')).toMatchObject({ ok: false, withheld: false });
  });
});

// libphonenumber-js runs with a patch (patches/): compiled expressions kept per national and international
// prefix, plain copies of options, digits-only input taken as it is. Each country's own example mobile number,
// written the ways a file writes it, must read back as itself, the countries taken in one order and then the
// other, so that a prefix kept for one country cannot stand in for another's.
describe('#libphonenumber-js as patched', () => {
  const countries = getCountries();
  const spellings = countries.flatMap((country) => {
    const example = getExampleNumber(country, examples);
    if (!example) return [];
    const forms = [example.formatNational(), example.formatInternational(), example.number, example.nationalNumber];
    return forms.map((text) => ({ country, text, e164: example.number }));
  });
  const read = ({ country, text }: { country: CountryCode; text: string }) => {
    const parsed = parsePhoneNumberFromString(text, country);
    return parsed && `${parsed.number} ${parsed.isValid() ? 'valid' : 'invalid'}`;
  };

  it("should read every country's example number written nationally, internationally and as digits", () => {
    expect(spellings.length).toBeGreaterThan(4 * 240);
    for (const order of [spellings, [...spellings].reverse()]) {
      const wrong = order.filter((s) => read(s) !== `${s.e164} valid`).map((s) => `${s.country} ${s.text}`);
      expect(wrong).toEqual([]);
    }
  });
  it('should read a number dialled with the international prefix of the country it is dialled from', () => {
    const dialled = [
      ['US', '011 44 7400 123456', '+447400123456'],
      ['GB', '00 1 201 555 0123', '+12015550123'],
      ['AU', '0011 44 7400 123456', '+447400123456'],
      ['JP', '010 49 1512 3456789', '+4915123456789'],
      ['BR', '0021 1 201 555 0123', '+12015550123'],
    ] as const;
    for (const [country, text, e164] of dialled) expect(read({ country, text })).toBe(`${e164} valid`);
  });
});

describe('#normaliseAccount', () => {
  it('should validate IBANs with mod-97 and drop spaces', () => {
    expect(normaliseAccount('GB82 WEST 1234 5698 7654 32')).toEqual({
      ok: true,
      id: 'GB82WEST12345698765432',
      iban: true,
    });
    expect(normaliseAccount('gb82west12345698765432')).toEqual({ ok: true, id: 'GB82WEST12345698765432', iban: true });
    expect(normaliseAccount('GB83 WEST 1234 5698 7654 32')).toMatchObject({ ok: false });
    expect(normaliseAccount('GB82 WEST 1234 5698 7654')).toMatchObject({ ok: false });
    expect(ibanChecksumOk('DE89370400440532013000')).toBe(true);
  });
  it('should keep other account numbers as written, tidied', () => {
    expect(normaliseAccount('12-34-56 12345678')).toEqual({ ok: true, id: '12345612345678', iban: false });
    expect(normaliseAccount('')).toMatchObject({ ok: false });
    expect(normaliseAccount('<script>')).toMatchObject({ ok: false });
  });
});

describe('#names', () => {
  it('should fold case, spacing and diacritics, legacy cedillas included', () => {
    expect(foldName('Ştefan  ŢURCANU')).toBe('stefan turcanu');
    expect(foldName('Ștefan Țurcanu')).toBe('stefan turcanu');
    expect(foldName('Łukasz Wiśniewski')).toBe('lukasz wisniewski');
    expect(foldName('Straße')).toBe('strasse');
  });
  it('should put surname-first forms in display order', () => {
    expect(displayName('POPESCU, Ana Maria')).toBe('Ana Maria Popescu');
    expect(displayName('POPESCU/ANA MARIA')).toBe('Ana Maria Popescu');
    expect(displayName('POPESCU Ana')).toBe('Ana Popescu');
    expect(displayName("mary o'brien")).toBe("Mary O'Brien");
    expect(displayName('JOHN SMITH')).toBe('John Smith');
  });
  it('should give every spelling of one name the same key', () => {
    const keys = ['POPESCU/ANA', 'Popescu, Ana', 'Ana  Popescu', 'ANA POPESCU'].map(nameKey);
    expect(new Set(keys)).toEqual(new Set(['ana popescu']));
  });
});

describe('#numbers', () => {
  it('should read durations in seconds and clock forms', () => {
    expect(parseDuration('125')).toBe(125);
    expect(parseDuration('2:05')).toBe(125);
    expect(parseDuration('0:02:05')).toBe(125);
    expect(parseDuration('125s')).toBe(125);
    expect(parseDuration('2m 5s')).toBe(125);
    expect(parseDuration('abc')).toBeNull();
    expect(parseDuration('-5')).toBeNull();
    expect(parseDuration('1:75')).toBeNull();
  });
  it('should read seconds and clock forms as their definitions say, padded or not, up to a week', () => {
    const digits = (n: number, width: number) => String(n).padStart(width, '0');
    const week = (s: number) => (s <= MAX_DURATION_SECONDS ? s : null);
    const spelling = fc.oneof(
      // Seconds, with leading zeros or none.
      fc.tuple(fc.nat(2_000_000), fc.nat(3)).map(([s, pad]) => ({ text: digits(s, pad), want: week(s) })),
      // Minutes (one or two digits, no upper bound) and seconds (two digits, at most 59).
      fc.tuple(fc.nat(99), fc.nat(99), fc.boolean()).map(([m, s, pad]) => ({
        text: `${digits(m, pad ? 2 : 1)}:${digits(s, 2)}`,
        want: s > 59 ? null : m * 60 + s,
      })),
      // Hours (any digits), minutes and seconds (each at most 59).
      fc.tuple(fc.nat(200), fc.nat(99), fc.nat(99), fc.boolean()).map(([h, m, s, pad]) => ({
        text: `${h}:${digits(m, pad ? 2 : 1)}:${digits(s, 2)}`,
        want: s > 59 || m > 59 ? null : week(h * 3600 + m * 60 + s),
      })),
    );
    fc.assert(
      fc.property(spelling, fc.constantFrom('', ' '), ({ text, want }, space) => {
        expect(parseDuration(`${space}${text}${space}`)).toBe(want);
      }),
      { numRuns: 3000 },
    );
    // Spellings the characters' reading leaves to the expressions.
    expect(parseDuration('123:45')).toBeNull();
    expect(parseDuration('1:2:3')).toBeNull();
    expect(parseDuration('12.5')).toBe(13);
    expect(parseDuration('2:05s')).toBeNull();
  });
  it('should read amounts with either decimal mark and a currency beside them', () => {
    expect(parseAmount('1.234,56', ',')).toEqual({ ok: true, amount: 1234.56, currency: undefined });
    expect(parseAmount('1,234.56', '.')).toEqual({ ok: true, amount: 1234.56, currency: undefined });
    expect(parseAmount('€1 200,00', ',')).toEqual({ ok: true, amount: 1200, currency: 'EUR' });
    expect(parseAmount('250.00 GBP', '.')).toEqual({ ok: true, amount: 250, currency: 'GBP' });
    expect(parseAmount('(50.00)', '.')).toMatchObject({ ok: true, amount: -50 });
    expect(parseAmount('12,5', '.')).toMatchObject({ ok: false });
    expect(parseAmount('ten', '.')).toMatchObject({ ok: false });
  });
  it('should detect the decimal mark from a column', () => {
    expect(detectDecimalSeparator(['1.234,56', '12,50', '3,00'])).toEqual({ separator: ',', ambiguous: false });
    expect(detectDecimalSeparator(['1,234.56', '12.5'])).toEqual({ separator: '.', ambiguous: false });
    expect(detectDecimalSeparator(['1,234', '2,000']).separator).toBe('.');
  });
  it('should accept only plain non-negative weights', () => {
    expect(parseWeight('3')).toBe(3);
    expect(parseWeight('2.5')).toBe(2.5);
    expect(parseWeight('-1')).toBeNull();
    expect(parseWeight('x')).toBeNull();
  });
});
