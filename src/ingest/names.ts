// Names normalised for matching: case, spacing, diacritics (legacy cedilla forms too) and name order.

const FOLD: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŀ: 'l',
};

/** Lower case ASCII letters and single spaces: `Ştefan  ŢURCANU` and `Ștefan Țurcanu` both give `stefan turcanu`. */
export function foldName(raw: string): string {
  return isAscii(raw) ? foldAscii(raw) : foldUnicode(raw);
}

/** Whether every character is ASCII (below 128). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * foldName of ASCII text, read character by character: letters lower-cased and digits kept, every run of other
 * characters one space, none at either end. For ASCII, the Unicode path's steps come to this: NFKD changes
 * nothing, there are no marks and none of FOLD's letters, and \p{L} and \p{N} are [A-Za-z] and [0-9]. A register
 * of names is mostly ASCII, and this is a tenth of the Unicode path's time (tests/ingest/properties.test.ts).
 */
function foldAscii(raw: string): string {
  let out = '';
  let gap = false;
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out !== '') out += ' ';
      gap = false;
      out += String.fromCharCode(c);
    } else gap = true;
  }
  return out;
}

/** foldName by its definition, for any text (and the reference its ASCII path is tested against). */
export function foldUnicode(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøđðłæœıþħŀ]/g, (ch) => FOLD[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A word with its letters lower case but the first of each run of letters (`o'brien` → `O'Brien`). */
export function titleCase(word: string): string {
  return isAsciiLetters(word) ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : titleCaseUnicode(word);
}

/** A word of ASCII letters only, at least one: its first letter is the only one to capitalise. */
function isAsciiLetters(word: string): boolean {
  if (word === '') return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** titleCase by its definition, for any word (and the reference its ASCII path is tested against). */
export function titleCaseUnicode(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[^\p{L}\p{M}\p{N}])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Not a word in capitals (SMITH), which a register writes a surname in. A function made once, not per name. */
function isNotUpperWord(w: string): boolean {
  return !(w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase());
}

/**
 * Reorders "SURNAME, Given", "SURNAME/GIVEN" (travel documents) and "SURNAME Given" (upper-case
 * surname first) into "Given Surname", and tidies case and spacing for display.
 */
export function displayName(raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim();
  if (value === '') return '';
  let given: string;
  let surname: string;
  const sep = /^([\p{L}\p{M}' .-]+)[,/]\s*([\p{L}\p{M}' .-]+)$/u.exec(value);
  if (sep) {
    surname = sep[1]!.trim();
    given = sep[2]!.trim();
  } else {
    const words = value.split(' ');
    const lead = words.findIndex(isNotUpperWord);
    if (lead > 0 && words.slice(lead).every(isNotUpperWord)) {
      surname = words.slice(0, lead).join(' ');
      given = words.slice(lead).join(' ');
    } else {
      return words.map(titleCase).join(' ');
    }
  }
  return `${given.split(' ').map(titleCase).join(' ')} ${surname.split(' ').map(titleCase).join(' ')}`.trim();
}

/** The key two spellings of one name share: the display order, folded (foldName of displayName's result). */
export function nameKey(raw: string): string {
  return foldName(displayName(raw));
}
