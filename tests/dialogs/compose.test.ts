/** Composition: the rep's answers in the walk's texts, the summary with every message, the script to share. */
import { describe, expect, it } from 'vitest';
import { BLANK, fill, sharedScript, summary } from '../../dialogs/compose.ts';
import { quote, turnAt, walkAt, walking } from './fixtures.ts';

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
