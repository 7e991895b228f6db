/** Composition: the rep's answers in the walk's texts, the summary with every message, the script to share. */
import { describe, expect, it } from 'vitest';
import { BLANK, fill, sharedScript, summary } from '../../dialogs/compose.ts';
import { composeMessage, MESSAGE_MAX, SLOT_MAX } from '../../dialogs/scripts.ts';
import { packs, quote, turnAt, walkAt, walking } from './fixtures.ts';

describe('fill', () => {
  const walk = walkAt('timing', 'persuade_general', ['dont_repeat', 'usage', 'need'], { usage: 'learn Excel for a new job', need: 'general' });

  it('puts in typed answers, chosen choices by their label, and fallbacks for what was skipped', () => {
    expect(fill(turnAt(walking(walk)), walk, 'You said {{usage}}; need: {{ need }}; when: {{trial_time|this week}}')).toBe('You said learn Excel for a new job; need: General; when: this week');
    expect(fill(turnAt(walking(walk, 'zh')), walk, '需求：{{need}}')).toBe('需求：普通需求');
  });

  it('marks an unanswered placeholder without a fallback as a blank to fill', () => {
    expect(fill(turnAt(walking(walk)), walk, 'At {{trial_time}}.')).toBe(`At ${BLANK}.`);
  });
});

describe('the summary and the script', () => {
  const history = ['habit', 'habit_move', 'listen', 'opinion', 'downsides', 'three_moves', 'deliver'];
  const walk = walkAt('deal_size', 'deliver', history, { habit: 'asks_others', opinion: '他说颜色太暗' });

  it('lists what was chosen and typed, by step title, then every message the walk composed, labelled', () => {
    const text = summary(turnAt(walking(walk, 'zh')), walk, quote('客户说要跟老婆商量', 'deal_size'));
    expect(text.split('\n').slice(0, 6)).toEqual(['📋 小结（可复制）', '类型：成交金额不定', '行业：通用', '客户原话：“客户说要跟老婆商量”', '· 看他的花钱习惯：总问家人或领导', '· 记下他的意见：他说颜色太暗']);
    expect(text).toContain('1. 按习惯应对\n');
    expect(text).toContain('2. 跟随·前推·反向\n您提到颜色太暗。');
    expect(text.split('📨')[1]).not.toContain('他说');
  });

  it('shares every composed message, or none when the walk composed nothing', () => {
    const script = sharedScript(turnAt(walking(walk)), walk)!;
    expect(script.split('\n\n')).toHaveLength(2);
    expect(sharedScript(turnAt(walking(walk)), walkAt('deal_size', 'listen', ['habit']))).toBeNull();
  });
});

describe('the follow / push forward / reverse message', () => {
  it('keeps the customer’s point, in their voice, in every pack and language — the longest one too — within a phone screen', () => {
    const points = { zh: ['我们自己的做法就够用了', '颜'.repeat(SLOT_MAX.zh)], en: ["we'd rather keep doing it our own way", 'x'.repeat(SLOT_MAX.en)] };
    const expected = { zh: ['你们自己的做法就够用了', '颜'.repeat(SLOT_MAX.zh)], en: ["you'd rather keep doing it your own way", 'x'.repeat(SLOT_MAX.en)] };
    for (const [id, pack] of packs) {
      for (const lang of ['zh', 'en'] as const) {
        points[lang].forEach((point, i) => {
          const walk = walkAt('deal_size', 'deliver', [], { habit: 'avoids_price', opinion: point, downsides: lang === 'zh' ? '上手慢、维护贵、出问题没人管' : 'slower to learn, costlier to run, nobody to call when it breaks' });
          const message = composeMessage({ pack, product: pack.product_example[lang], lang, walk }, 'three_moves')!;
          expect(message.text, `${id}/${lang}`).toContain(lang === 'zh' ? `您提到${expected[lang][i]}。` : `I hear you: ${expected[lang][i]}.`);
          expect([...message.text].length, `${id}/${lang}`).toBeLessThanOrEqual(MESSAGE_MAX[lang]);
          expect(message.text, `${id}/${lang}`).toContain(pack.deal_size.follow[lang]);
          expect(message.text, `${id}/${lang}`).toContain(pack.deal_size.push_forward[lang]);
        });
      }
    }
  });
});
