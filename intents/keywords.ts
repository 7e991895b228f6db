/**
 * The keyword classifier: finds the playbook's phrases in a text and adds up their weights per
 * label. Every score it gives comes with the phrases that produced it.
 *
 * Matching works on the token stream of `analyse` (Chinese characters, English guarded stems),
 * so English phrases match whole words in any inflection and Chinese phrases match as character
 * sequences. Rules, in order:
 * 1. A phrase may contain "…": a gap of up to 4 Chinese characters or 3 English words, inside
 *    one clause ("价格…高" finds "价格有点高").
 * 2. Overlapping matches: the longest wins ("太贵" over "贵"); exception phrases take part and
 *    silence what they cover ("贵公司" is "your company", not a price).
 * 3. Negation, per clause: a phrase right after a negator in the same clause ("不贵", "not too
 *    expensive", "不用再考虑") does not count for its label — and counts for nothing else either:
 *    "we'd never pay that much" is not a `none` signal. Phrases that are negations themselves
 *    ("not interested", "不贵") are listed as phrases and win as the longer match.
 * 4. `none` cues cannot outvote an objection: when any objection phrase counts, `none` phrases
 *    score 0 ("sign", "deposit", "发票" inside an objection are context, not a buying signal).
 */
import { LABELS, LANGS, type Label, type Lang, type Playbook } from '../data/playbook.ts';
import { analyse, type StreamToken } from './tokenise.ts';
import { normalise } from './normalise.ts';

/** One phrase found in a text. */
export interface PhraseHit<T extends string> {
  tag: T;
  /** The phrase as written in the playbook. */
  phrase: string;
  weight: number;
  /** True when a negator in front cancelled it. */
  negated: boolean;
  /** The words of the text it matched, whole, as written (normalised), gaps included. */
  surface: string;
  /** Token span of the match in the stream (end exclusive). */
  start: number;
  end: number;
}

/** A playbook phrase found, tagged with its label. */
export interface Evidence {
  label: Label;
  phrase: string;
  weight: number;
  negated: boolean;
  /** The matched words of the text (see PhraseHit.surface). */
  surface: string;
}

export interface KeywordResult {
  /** Sum of weights per label of the phrases that count (see rules 3 and 4). */
  scores: Record<Label, number>;
  evidence: Evidence[];
}

interface CompiledPhrase<T extends string> {
  phrase: string;
  /** `null` marks an exception phrase. */
  tag: T | null;
  weight: number;
  segments: string[][];
  /** Number of tokens the phrase itself (without gaps) covers. */
  size: number;
}

interface Match<T extends string> {
  phrase: CompiledPhrase<T>;
  start: number;
  end: number;
}

/** Gap allowed by "…": Chinese characters / English words. */
const GAP = { han: 4, latin: 3 };
/** Words that may stand between a Chinese negator and the phrase: "不太贵", "没那么贵", "不用再想". */
const ZH_NEGATION_FILLERS = '是太很那么算怎会用再也都还有这';
/** How many English words before a phrase a negator may stand: "not really too expensive". */
const EN_NEGATION_WINDOW = 3;

/**
 * Finds tagged phrases in texts with the rules above (gaps, longest match, exceptions,
 * negation). Used by the keyword classifier and by the coaching engine's checks.
 */
export class PhraseMatcher<T extends string> {
  private readonly index = new Map<string, CompiledPhrase<T>[]>();
  private readonly zhNegation: RegExp;
  private readonly enNegators: Set<string>;

  constructor(phrases: { phrase: string; tag: T; weight: number }[], exceptions: string[], negators: Record<Lang, string[]>) {
    for (const { phrase, tag, weight } of phrases) this.add(phrase, tag, weight);
    for (const phrase of exceptions) this.add(phrase, null, 0);
    const zhNegators = negators.zh.map(normalise).sort((a, b) => b.length - a.length);
    this.zhNegation = new RegExp(`(?:${zhNegators.map(escapeRegExp).join('|')})[${ZH_NEGATION_FILLERS}]{0,3}$`, 'u');
    this.enNegators = new Set(negators.en.flatMap((word) => analyse(normalise(word)).stream.map((t) => t.t)));
  }

  private add(phrase: string, tag: T | null, weight: number): void {
    const segments = normalise(phrase)
      .split('...')
      .map((part) => analyse(part).stream.map((token) => token.t))
      .filter((tokens) => tokens.length > 0);
    const first = segments[0]?.[0];
    if (first === undefined) return;
    const compiled: CompiledPhrase<T> = { phrase, tag, weight, segments, size: segments.reduce((n, s) => n + s.length, 0) };
    const bucket = this.index.get(first);
    if (bucket) bucket.push(compiled);
    else this.index.set(first, [compiled]);
  }

  /** The phrases found in raw text. */
  findIn(text: string): PhraseHit<T>[] {
    return this.find(analyse(normalise(text)).stream);
  }

  /** The phrases found in an analysed token stream, negated ones marked. */
  find(stream: StreamToken[]): PhraseHit<T>[] {
    const matches: Match<T>[] = [];
    for (let i = 0; i < stream.length; i++) {
      const candidates = this.index.get(stream[i]!.t);
      if (!candidates) continue;
      for (const phrase of candidates) {
        const end = matchAt(stream, i, phrase.segments);
        if (end > 0) matches.push({ phrase, start: i, end });
      }
    }
    // Longest first, then heaviest; keep what does not overlap what is already kept.
    matches.sort((a, b) => b.phrase.size - a.phrase.size || b.phrase.weight - a.phrase.weight || a.start - b.start);
    const taken = new Uint8Array(stream.length);
    const hits: PhraseHit<T>[] = [];
    for (const match of matches) {
      let free = true;
      for (let k = match.start; k < match.end && free; k++) if (taken[k]) free = false;
      if (!free) continue;
      taken.fill(1, match.start, match.end);
      const { tag, phrase, weight } = match.phrase;
      if (tag !== null) {
        hits.push({ tag, phrase, weight, negated: this.isNegated(stream, match.start), surface: surfaceOf(stream, match.start, match.end), start: match.start, end: match.end });
      }
    }
    return hits;
  }

  /** Whether a negator stands right before token `start`, in the same clause. */
  private isNegated(stream: StreamToken[], start: number): boolean {
    const first = stream[start]!;
    if (first.han) {
      let before = '';
      for (let k = start - 1; k >= 0 && start - k <= 6; k--) {
        const token = stream[k]!;
        if (token.clause !== first.clause || !token.han) break;
        before = token.t + before;
      }
      return this.zhNegation.test(before);
    }
    for (let k = start - 1; k >= 0 && start - k <= EN_NEGATION_WINDOW; k--) {
      const token = stream[k]!;
      if (token.clause !== first.clause) break;
      if (this.enNegators.has(token.t) || token.t.endsWith("n't")) return true;
    }
    return false;
  }
}

/** The keyword classifier over the playbook's phrase lists. */
export class KeywordClassifier {
  private readonly matcher: PhraseMatcher<Label>;

  constructor(playbook: Pick<Playbook, 'keywords' | 'negators' | 'exceptions'>) {
    const phrases = LABELS.flatMap((label) =>
      LANGS.flatMap((lang) => Object.entries(playbook.keywords[label][lang]).map(([phrase, weight]) => ({ phrase, tag: label, weight }))),
    );
    this.matcher = new PhraseMatcher(phrases, [...playbook.exceptions.zh, ...playbook.exceptions.en], playbook.negators);
  }

  /** Classifies raw text. */
  classify(text: string): KeywordResult {
    return this.classifyStream(analyse(normalise(text)).stream);
  }

  /** Classifies an already analysed token stream (the combined classifier shares one analysis). */
  classifyStream(stream: StreamToken[]): KeywordResult {
    const scores: Record<Label, number> = { timing: 0, deal_size: 0, trust: 0, none: 0 };
    const evidence: Evidence[] = [];
    for (const { tag: label, phrase, weight, negated, surface } of this.matcher.find(stream)) {
      if (!negated) scores[label] += weight;
      evidence.push({ label, phrase, weight, negated, surface });
    }
    if (scores.timing + scores.deal_size + scores.trust > 0) scores.none = 0;
    return { scores, evidence };
  }
}

/** The text of stream[start, end) as written: Chinese characters joined, English words spaced. */
export function surfaceOf(stream: StreamToken[], start: number, end: number): string {
  let out = '';
  for (let k = start; k < end; k++) {
    const token = stream[k]!;
    if (k > start && !(token.han && stream[k - 1]!.han)) out += ' ';
    out += token.s;
  }
  return out;
}

/** Index just past the match of `segments` starting at `start`, or -1. */
function matchAt(stream: StreamToken[], start: number, segments: string[][]): number {
  const clause = stream[start]!.clause;
  let pos = segmentAt(stream, start, segments[0]!, clause);
  if (pos < 0) return -1;
  for (let s = 1; s < segments.length; s++) {
    const gap = stream[pos - 1]!.han ? GAP.han : GAP.latin;
    let next = -1;
    for (let from = pos; from <= pos + gap && from < stream.length && next < 0; from++) {
      next = segmentAt(stream, from, segments[s]!, clause);
    }
    if (next < 0) return -1;
    pos = next;
  }
  return pos;
}

function segmentAt(stream: StreamToken[], start: number, segment: string[], clause: number): number {
  if (start + segment.length > stream.length) return -1;
  for (let k = 0; k < segment.length; k++) {
    const token = stream[start + k]!;
    if (token.t !== segment[k] || token.clause !== clause) return -1;
  }
  return start + segment.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
