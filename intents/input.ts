/**
 * Checks on what a rep sends before anything classifies it: empty, oversized and binary input
 * get a clear reason instead of a guess.
 */

/** Longest quote accepted, in characters (Telegram's own message limit). */
export const MAX_QUOTE_LENGTH = 4096;

export type InputProblem = 'empty' | 'too_long' | 'binary';

/** Human-readable reasons, for command-line output and logs. */
export const INPUT_PROBLEM_TEXT: Record<InputProblem, string> = {
  empty: 'the text is empty',
  too_long: `the text is longer than ${MAX_QUOTE_LENGTH} characters`,
  binary: 'the text looks binary (control characters or invalid UTF-8)',
};

// C0 controls other than tab, newline and carriage return; DEL; the replacement character that
// decoding invalid UTF-8 leaves behind.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/u;

/** Returns what is wrong with `text` as a quote, or null when it can be classified. */
export function checkQuote(text: string): InputProblem | null {
  if (BINARY.test(text)) return 'binary';
  if (text.trim().length === 0) return 'empty';
  if ([...text].length > MAX_QUOTE_LENGTH) return 'too_long';
  return null;
}
