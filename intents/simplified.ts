/**
 * Traditional → simplified Chinese (OpenCC, Taiwan phrases included: 考慮→考虑, 軟體→软件), one
 * converter for the whole process — the classifier's normalisation, the dates reader and the
 * engine's script detection share it. Its tables (≈ 2.5 MB) are built on the first text with a
 * Han character, so a process that only ever sees English never builds them. Every entry of
 * OpenCC's tables holds a Han character: text without one is returned as it is, unchanged.
 */
import { Converter } from 'opencc-js/t2cn';

let converter: ((text: string) => string) | undefined;

/** `text` in simplified characters (what is already simplified, or not Chinese, is unchanged). */
export function toSimplified(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const convert = (converter ??= Converter({ from: 'twp', to: 'cn' }));
  return convert(text);
}
