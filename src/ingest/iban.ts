// Bank accounts: IBANs validated with ISO 13616 mod-97 and stored without spaces; other account numbers kept as written.

const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

export type AccountResult = { ok: true; id: string; iban: boolean } | { ok: false; reason: string };

/** ISO 7064 mod 97-10 over the rearranged IBAN, computed piecewise so no big integers are needed. */
export function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/**
 * `GB82 WEST 1234 5698 7654 32` -> `GB82WEST12345698765432`. Something shaped like an IBAN (two letters,
 * two digits) must pass its length and checksum; anything else is an account number kept in upper case
 * without spaces or dashes (for example a UK sort code and account).
 */
export function normaliseAccount(raw: string): AccountResult {
  const compact = raw.replace(/[\s\-.]/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty account' };
  if (!/^[A-Z0-9/]+$/.test(compact))
    return { ok: false, reason: `"${raw}" has characters an account number cannot have` };
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{8,}$/.test(compact)) {
    const expected = IBAN_LENGTHS[compact.slice(0, 2)];
    if (expected !== undefined && compact.length !== expected) {
      return {
        ok: false,
        reason: `IBAN "${raw}" has ${compact.length} characters; ${compact.slice(0, 2)} IBANs have ${expected}`,
      };
    }
    if (!ibanChecksumOk(compact)) return { ok: false, reason: `IBAN "${raw}" fails its mod-97 check` };
    return { ok: true, id: compact, iban: true };
  }
  return { ok: true, id: compact, iban: false };
}
