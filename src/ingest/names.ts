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
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøđðłæœıþħŀ]/g, (ch) => FOLD[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function titleCase(word: string): string {
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

/** The key two spellings of one name share: the display order, folded. */
export function nameKey(raw: string): string {
  return foldName(displayName(raw));
}
