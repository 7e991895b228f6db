/**
 * Normalisation for matching only: full-width digits, letters and punctuation (１３８, ＠, ＋),
 * exotic spaces (NBSP, ideographic, thin, zero-width) and dashes become their ASCII forms;
 * keycap marks (1️⃣), emoji and pictographs become spaces, so "1️⃣3️⃣8️⃣…" and "138📞1234…"
 * are spaced digits; circled digits (①) and runs of three or more Chinese numerals
 * (一三九…, 幺三八…) become digits. One UTF-16 unit for one, so every offset found in the
 * normalised text is an offset into the text as typed — which is what gets rewritten, so
 * the rest of the message stays as it was.
 */

const SPACES = new Set([0x09, 0x0b, 0x0c, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000, 0xfeff, 0x2060, 0xfe0e, 0xfe0f, 0x20e3]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63]);
/** Chinese numerals as read out in phone numbers (幺 = 1, 拐 = 7, 洞 = 0 in radio speech). */
const CN_DIGITS = new Map([...'〇零一二三四五六七八九'].map((c, i) => [c.charCodeAt(0), 48 + Math.max(0, i - 1)]));
for (const [c, d] of [['幺', 1], ['两', 2], ['兩', 2], ['拐', 7], ['勾', 9], ['洞', 0]] as const) CN_DIGITS.set(c.charCodeAt(0), 48 + d);
// The financial forms (壹贰叁 …), which amounts interleave with units (壹万贰仟) but phones do not.
for (const [i, c] of [...'壹贰叁肆伍陆柒捌玖'].entries()) CN_DIGITS.set(c.charCodeAt(0), 49 + i);
for (const [c, d] of [['貳', 2], ['參', 3], ['陸', 6]] as const) CN_DIGITS.set(c.charCodeAt(0), 48 + d);
/** Fewer Chinese numerals in a row than this stay words (一下, 三四个). */
const CN_RUN = 3;

function mapUnit(c: number): number {
  if (c < 0x80) return c === 0x09 ? 0x20 : c;
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // the full-width ASCII block: ０-９, Ａ-ｚ, ＠, ＋, （ …
  if (SPACES.has(c) || (c >= 0x2000 && c <= 0x200d)) return 0x20;
  if (DASHES.has(c)) return 0x2d;
  if (c >= 0x2460 && c <= 0x2468) return c - 0x2460 + 49; // ① … ⑨
  if (c === 0x24ea) return 48; // ⓪
  // Pictographs: misc symbols and dingbats (☎ ✆ ✉), and every astral emoji (surrogate halves).
  if ((c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) || (c >= 0xd83c && c <= 0xd83e)) return 0x20;
  return c;
}

/** Turns runs of CN_RUN or more Chinese numerals (spaces and dashes allowed between) into digits. */
function foldChineseNumerals(codes: number[]): boolean {
  let changed = false;
  let i = 0;
  while (i < codes.length) {
    if (!CN_DIGITS.has(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let count = 0;
    while (j < codes.length && (CN_DIGITS.has(codes[j]!) || ((codes[j] === 0x20 || codes[j] === 0x2d) && CN_DIGITS.has(codes[j + 1]!)))) {
      if (CN_DIGITS.has(codes[j]!)) count++;
      j++;
    }
    if (count >= CN_RUN) {
      for (let k = i; k < j; k++) codes[k] = CN_DIGITS.get(codes[k]!) ?? codes[k]!;
      changed = true;
    }
    i = j;
  }
  return changed;
}

/** `text` with look-alike characters folded to ASCII; same length, same offsets. */
export function normaliseForMatching(text: string): string {
  let out = '';
  let changed = false;
  const codes: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The low half of an emoji's surrogate pair goes with its high half; other pairs stay (𠀀).
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    const m = c >= 0xdc00 && c <= 0xdfff ? (prev >= 0xd83c && prev <= 0xd83e ? 0x20 : c) : mapUnit(c);
    if (m !== c) changed = true;
    codes[i] = m;
  }
  if (foldChineseNumerals(codes)) changed = true;
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
