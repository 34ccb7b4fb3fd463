// Privacy for exports that leave the analyst's desk: names and numbers replaced by stable keyed hashes
// (pseudonyms), and likely victims left out entirely. The same key gives the same pseudonyms in every export
// and every run, so teams can match rows across files; without the key, nobody can tell who a pseudonym is.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { appError } from '../lib/errors';
import { withoutEntities, type CaseResult } from '../analysis/pipeline';

export interface PrivacyOptions {
  /** The key of the pseudonyms (at least 16 characters); absent, names and numbers are exported as they are. */
  pseudonymKey?: string;
  /** Leave likely victims out of every export: their entities, their links, and their names in any text. */
  withoutVictims?: boolean;
}

export const MIN_KEY_LENGTH = 16;
/** What stands where a left-out victim was named. */
export const WITHHELD = '[withheld]';

export function isPrivate(p: PrivacyOptions | undefined): boolean {
  return !!(p && (p.pseudonymKey !== undefined || p.withoutVictims));
}

export function validatePrivacy(p: PrivacyOptions): PrivacyOptions {
  if (p.pseudonymKey !== undefined && p.pseudonymKey.trim().length < MIN_KEY_LENGTH)
    throw appError(
      'privacy',
      `the pseudonym key has ${p.pseudonymKey.trim().length} characters; it needs at least ${MIN_KEY_LENGTH} ` +
        '(a long passphrase, or random text such as the output of: head -c 24 /dev/urandom | base64)',
    );
  return p;
}

/** A keyed hash of `value` in `domain`, as 16 hex digits (64 bits): stable for a key, meaningless without it. */
export function pseudonymizer(key: string): (domain: string, value: string) => string {
  const base = hmac.create(sha256, utf8ToBytes(key.trim()));
  return (domain, value) =>
    bytesToHex(
      base
        .clone()
        .update(utf8ToBytes(`${domain}\u0000${value}`))
        .digest(),
    ).slice(0, 16);
}

const WORD = /[\p{L}\p{N}+]/u;
/** Whether the character at `i` of `text` is part of a word (a letter, a digit or +); ASCII without a RegExp. */
function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43;
  return WORD.test(text[i]!);
}

/**
 * Replaces known strings (names, numbers, ids) inside any text, whole words only, longest first. Texts are
 * scanned once: a word is looked at only when some string begins with a word of its first character and its
 * length; then the strings beginning with that word are tried by their lengths, longest first, each length
 * with one look-up (a city has thousands of names that begin "Maria ", and its exports millions of row numbers).
 */
export class Replacer {
  /** By the first word of the strings: their lengths, longest first, and the strings. */
  private readonly byHead = new Map<string, { lengths: number[]; keys: Set<string> }>();
  /** The lengths of those first words, by their first character (UTF-16 code). */
  private readonly headLengths = new Map<number, Set<number>>();
  constructor(private readonly replacements: Map<string, string>) {
    for (const key of replacements.keys()) {
      if (key === '') continue;
      const head = Replacer.head(key, 0);
      let group = this.byHead.get(head);
      if (!group) this.byHead.set(head, (group = { lengths: [], keys: new Set() }));
      group.keys.add(key);
      if (!group.lengths.includes(key.length)) group.lengths.push(key.length);
      let lengths = this.headLengths.get(head.charCodeAt(0));
      if (!lengths) this.headLengths.set(head.charCodeAt(0), (lengths = new Set()));
      lengths.add(head.length);
    }
    for (const group of this.byHead.values()) group.lengths.sort((a, b) => b - a);
  }

  /** Where the word starting at `i` (letters, digits, +) ends; a character that is not a word is its own. */
  private static wordEnd(text: string, i: number): number {
    let j = i + 1;
    if (isWordAt(text, i)) while (j < text.length && isWordAt(text, j)) j++;
    return j;
  }

  private static head(text: string, i: number): string {
    return text.slice(i, Replacer.wordEnd(text, i));
  }

  replace(text: string): string {
    if (text === '') return text;
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length;) {
      // Here a word starts, or a character that is not part of a word: nothing begins inside a word.
      const end = Replacer.wordEnd(text, i);
      const found = this.headLengths.get(text.charCodeAt(i))?.has(end - i)
        ? this.longestAt(text, i, text.slice(i, end))
        : undefined;
      if (found) {
        out += text.slice(copied, i) + this.replacements.get(found)!;
        i += found.length;
        copied = i;
      } else i = end;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** The longest string that begins with the word `head` at `i` of `text` and ends where a word may end. */
  private longestAt(text: string, i: number, head: string): string | undefined {
    const group = this.byHead.get(head);
    if (!group) return undefined;
    for (const length of group.lengths) {
      const end = i + length;
      if (end > text.length) continue;
      const key = text.slice(i, end);
      // A key that ends inside a word of the text matches only when it does not end in a word itself.
      if (group.keys.has(key) && (!isWordAt(text, end) || !isWordAt(key, length - 1))) return key;
    }
    return undefined;
  }
}

/** How one export run treats identities: which entities it keeps, and what every text becomes. */
export interface Redaction {
  active: boolean;
  pseudonymised: boolean;
  /** Likely victims left out (their ids). */
  withheld: Set<string>;
  /** The case as exported: without the left-out entities and their links. */
  result: CaseResult;
  keeps(id: string): boolean;
  /** Any exported text, with names and numbers replaced. */
  text(value: string): string;
}

export function redaction(result: CaseResult, options: PrivacyOptions = {}): Redaction {
  if (!isPrivate(options)) {
    return {
      active: false,
      pseudonymised: false,
      withheld: new Set(),
      result,
      keeps: () => true,
      text: (v) => v,
    };
  }
  validatePrivacy(options);
  const { network } = result;
  const withheld = new Set(options.withoutVictims ? result.protection.map((p) => p.id) : []);
  const hash = options.pseudonymKey !== undefined ? pseudonymizer(options.pseudonymKey) : null;
  const replacements = new Map<string, string>();
  // Strings several entities share (two people named alike) get a pseudonym of their own.
  const owners = new Map<string, string>();
  const claim = (s: string, id: string) => {
    const o = owners.get(s);
    owners.set(s, o === undefined || o === id ? id : '');
  };
  const nodes = network.nodes();
  for (const id of nodes) {
    const n = network.node(id);
    for (const s of [id, n.label, ...n.names, ...n.identifiers]) claim(s, id);
  }
  const entity = (id: string) => (withheld.has(id) ? WITHHELD : hash ? `P-${hash('entity', id)}` : id);
  // Each entity's pseudonym, made once (a keyed hash costs more than the rest of this loop).
  const pseudonyms = nodes.map(entity);
  nodes.forEach((id, i) => {
    if (withheld.has(id) || hash) replacements.set(id, pseudonyms[i]!);
  });
  for (const [i, id] of nodes.entries()) {
    const n = network.node(id);
    const name = pseudonyms[i]!;
    if (withheld.has(id) || hash) {
      for (const s of [n.label, ...n.names]) {
        replacements.set(s, withheld.has(id) ? WITHHELD : owners.get(s) === id ? name : `N-${hash!('name', s)}`);
      }
      for (const identifier of n.identifiers) {
        const colon = identifier.indexOf(':');
        const kind = colon > 0 ? identifier.slice(0, colon) : 'id';
        const value = colon > 0 ? identifier.slice(colon + 1) : identifier;
        let masked: string | undefined;
        const mask = () => (masked ??= withheld.has(id) ? WITHHELD : `${kind}:#${hash!('identifier', identifier)}`);
        // An entity's id may be one of its identifiers: the id's pseudonym wins.
        if (!replacements.has(identifier)) replacements.set(identifier, mask());
        // The bare number or account, as texts write it ("register row lists +447700900004 for …").
        if (value.length >= 5 && !replacements.has(value)) replacements.set(value, mask());
      }
    }
  }
  const replacer = new Replacer(replacements);
  const kept = withheld.size
    ? withoutEntities(result, withheld, {
        protection: [],
        findings: result.findings.map((f) => ({ ...f, entities: f.entities.filter((e) => !withheld.has(e)) })),
      })
    : result;
  return {
    active: true,
    pseudonymised: hash !== null,
    withheld,
    result: kept,
    keeps: (id) => !withheld.has(id),
    text: (v) => replacer.replace(v),
  };
}
