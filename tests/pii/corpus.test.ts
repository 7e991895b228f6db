/**
 * The acceptance test of redaction against the independent PII corpus (tests/pii/*.jsonl,
 * written without sight of the redactor): prints per-kind recall and the look-alike
 * false-positive rate, and asserts recall ≥ 0.98 for every kind and false positives ≤ 2%.
 */
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../helpers.ts';
import { findPersonalData, redact } from '../../store/redact.ts';
import { describeEvaluation, evaluate, type Labelled } from '../../store/redact/evaluate.ts';
import { KINDS } from '../../store/redact/kinds.ts';

const read = (name: string) => readJsonl(new URL(name, import.meta.url));

const corpus = read('corpus.jsonl') as Labelled[];
const lookalikes = (read('lookalikes.jsonl') as { text: string }[]).map((r) => r.text);
const result = evaluate(findPersonalData, corpus, lookalikes);

describe('redaction on the independent PII corpus', () => {
  it('prints its figures', () => {
    console.log(describeEvaluation(result).join('\n'));
    for (const miss of result.misses.slice(0, 40)) console.log(`  missed ${miss.kind}: ${JSON.stringify(miss.value)} in ${JSON.stringify(miss.text)}`);
    for (const fp of result.lookalikes.examples.slice(0, 20)) console.log(`  look-alike taken: ${fp.taken.join(', ')} in ${JSON.stringify(fp.text)}`);
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    expect(lookalikes.length).toBeGreaterThanOrEqual(300);
  });

  it.each(KINDS)('finds at least 98%% of %s values', (kind) => {
    const f = result.perKind[kind];
    expect(f.total).toBeGreaterThan(0);
    expect(f.found / f.total).toBeGreaterThanOrEqual(0.98);
  });

  it('takes something from at most 2% of the look-alike messages', () => {
    expect(result.lookalikes.flagged / result.lookalikes.messages).toBeLessThanOrEqual(0.02);
  });

  it('leaves no labelled value readable in what redact() returns', () => {
    const leaked = corpus.filter(({ text, pii }) => pii.some(({ value }) => redact(text).includes(value)));
    expect(leaked.length / corpus.length).toBeLessThanOrEqual(0.02);
  });
});
