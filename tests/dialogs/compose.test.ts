/** Composition: the rep's answers in the playbook's texts, the summary, the script to share. */
import { describe, expect, it } from 'vitest';
import { BLANK, fill, lastScript, summary } from '../../dialogs/compose.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { playbook, quote, walkAt } from './fixtures.ts';

describe('fill', () => {
  const walk = walkAt('timing', 'persuade_general', ['dont_repeat', 'usage', 'need'], { usage: 'learn Excel for a new job', need: 'general' });

  it('puts in typed answers, chosen choices by their label, and fallbacks for what was skipped', () => {
    expect(fill(playbook, walk, 'You said {{usage}}; need: {{ need }}; when: {{trial_time|this week}}', 'en')).toBe('You said learn Excel for a new job; need: General; when: this week');
    expect(fill(playbook, walk, '需求：{{need}}', 'zh')).toBe('需求：普通需求');
  });

  it('marks an unanswered placeholder without a fallback as a blank to fill', () => {
    expect(fill(playbook, walk, 'At {{trial_time}}.', 'en')).toBe(`At ${BLANK}.`);
  });
});

describe('the summary and the script', () => {
  const walk = walkAt('deal_size', 'deliver', ['habit', 'listen', 'opinion', 'downsides', 'three_moves', 'deliver'], { habit: 'asks_others', opinion: '颜色太暗' });

  it('lists what was chosen and typed, by step title, then the last message to send', () => {
    const text = summary(playbook, walk, quote('客户说要跟老婆商量', 'deal_size'), 'zh', MESSAGES.zh);
    expect(text.split('\n').slice(0, 5)).toEqual(['📋 小结（可复制）', '类型：成交金额不定', '客户原话：“客户说要跟老婆商量”', '· 看他的花钱习惯：总问别人', '· 记下他的意见：颜色太暗']);
    expect(text).toContain('📨 可以直接发给客户：\n您提的这点很在理：“颜色太暗”');
  });

  it('keeps the last composed message as the script to share, or none when the walk composed nothing', () => {
    expect(lastScript(playbook, walk, 'en')).toMatch(/^Fair point: “颜色太暗”/);
    expect(lastScript(playbook, walkAt('deal_size', 'listen', ['habit']), 'en')).toBeNull();
  });
});
