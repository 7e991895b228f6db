import { describe, expect, it } from 'vitest';
import { KeywordClassifier } from '../../intents/keywords.ts';
import { MAX_UNSTEMMED, stem } from '../../intents/stem.ts';
import { loadPlaybook } from '../../data/playbook.ts';

describe('guarded English stemmer', () => {
  it('still merges inflections of one word', () => {
    expect(stem('comparing')).toBe(stem('compared'));
    expect(stem('quotes')).toBe(stem('quote'));
    expect(stem('expensive')).toBe(stem('expensively'));
  });

  it(`never stems a word of ${MAX_UNSTEMMED} letters or fewer`, () => {
    for (const word of ['his', 'this', 'news', 'time', 'does']) expect(stem(word)).toBe(word);
  });

  it('keeps apart the look-alikes Porter merges', () => {
    const pairs: [string, string][] = [
      ['his', 'hi'],
      ['accountant', 'account'],
      ['timing', 'time'],
      ['referred', 'references'],
      ['financials', 'financially'],
      ['business', 'busy'],
      ['chatted', 'chat'],
    ];
    for (const [a, b] of pairs) expect(stem(a), `${a} / ${b}`).not.toBe(stem(b));
  });

  it('gives one stem to a family listed on the exception list', () => {
    expect(stem('accountants')).toBe(stem('accountant'));
    expect(stem('referral')).toBe(stem('referred'));
    expect(stem('asks')).toBe(stem('asking'));
  });
});

describe('collisions on the shipped keyword lists', () => {
  const keywords = new KeywordClassifier(loadPlaybook());
  const labelsOf = (text: string) => keywords.classify(text).evidence.filter((e) => !e.negated).map((e) => `${e.label}:${e.phrase}`);

  it('does not read "his" as the greeting "hi"', () => {
    expect(labelsOf('he sent his address for the delivery')).not.toContain('none:hi');
  });

  it('does not read "account" as "accountant" or "business" as "busy"', () => {
    expect(labelsOf('they opened an account last week')).not.toContain('deal_size:accountant');
    expect(labelsOf('a family business with three shops')).not.toContain('trust:busy');
  });

  it('does not read "referred" as "references" or "time" as "timing"', () => {
    expect(labelsOf('she was referred by an old client')).not.toContain('trust:references');
    expect(labelsOf('what time works for the install')).not.toContain('timing:timing');
  });
});
