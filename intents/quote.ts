/**
 * Finding the customer's words inside a rep's narrative. Reps paste things like
 * 客户是做外贸的王总，聊了三次，每次都说“再等等吧” or he said "we'd never pay that much": the
 * quote carries the objection, the narrative around it carries context (repetition, who, what
 * industry). The classifier scores both and combines them.
 *
 * Recognised, in order (the first kind found wins):
 * 1. paired quotation marks: “…”, "…", ‘…’, 「…」, 『…』, and '…' right after a verb of saying
 *    (said, says, told me, asked, replied, goes …; the closing mark must end a word, so the
 *    apostrophe in "don't" does not close it);
 * 2. a verb of saying and a colon: 说：…, 表示：…, 回复：…, said: … — up to the end of the sentence.
 * Quotes shorter than MIN_QUOTE characters (scare quotes around one word) are not quotes.
 */

export interface QuoteSplit {
  /** The customer's words (several quotes joined, one clause each). */
  quote: string;
  /** The rest of the text, quotes taken out ('' when the text was all quote). */
  narrative: string;
}

/** Fewer characters than this inside the marks is a scare quote, not the customer speaking. */
export const MIN_QUOTE = 4;

const SAY_EN = String.raw`(?:said|says|say|saying|told (?:me|us|him|her)|asked|asks|replied|replies|wrote|writes|texted|goes|went|was like|answered|responded)`;
const PAIRED: RegExp[] = [
  /“([^“”]+)”/gu,
  /「([^「」]+)」/gu,
  /『([^『』]+)』/gu,
  /‘([^‘’]+)’/gu,
  /"([^"]+)"/gu,
  new RegExp(String.raw`\b${SAY_EN}\s*[:,]?\s*'(.+?)'(?=[\s.,!?;:)]|$)`, 'giu'),
];
const COLON: RegExp[] = [
  /(?:说|讲|表示|回复|回答|回|问|道|原话是?|反馈|留言)\s*[：:]\s*([^。！？!?\n]+)/gu,
  new RegExp(String.raw`\b${SAY_EN}\s*:\s*([^.!?\n]+)`, 'giu'),
];

function collect(text: string, patterns: RegExp[]): { quotes: string[]; spans: [number, number][] } {
  const quotes: string[] = [];
  const spans: [number, number][] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const inner = match[1]!.trim();
      const start = match.index + match[0].lastIndexOf(match[1]!);
      const end = start + match[1]!.length;
      if ([...inner].length < MIN_QUOTE) continue;
      if (spans.some(([s, e]) => start < e && end > s)) continue;
      quotes.push(inner);
      spans.push([start, end]);
    }
  }
  return { quotes, spans };
}

/** The customer's words in `text` and the narrative around them, or null when nothing is quoted. */
export function splitQuote(text: string): QuoteSplit | null {
  let found = collect(text, PAIRED);
  if (found.quotes.length === 0) found = collect(text, COLON);
  if (found.quotes.length === 0) return null;
  let narrative = '';
  let at = 0;
  for (const [start, end] of [...found.spans].sort((a, b) => a[0] - b[0])) {
    narrative += `${text.slice(at, start)} … `;
    at = end;
  }
  narrative += text.slice(at);
  narrative = narrative.replace(/[“”「」『』‘’"]/gu, ' ').replace(/(\s*…\s*)+/gu, ' … ').trim();
  if (!/[\p{L}\p{N}]/u.test(narrative.replace(/…/gu, ''))) narrative = '';
  return { quote: found.quotes.join('\n'), narrative };
}
