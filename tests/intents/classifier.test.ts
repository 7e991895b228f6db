import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABELS, loadPlaybook } from '../../data/playbook.ts';
import { decide, ObjectionClassifier } from '../../intents/classifier.ts';
import { evaluate, type LabelledLine } from '../../intents/evaluate.ts';
import { ROOT } from '../helpers.ts';

const playbook = loadPlaybook();
const classifier = ObjectionClassifier.build(playbook);

describe('objection classifier on the shipped playbook', () => {
  it.each([
    ['等着看吧，下次再说', 'timing'],
    ['let me compare other quotes', 'timing'],
    ['he never talks price', 'deal_size'],
    ['客户说要跟老婆商量', 'deal_size'],
    ["I can't get a meeting with the boss", 'trust'],
    ['怕你们是骗子', 'trust'],
    ['好的，合同发我', 'none'],
    ['不贵，挺划算的', 'none'],
    ['not too expensive, send me the contract', 'none'],
  ])('%s → %s', (text, label) => {
    const result = classifier.classify(text);
    expect(result.label).toBe(label);
    expect(result.unsure).toBe(false);
  });

  it('gives normalised scores over the four labels, the confidence being the top one', () => {
    const result = classifier.classify('太贵了');
    expect(Object.keys(result.scores).sort()).toEqual([...LABELS].sort());
    const total = Object.values(result.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 2);
    expect(result.confidence).toBe(Math.max(...Object.values(result.scores)));
  });

  it('explains itself with the phrases it found', () => {
    expect(classifier.classify('等着看吧，下次再说').matched).toEqual(expect.arrayContaining(['下次再说', '等着看']));
  });

  it('names words from the text when no playbook phrase was found', () => {
    const result = classifier.classify('she keeps saying maybe after the summer');
    for (const word of result.matched) expect('she keeps saying maybe after the summer').toContain(word);
  });

  it('answers in the language of the quote', () => {
    expect(classifier.classify('太贵了').lang).toBe('zh');
    expect(classifier.classify('too expensive').lang).toBe('en');
  });

  it('is deterministic: the same playbook builds the same classifier', () => {
    const again = ObjectionClassifier.build(playbook);
    for (const text of ['hmm maybe', '我再问问', 'the boss never shows up']) expect(again.classify(text)).toEqual(classifier.classify(text));
    expect(again.calibration).toEqual(classifier.calibration);
  });

  it('keeps macro-F1 ≥ 0.88 on the held-out set, overall and per language, with precise "none"', () => {
    const lines: LabelledLine[] = readFileSync(join(ROOT, 'tests/heldout/heldout.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const report = evaluate(lines, (text) => classifier.classify(text));
    expect(report.overall.macroF1).toBeGreaterThanOrEqual(0.88);
    expect(report.byLanguage.zh!.macroF1).toBeGreaterThanOrEqual(0.88);
    expect(report.byLanguage.en!.macroF1).toBeGreaterThanOrEqual(0.88);
    expect(report.overall.perClass.none.precision).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the unsure rule', () => {
  // probabilities in LABELS order: timing, deal_size, trust, none
  it('is sure when one label clearly wins', () => {
    expect(decide([0.1, 0.8, 0.05, 0.05])).toEqual({ label: 'deal_size', unsure: false, candidates: ['deal_size'] });
  });

  it('asks the rep to choose between two labels that pull about equally', () => {
    expect(decide([0.48, 0.44, 0.04, 0.04])).toEqual({ label: 'timing', unsure: true, candidates: ['timing', 'deal_size'] });
  });

  it('offers a third label when it is still likely', () => {
    expect(decide([0.2, 0.4, 0.3, 0.1])).toEqual({ label: 'deal_size', unsure: true, candidates: ['deal_size', 'trust', 'timing'] });
  });

  it('is unsure below the confidence floor even with a clear lead', () => {
    expect(decide([0.45, 0.25, 0.15, 0.15]).unsure).toBe(true);
  });

  it('is unsure about gibberish on the real playbook', () => {
    expect(classifier.classify('zxqv blorf').unsure).toBe(true);
  });
});
