/**
 * Chinese word segmentation, behind one function so the two candidates can be measured against
 * each other (bench/classifier.ts): @node-rs/jieba with its shipped dictionary, or the
 * dictionary segmenter built into Node's ICU (`Intl.Segmenter('zh')`).
 *
 * The choice is made once per process, from OBJECTION_COACH_ZH_SEGMENTER (`jieba` or `intl`);
 * the default is the one the measurement favoured (see DEFAULT_SEGMENTER). jieba is loaded only
 * when chosen, so a process using ICU never pays for its dictionary.
 */
import { createRequire } from 'node:module';

export type SegmenterName = 'jieba' | 'intl';

/**
 * The segmenter used when the environment names none: ICU's. Measured (`npm run bench
 * classifier`, each in its own process, 2026-11-30): macro-F1 on the own / realistic held-out
 * sets 0.966 / 0.943 (zh 0.962 / 0.954) against jieba's 0.956 / 0.949 (zh 0.950 / 0.962) — a
 * wash, a point either way on a few hundred lines — while jieba costs +56 MiB RSS and ≈ 0.6 s to
 * load its dictionary, against +5 MiB and ≈ 40 ms.
 */
export const DEFAULT_SEGMENTER: SegmenterName = 'intl';

type Cut = (text: string) => string[];

let active: { name: SegmenterName; cut: Cut } | undefined;

function load(name: SegmenterName): Cut {
  if (name === 'intl') {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    return (text) => {
      const words: string[] = [];
      for (const s of segmenter.segment(text)) if (s.isWordLike) words.push(s.segment);
      return words;
    };
  }
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  return (text) => jieba.cut(text, true);
}

/** The segmenter in use (chosen on first use). */
export function segmenterName(): SegmenterName {
  return current().name;
}

function current(): { name: SegmenterName; cut: Cut } {
  if (!active) {
    const wanted = process.env.OBJECTION_COACH_ZH_SEGMENTER;
    const name: SegmenterName = wanted === 'jieba' || wanted === 'intl' ? wanted : DEFAULT_SEGMENTER;
    active = { name, cut: load(name) };
  }
  return active;
}

/** Chinese words of a Han-only run. */
export function chineseWords(text: string): string[] {
  return current().cut(text);
}
