import { describe, expect, it } from 'vitest';
import { KeywordClassifier } from '../../intents/keywords.ts';
import type { Playbook } from '../../data/playbook.ts';

/** A small playbook, so each rule is tested on its own. */
const playbook: Pick<Playbook, 'keywords' | 'negators' | 'exceptions'> = {
  keywords: {
    timing: { zh: { 下次再说: 3, 再考虑: 3 }, en: { 'not now': 3, compare: 2, 'other quotes': 3 } },
    deal_size: { zh: { 贵: 2, 太贵: 3, '价格…高': 3 }, en: { expensive: 2, 'too expensive': 3 } },
    trust: { zh: { 见不到: 3 }, en: { meeting: 1, "can't … meeting": 3 } },
    none: { zh: { 合同发我: 4 }, en: { 'send … contract': 3 } },
  },
  negators: { zh: ['不', '没', '不用'], en: ['not', 'no', "don't"] },
  exceptions: { zh: ['贵公司'], en: [] },
};
const keywords = new KeywordClassifier(playbook);
const found = (text: string) => keywords.classify(text).evidence.map((e) => `${e.label}:${e.phrase}${e.negated ? ':negated' : ''}`);

describe('keyword classifier', () => {
  it('adds up the weights of the phrases found, per label', () => {
    const { scores } = keywords.classify('太贵了，下次再说');
    expect(scores).toEqual({ timing: 3, deal_size: 3, trust: 0, none: 0 });
  });

  it('matches English as whole words in any inflection', () => {
    expect(found('Comparing other quotes first')).toEqual(['timing:other quotes', 'timing:compare']);
    expect(found('incompatible')).toEqual([]);
  });

  it('matches traditional characters and full-width text', () => {
    expect(found('太貴了')).toEqual(['deal_size:太贵']);
    expect(found('ＴＯＯ ＥＸＰＥＮＳＩＶＥ')).toEqual(['deal_size:too expensive']);
  });

  it('prefers the longest overlapping phrase', () => {
    expect(found('太贵')).toEqual(['deal_size:太贵']);
    expect(found('way too expensive')).toEqual(['deal_size:too expensive']);
  });

  it('lets "…" stand for a short gap inside one clause', () => {
    expect(found('价格确实有点高')).toEqual(['deal_size:价格…高']);
    expect(found('价格还行，就是个子高')).toEqual([]);
    expect(found("we can't get a meeting")).toEqual(["trust:can't … meeting"]);
  });

  it('cancels a phrase after a negator without turning it into a none signal', () => {
    const result = keywords.classify('不贵');
    expect(found('不贵')).toEqual(['deal_size:贵:negated']);
    expect(result.scores).toEqual({ timing: 0, deal_size: 0, trust: 0, none: 0 });
    expect(keywords.classify("we don't think it's expensive, we're just not ready").scores.none).toBe(0);
    expect(found('not too expensive')).toEqual(['deal_size:too expensive:negated']);
    expect(found('不用再考虑了')).toEqual(['timing:再考虑:negated']);
    expect(found('一点也不贵')).toEqual(['deal_size:贵:negated']);
  });

  it('keeps phrases that contain their own negation ("not now")', () => {
    expect(found('not now')).toEqual(['timing:not now']);
  });

  it('stops negation at the end of a clause', () => {
    expect(found('服务不错，就是太贵')).toEqual(['deal_size:太贵']);
    expect(found("don't worry, it's expensive")).toEqual(['deal_size:expensive']);
  });

  it('negates per clause: a negator in one clause leaves the next clause alone', () => {
    expect(keywords.classify('不急，就是太贵').scores.deal_size).toBe(3);
    expect(keywords.classify('no rush, but too expensive').scores.deal_size).toBe(3);
  });

  it('never lets a none phrase outvote an objection phrase', () => {
    expect(keywords.classify('合同发我看看，不过太贵了').scores).toEqual({ timing: 0, deal_size: 3, trust: 0, none: 0 });
    expect(keywords.classify('合同发我').scores.none).toBe(4);
  });

  it('reports the matched words of the text, gaps included', () => {
    expect(keywords.classify('价格确实有点高').evidence[0]!.surface).toBe('价格确实有点高');
    expect(keywords.classify('Way TOO expensive!').evidence[0]!.surface).toBe('too expensive');
  });

  it('silences a keyword inside an exception phrase', () => {
    expect(found('贵公司的方案我看了')).toEqual([]);
  });

  it('finds nothing in an unrelated text', () => {
    expect(keywords.classify('今天天气不错').scores).toEqual({ timing: 0, deal_size: 0, trust: 0, none: 0 });
  });
});
