import { describe, expect, it } from 'vitest';
import { analyse, chineseWords, englishWords, stem } from '../../intents/tokenise.ts';
import { normalise } from '../../intents/normalise.ts';

describe('Chinese tokeniser', () => {
  it('cuts Chinese words (the default segmenter, Intl.Segmenter)', () => {
    expect(chineseWords('客户说要跟老婆商量')).toEqual(expect.arrayContaining(['客户', '老婆', '商量']));
  });

  it('adds character unigrams and bigrams as features', () => {
    const { features } = analyse(normalise('太贵了'));
    expect(features).toEqual(expect.arrayContaining(['c:太', 'c:贵', 'b:太贵', 'b:贵了']));
  });

  it('gives the matcher one token per character, clause by clause', () => {
    const { stream } = analyse(normalise('不贵，太忙'));
    expect(stream.map((t) => t.t)).toEqual(['不', '贵', '太', '忙']);
    expect(stream.map((t) => t.clause)).toEqual([0, 0, 1, 1]);
  });
});

describe('English tokeniser', () => {
  it("splits words with natural's tokenizer, keeping apostrophes", () => {
    expect(englishWords("we can't compare, sorry")).toEqual(['we', "can't", 'compare', 'sorry']);
  });

  it('stems with Porter so inflections share a feature', () => {
    expect(stem('comparing')).toBe(stem('compare'));
    expect(stem('quotes')).toBe(stem('quote'));
  });

  it('keeps stop words and makes stem bigrams ("not now" matters)', () => {
    const { features, surfaces } = analyse(normalise('Not now, thanks'));
    expect(features).toEqual(expect.arrayContaining(['s:not', 's:now', 'sb:not_now']));
    expect(surfaces[features.indexOf('sb:not_now')]).toBe('not now');
  });

  it('handles mixed Chinese and English in one text', () => {
    const { features } = analyse(normalise('价格有点high'));
    expect(features).toEqual(expect.arrayContaining(['w:价格', 's:high']));
  });
});
