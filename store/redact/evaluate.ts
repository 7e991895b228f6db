/**
 * Measures redaction against a labelled corpus: per-kind recall (a value counts as found only
 * when every letter and digit of it is covered by a detected span, so "[phone] 5678" is a
 * miss), whether the placeholder has the labelled kind, spans that hit no labelled value, and
 * the share of look-alike messages (no personal data) where anything was taken; and a seeded
 * PRNG for random look-alikes. Used by the
 * corpus test and the bench; it reads nothing itself.
 */
import { KINDS, type Kind, type Span } from './kinds.ts';

export interface Labelled {
  text: string;
  pii: { kind: Kind; value: string }[];
}

export interface KindFigures {
  total: number;
  found: number;
  /** Found and replaced by this kind's own placeholder. */
  rightKind: number;
}

export interface Evaluation {
  perKind: Record<Kind, KindFigures>;
  /** Labelled values missed, with their message (for the report, not for tuning line by line). */
  misses: { kind: Kind; value: string; text: string }[];
  /** Labelled values that do not occur in their message (a corpus error). */
  notInText: number;
  /** Spans in labelled messages that overlap no labelled value. */
  extraSpans: number;
  lookalikes: { messages: number; flagged: number; examples: { text: string; taken: string[] }[] };
}

const significant = (c: string) => /[\p{L}\p{N}]/u.test(c);

function occurrences(text: string, value: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(value); i >= 0 && value.length > 0; i = text.indexOf(value, i + 1)) at.push(i);
  return at;
}

export function evaluate(find: (text: string) => Span[], corpus: Labelled[], lookalikes: string[]): Evaluation {
  const perKind = Object.fromEntries(KINDS.map((k) => [k, { total: 0, found: 0, rightKind: 0 }])) as Record<Kind, KindFigures>;
  const result: Evaluation = { perKind, misses: [], notInText: 0, extraSpans: 0, lookalikes: { messages: 0, flagged: 0, examples: [] } };
  for (const { text, pii } of corpus) {
    const spans = find(text);
    const cover: (Kind | undefined)[] = new Array(text.length);
    for (const s of spans) for (let i = s.start; i < s.end; i++) cover[i] = s.kind;
    const used = new Set<Span>();
    for (const { kind, value } of pii) {
      const figures = perKind[kind];
      if (!figures) continue;
      figures.total++;
      const where = occurrences(text, value);
      if (where.length === 0) {
        result.notInText++;
        result.misses.push({ kind, value, text });
        continue;
      }
      let found = true;
      let right = true;
      for (const start of where) {
        for (let i = start; i < start + value.length; i++) {
          if (!significant(text[i]!)) continue;
          if (cover[i] === undefined) found = false;
          else if (cover[i] !== kind) right = false;
        }
        for (const s of spans) if (s.start < start + value.length && s.end > start) used.add(s);
      }
      if (found) {
        figures.found++;
        if (right) figures.rightKind++;
      } else result.misses.push({ kind, value, text });
    }
    result.extraSpans += spans.filter((s) => !used.has(s)).length;
  }
  for (const text of lookalikes) {
    const spans = find(text);
    result.lookalikes.messages++;
    if (spans.length === 0) continue;
    result.lookalikes.flagged++;
    result.lookalikes.examples.push({ text, taken: spans.map((s) => `${s.kind}:${text.slice(s.start, s.end)}`) });
  }
  return result;
}

/** The figures as printable lines. */
export function describeEvaluation(e: Evaluation): string[] {
  const lines = KINDS.map((k) => {
    const f = e.perKind[k];
    const recall = f.total ? (f.found / f.total).toFixed(4) : '—';
    return `${k.padEnd(10)} recall ${recall}  (${f.found}/${f.total}, unredacted ${f.total - f.found}, own placeholder ${f.rightKind})`;
  });
  const all = KINDS.reduce((sum, k) => sum + e.perKind[k].total, 0);
  const found = KINDS.reduce((sum, k) => sum + e.perKind[k].found, 0);
  lines.push(`all        recall ${(found / Math.max(1, all)).toFixed(4)}  (${found}/${all}; values not in their text: ${e.notInText}; spans on no labelled value: ${e.extraSpans})`);
  const l = e.lookalikes;
  lines.push(`look-alikes false-positive rate ${(l.flagged / Math.max(1, l.messages)).toFixed(4)}  (${l.flagged}/${l.messages} messages had something taken)`);
  return lines;
}

