/** The practice move detector: phrases with per-clause negation, the classifiers, the clause it quotes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../data/playbook.ts';
import { loadPractice, type Move } from '../../data/practice.ts';
import { MoveDetector, sentencesOf } from '../../intents/moves.ts';
import { crossValidateMoves } from '../../intents/moves-eval.ts';

const data = loadPractice();
let detector: MoveDetector;
beforeAll(() => {
  detector = MoveDetector.build(data);
}, 60_000);

const moves = (text: string, type: 'timing' | 'deal_size' | 'trust'): Move[] => detector.detect(text, type).map((f) => f.move);

describe('the move detector', () => {
  it('finds the moves of a good answer, each with the sentence that showed it', () => {
    const found = detector.detect('您说得对，看得出您很懂。有的人习惯，有的人不习惯，主要看喜好。不过换掉的话，后期维护更麻烦。您来定。', 'deal_size');
    expect(found.map((f) => f.move)).toEqual(['follow', 'push_forward', 'reverse', 'hand_over']);
    expect(found.find((f) => f.move === 'hand_over')!.clause).toBe('您来定');
    expect(found.find((f) => f.move === 'reverse')!.clause).toContain('维护');
  });

  it('quotes the rep’s own sentence, not an opener next to it', () => {
    const [found] = detector.detect('Of course, take your time. How often would you be using it, and with whom?', 'timing');
    expect(found?.move).toBe('asks_usage');
    expect(found?.clause).toBe('How often would you be using it, and with whom');
  });

  it('cancels a phrase after a negator in the same clause, in both languages', () => {
    expect(moves('我们不打折，您平时主要在哪儿用？', 'timing')).not.toContain('price_first');
    expect(moves("I won't offer you a discount. How often would you use it?", 'timing')).not.toContain('price_first');
    expect(moves('我不会催您今天就签，这周四下午三点见一面聊聊？', 'trust')).not.toContain('pressure');
    expect(moves('No obligation to sign today. Can we meet Thursday at 3pm?', 'trust')).not.toContain('pressure');
  });

  it('keeps a promise whose negator sits in a condition or a harmless phrase', () => {
    expect(moves('如果最后办不成，费用全额退还。', 'trust')).toContain('commitment');
    expect(moves('不满意的话全额退款，写进合同。', 'trust')).toContain('commitment');
    expect(moves("If it doesn't work out, you get a full refund.", 'trust')).toContain('commitment');
  });

  it('catches re-pitches, price-first answers and pressure', () => {
    expect(moves('我们的产品是行业领先的，售后也是最好的。', 'timing')).toContain('repitch');
    expect(moves("I can knock 10% off if you decide this week.", 'deal_size')).toContain('price_first');
    expect(moves('This price is only valid today, so sign now.', 'trust')).toContain('pressure');
  });

  it('tells a fixed time from a vague one', () => {
    expect(moves('周二上午十点，在您办公室可以吗？', 'trust')).toContain('fixed_time');
    expect(moves('我们找个您方便的时间见一面吧。', 'trust')).not.toContain('fixed_time');
    expect(moves("Let's meet some time when you're free.", 'trust')).not.toContain('fixed_time');
  });

  it('judges an answer only on the moves of its type', () => {
    const text = 'How would you use it at home? Which would you prefer?';
    expect(moves(text, 'trust')).not.toContain('asks_usage');
    expect(moves(text, 'timing')).not.toContain('hand_over');
  });

  it('splits an answer into sentences the way the scorecard quotes them', () => {
    expect(sentencesOf('Sure. Thursday at 3 p.m. works？好的！\n再见')).toEqual(['Sure', 'Thursday at 3 p.m', 'works', '好的', '再见']);
  });
});

describe('cross-validation on the example answers', () => {
  it('every move reaches F1 ≥ 0.75 in each language out of fold', () => {
    const report = crossValidateMoves(data, 5);
    for (const lang of LANGS) {
      for (const [move, score] of Object.entries(report.byLang[lang])) {
        expect(score.f1, `${lang} ${move}`).toBeGreaterThanOrEqual(0.75);
      }
    }
  }, 120_000);
});
