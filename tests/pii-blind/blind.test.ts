/**
 * Redaction against the blind PII corpus (tests/pii-blind/*.jsonl, written by someone else
 * without sight of the redactor and never used for tuning). Prints the aggregate figures only
 * — never an individual miss, so the set stays blind — and asserts floors a little under what
 * the redactor reaches, so a regression on unseen formats shows up.
 */
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../helpers.ts';
import { findPersonalData } from '../../store/redact.ts';
import { describeEvaluation, evaluate, type Labelled } from '../../store/redact/evaluate.ts';
import type { Kind } from '../../store/redact/kinds.ts';

const read = (name: string) => readJsonl(new URL(name, import.meta.url));

const corpus = read('corpus.jsonl') as Labelled[];
const lookalikes = (read('lookalikes.jsonl') as { text: string }[]).map((r) => r.text);
const result = evaluate(findPersonalData, corpus, lookalikes);

/** Recall floors per kind, set a little under the figures measured when they were last raised. */
// Measured: phone 0.963, email 0.964, id_number 0.926, bank_card 1.0, wechat 0.926, qq 0.897,
// all 0.955; look-alikes 4/150 (before this round: 0.869, 0.945, 0.741, 1.0, 0.815, 0.897; 0.877; 5/150).
const FLOORS: Record<Kind, number> = {
  phone: 0.95,
  email: 0.95,
  id_number: 0.9,
  bank_card: 0.98,
  wechat: 0.9,
  qq: 0.86,
};

describe('redaction on the blind PII corpus (aggregates only)', () => {
  it('prints its figures', () => {
    console.log(describeEvaluation(result).join('\n'));
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(lookalikes.length).toBeGreaterThanOrEqual(150);
  });

  it.each(Object.entries(FLOORS))('finds %s values at least at the floor (%s)', (kind, floor) => {
    const f = result.perKind[kind as Kind];
    expect(f.total).toBeGreaterThan(0);
    expect(f.found / f.total).toBeGreaterThanOrEqual(floor);
  });

  it('finds at least 94% of all values', () => {
    const all = Object.values(result.perKind).reduce((s, f) => s + f.total, 0);
    const found = Object.values(result.perKind).reduce((s, f) => s + f.found, 0);
    expect(found / all).toBeGreaterThanOrEqual(0.94);
  });

  it('takes something from at most 3% of the look-alike messages', () => {
    expect(result.lookalikes.flagged / result.lookalikes.messages).toBeLessThanOrEqual(0.03);
  });
});
