/**
 * Tokenisers: turn normalised text into the two views the classifiers need, in one pass.
 *
 * - `stream`: the token sequence the keyword matcher walks — one token per Chinese character,
 *   one Porter stem per English word — with the clause each token belongs to (clauses end at
 *   punctuation, so "不贵，就是没时间" keeps the negation in its own clause).
 * - `features`: the sparse features of the statistical model — jieba words, character unigrams
 *   and bigrams for Chinese; stems and stem bigrams for English (stop words kept: "not now"
 *   matters) — each with the surface text it came from, for explanations.
 *
 * Chinese words come from @node-rs/jieba with its shipped dictionary; English words from
 * natural's aggressive tokenizer and Porter stemmer.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const jieba = Jieba.withDict(dict);
const englishTokenizer = new AggressiveTokenizer();

/** A token of the matching stream. */
export interface StreamToken {
  /** A Chinese character, or the stem of an English word. */
  t: string;
  /** Index of the clause (text between punctuation marks). */
  clause: number;
  han: boolean;
}

/** Everything the classifiers read from one normalised text. */
export interface Analysis {
  stream: StreamToken[];
  /** Distinct feature keys, e.g. "w:商量", "b:太贵", "s:expens", "sb:too_expens". */
  features: string[];
  /** Surface text of each feature, same order as `features` ("expensive" for "s:expens"). */
  surfaces: string[];
}

const CLAUSE_BREAK = /[,.!?;:，。！？；：、…\n()（）"“”]+/u;
const HAN_RUN = /(\p{Script=Han}+)/u;

const stemCache = new Map<string, string>();
/** Porter stem of one lower-case English word (memoised: stemming is the costly part). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stemCache.size < 100_000) stemCache.set(word, s);
  }
  return s;
}

/** English words of `text` as natural's aggressive tokenizer splits them. */
export function englishWords(text: string): string[] {
  return englishTokenizer.tokenize(text).map((w) => w.toLowerCase());
}

/** Chinese words of a Han-only run, as jieba cuts them. */
export function chineseWords(text: string): string[] {
  return jieba.cut(text, true);
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
        for (const ch of run) stream.push({ t: ch, clause, han: true });
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
          stream.push({ t: s, clause, han: false });
          add(`s:${s}`, word);
          if (previousStem) add(`sb:${previousStem}_${s}`, `${previousWord} ${word}`);
          previousStem = s;
          previousWord = word;
        }
      }
    }
  }
  return { stream, features: [...featureSet.keys()], surfaces: [...featureSet.values()] };
}
