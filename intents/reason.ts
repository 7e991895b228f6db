/**
 * The reason line: the whole words or phrases of the customer's words that drove a decision,
 * at most MAX_REASONS, deduplicated — never a character fragment.
 *
 * Where they come from, in order:
 * 1. the playbook phrases that counted for the label, as the text wrote them (a phrase with a
 *    gap, "价格…高", gives the whole stretch "价格有点高"), heaviest first; a one-character
 *    phrase only where the segmenter cut that character as a word of its own;
 * 2. then the model's strongest features for the label, but only those that are whole words:
 *    Chinese words as the segmenter cut them (two characters or more), English words, and
 *    English word pairs that are not all stop words. Character unigrams, bigrams and trigrams
 *    are never shown: they are how the model reads, not what the customer said.
 * Nothing that is not a letter or a Han character ("?", "…") is ever a reason.
 */
import type { Label } from '../data/playbook.ts';
import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';
import type { Evidence } from './keywords.ts';
import type { Analysis } from './tokenise.ts';

export const MAX_REASONS = 3;
/** A model feature is named only if it favours the label by this much over any other. */
export const CUE_MIN_MARGIN = 0.4;

const STOP_WORDS = new Set(englishStopWords);
/** Chinese function words that a segmenter returns as words but that tell a rep nothing. */
const ZH_STOP_WORDS = new Set(['客户', '他们', '我们', '你们', '一下', '这个', '那个', '就是', '还是', '但是', '然后', '因为', '所以', '已经', '的话', '什么', '怎么', '可以', '现在', '每次', '一直', '说']);
const HAS_WORD = /[\p{L}\p{Script=Han}]/u;
const TRIM = /^[^\p{L}\p{N}\p{Script=Han}]+|[^\p{L}\p{N}\p{Script=Han}]+$/gu;

/** What the reason is drawn from: one part of a text (the quote, or the whole text). */
export interface ReasonSource {
  evidence: Evidence[];
  analysis: Analysis;
  /** Indices into analysis.features, strongest for the label first. */
  strongest: number[];
}

/** Whether a model feature is a whole word or phrase worth showing a rep. */
export function isWholeWordFeature(feature: string, surface: string): boolean {
  if (feature.startsWith('w:')) return [...surface].length >= 2 && !ZH_STOP_WORDS.has(surface);
  if (feature.startsWith('s:')) return surface.length >= 3 && !STOP_WORDS.has(surface);
  if (feature.startsWith('sb:')) return !surface.split(' ').every((word) => STOP_WORDS.has(word));
  return false;
}

/** The reason for `label`, drawn from `sources` in order (the quote before the narrative). */
export function reasonFor(label: Label, sources: ReasonSource[]): string[] {
  const out: string[] = [];
  const push = (raw: string) => {
    const text = raw.replace(TRIM, '');
    if (!text || !HAS_WORD.test(text) || out.length >= MAX_REASONS) return;
    const lower = text.toLowerCase();
    if (out.some((r) => r.toLowerCase().includes(lower) || lower.includes(r.toLowerCase()))) return;
    out.push(text);
  };
  for (const source of sources) {
    const phrases = source.evidence.filter((e) => e.label === label && !e.negated).sort((a, b) => b.weight - a.weight);
    for (const e of phrases) {
      // A one-character phrase ("贵", "怕") is shown only where the segmenter cut it as a word.
      if ([...e.surface].length === 1 && !source.analysis.features.includes(`w:${e.surface}`)) continue;
      push(e.surface);
    }
  }
  for (const source of sources) {
    for (const index of source.strongest) {
      const feature = source.analysis.features[index]!;
      const surface = source.analysis.surfaces[index]!;
      if (isWholeWordFeature(feature, surface)) push(surface);
    }
  }
  return out;
}
