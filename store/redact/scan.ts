/**
 * One redaction pass over a text of any length, in linear time: normalise (same offsets),
 * index the keywords, run the detectors (e-mails, context-led handles, identity documents,
 * numbers, numbers spelt out in words), then keep
 * the best of overlapping spans — e-mail first, then the worded ids, then numbers, longer
 * before shorter. Callers bound the length first (see limitInput in ../redact.ts); the
 * bench runs this directly on megabytes to show the time stays linear.
 */
import { ContextIndex } from './context.ts';
import { findEmails } from './email.ts';
import { findHandles } from './handles.ts';
import { findIds } from './ids.ts';
import type { Span } from './kinds.ts';
import { normaliseForMatching } from './normalise.ts';
import { findNumbers } from './numbers.ts';
import { findSpokenNumbers } from './spoken.ts';

/** Keycap marks and variation selectors left after a span's last digit (the "⃣" of "8️⃣"). */
const isMark = (c: number) => c === 0xfe0f || c === 0xfe0e || c === 0x20e3;

/** The non-overlapping spans of personal data in `text`, in order. */
export function scan(text: string): Span[] {
  const s = normaliseForMatching(text);
  const ctx = new ContextIndex(s);
  const ranked = [findEmails(s, ctx), findHandles(s, ctx), findIds(s, ctx), findNumbers(s, ctx), findSpokenNumbers(s, ctx)].flatMap((spans, rank) =>
    spans.map((span) => ({ span, rank })),
  );
  // E-mail first (it holds digits and words the others would take apart), then the longer
  // span (a phone beats a passport-shaped piece of it), then the worded ids over numbers.
  const email = (r: { rank: number }) => (r.rank === 0 ? 0 : 1);
  ranked.sort((a, b) => email(a) - email(b) || b.span.end - b.span.start - (a.span.end - a.span.start) || a.rank - b.rank || a.span.start - b.span.start);
  const taken = new Uint8Array(s.length);
  const kept: Span[] = [];
  for (const { span } of ranked) {
    let free = true;
    for (let i = span.start; i < span.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, span.start, span.end);
    while (span.end < text.length && isMark(text.charCodeAt(span.end))) span.end++;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
