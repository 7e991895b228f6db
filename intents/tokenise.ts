/**
 * Tokenisers: turn normalised text into the two views the classifiers need, in one pass.
 *
 * - `stream`: the token sequence the keyword matcher walks — one token per Chinese character,
 *   one guarded stem per English word (see stem.ts) — with the clause each token belongs to
 *   (clauses end at punctuation, so "不贵，就是没时间" keeps the negation in its own clause) and
 *   the surface text it came from (for reasons).
 * - `features`: the sparse features of the statistical model — words, character unigrams and
 *   bigrams for Chinese; stems, stem bigrams and character trigrams of each word for English
 *   (stop words kept: "not now" matters; trigrams let "expnsive" share most of "expensive");
 *   and two scope features per token: "n:" inside a negation (after a negator, same clause —
 *   "不是钱的问题" gives n:钱) and "p:" after a contrast word ("but", "just", 但, 就, 只 — what is
 *   left once something is denied: "price is fine, just not this quarter"). Each feature keeps
 *   the surface text it came from.
 *
 * Chinese words come from segment.ts; English words from natural's aggressive tokenizer.
 */
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import { chineseWords } from './segment.ts';
import { stem } from './stem.ts';

export { chineseWords } from './segment.ts';
export { stem } from './stem.ts';

const englishTokenizer = new AggressiveTokenizer();

/** A token of the matching stream. */
export interface StreamToken {
  /** A Chinese character, or the stem of an English word. */
  t: string;
  /** The text as written (normalised): the character or the whole word. */
  s: string;
  /** Index of the clause (text between punctuation marks). */
  clause: number;
  han: boolean;
}

/** Everything the classifiers read from one normalised text. */
export interface Analysis {
  stream: StreamToken[];
  /** Distinct feature keys, e.g. "w:商量", "b:太贵", "s:expens", "sb:too_expens", "g:pen". */
  features: string[];
  /** Surface text of each feature, same order as `features` ("expensive" for "s:expens"). */
  surfaces: string[];
}

/** English words at least this long also give character trigrams. */
const MIN_TRIGRAM_WORD = 4;
/**
 * Share of a character trigram in the model, against 1 for every other feature: enough to carry
 * a misspelt word, too little for a word's dozen trigrams to drown the words themselves.
 */
export const TRIGRAM_WEIGHT = 0.3;

/** The weight of a feature in the statistical model (see linear.ts). */
export function featureWeight(feature: string): number {
  return feature.startsWith('g:') ? TRIGRAM_WEIGHT : 1;
}
const NEGATORS_EN = new Set(['not', 'no', 'never', 'cannot', 'without', 'nothing', 'nobody', 'neither', 'nor']);
const CONTRAST_EN = new Set(['but', 'just', 'only', 'except', 'though', 'however', 'although']);
const NEGATORS_ZH = '不没别无未非';
const CONTRAST_ZH = '但就只却';

/** Adds the scope features ("n:", "p:") of a finished token stream. */
function addScopeFeatures(stream: StreamToken[], add: (key: string, surface: string) => void): void {
  let clause = -1;
  let negated = false;
  let contrasted = false;
  for (const token of stream) {
    if (token.clause !== clause) [clause, negated] = [token.clause, false];
    const negator = token.han ? NEGATORS_ZH.includes(token.t) : NEGATORS_EN.has(token.t) || token.t.endsWith("n't");
    const contrast = token.han ? CONTRAST_ZH.includes(token.t) : CONTRAST_EN.has(token.t);
    if (negator) negated = true;
    else if (contrast) [contrasted, negated] = [true, false];
    else {
      if (negated) add(`n:${token.t}`, token.s);
      if (contrasted) add(`p:${token.t}`, token.s);
    }
  }
}

const CLAUSE_BREAK = /[,.!?;:，。！？；：、…\n()（）"“”]+/u;
const HAN_RUN = /(\p{Script=Han}+)/u;

/** English words of `text` as natural's aggressive tokenizer splits them. */
export function englishWords(text: string): string[] {
  return englishTokenizer.tokenize(text).map((w) => w.toLowerCase());
}

/** Tokenises normalised text into the matching stream and the model's features. */
export function analyse(normalised: string): Analysis {
  const stream: StreamToken[] = [];
  const featureSet = new Map<string, string>();
  const add = (key: string, surface: string) => {
    if (!featureSet.has(key)) featureSet.set(key, surface);
  };
  const clauses = normalised.split(CLAUSE_BREAK);
  for (let clause = 0; clause < clauses.length; clause++) {
    const runs = clauses[clause]!.split(HAN_RUN);
    let previousStem = '';
    let previousWord = '';
    // split() with a capture group alternates: non-Han, Han, non-Han, …
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r]!;
      if (!run) continue;
      if (r % 2 === 1) {
        for (const ch of run) stream.push({ t: ch, s: ch, clause, han: true });
        for (const word of chineseWords(run)) add(`w:${word}`, word);
        const chars = [...run];
        for (let i = 0; i < chars.length; i++) {
          add(`c:${chars[i]}`, chars[i]!);
          if (i + 1 < chars.length) add(`b:${chars[i]}${chars[i + 1]}`, chars[i]! + chars[i + 1]!);
        }
        previousStem = '';
      } else {
        for (const word of englishWords(run)) {
          const s = stem(word);
          stream.push({ t: s, s: word, clause, han: false });
          add(`s:${s}`, word);
          if (word.length >= MIN_TRIGRAM_WORD && /^[a-z]+$/.test(word)) {
            const padded = `<${word}>`;
            for (let i = 0; i + 3 <= padded.length; i++) add(`g:${padded.slice(i, i + 3)}`, word);
          }
          if (previousStem) add(`sb:${previousStem}_${s}`, `${previousWord} ${word}`);
          previousStem = s;
          previousWord = word;
        }
      }
    }
  }
  addScopeFeatures(stream, add);
  return { stream, features: [...featureSet.keys()], surfaces: [...featureSet.values()] };
}
