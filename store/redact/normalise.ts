/**
 * Normalisation for matching only: full-width digits, letters and punctuation (１３８, ＠, ＋),
 * exotic spaces (NBSP, ideographic, thin, zero-width) and dashes become their ASCII forms,
 * one UTF-16 unit for one, so every offset found in the normalised text is an offset into the
 * text as typed — which is what gets rewritten, so the rest of the message stays as it was.
 */

const SPACES = new Set([0x09, 0x0b, 0x0c, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000, 0xfeff, 0x2060]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63]);

function mapUnit(c: number): number {
  if (c < 0x80) return c === 0x09 ? 0x20 : c;
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // the full-width ASCII block: ０-９, Ａ-ｚ, ＠, ＋, （ …
  if (SPACES.has(c) || (c >= 0x2000 && c <= 0x200d)) return 0x20;
  if (DASHES.has(c)) return 0x2d;
  return c;
}

/** `text` with look-alike characters folded to ASCII; same length, same offsets. */
export function normaliseForMatching(text: string): string {
  let out = '';
  let changed = false;
  const codes: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const m = mapUnit(c);
    if (m !== c) changed = true;
    codes[i] = m;
  }
  if (!changed) return text;
  // Build in chunks: String.fromCharCode with a huge argument list would overflow the stack.
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** The digit at `i` of `s` (after normalisation), as a fast test on the code unit. */
export const digitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
export const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
