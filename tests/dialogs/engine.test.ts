/**
 * The engine as the service sees it: what a turn returns besides replies (the language, the
 * dialog, the events the audit log and the dialog summary need), states it cannot use, a
 * conversation carried over from a group, and hostile commands.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../dialogs/engine.ts';
import { ObjectionClassifier } from '../../intents/classifier.ts';
import type { CoachState } from '../../dialogs/types.ts';
import { zh } from '../../dialogs/messages/zh.ts';
import { engineWith, playbook, walkAt, walking } from './fixtures.ts';

const real = createEngine(playbook, ObjectionClassifier.build(playbook));

describe('a turn', () => {
  it('returns the language and the dialog, and the quote that opened the dialog as an event', () => {
    const engine = engineWith('deal_size', { confidence: 0.8 });
    const result = engine.handle(null, { type: 'text', text: '太贵了，预算不够', turnId: 'turn-1' });
    expect(result.lang).toBe('zh');
    expect(result.dialog).toBe('turn-1');
    expect(result.events).toContainEqual({ kind: 'dialog_started', dialog: 'turn-1', quote: '太贵了，预算不够', predicted: 'deal_size', confidence: 0.8, lang: 'zh' });
    const asked = engine.handle(result.state, { type: 'action', action: 'go', turnId: 'turn-2' });
    expect(asked.state.mode).toBe('profile'); // the first walk asks what the rep sells
    const next = engine.handle(asked.state, { type: 'action', action: 'noprod', turnId: 'turn-3' });
    expect(next.events).toEqual([{ kind: 'rejected', reason: 'stale_button' }]); // no industry picked yet
    const industry = engine.handle(asked.state, { type: 'action', action: 'ind:insurance', turnId: 'turn-3' });
    const started = engine.handle(industry.state, { type: 'action', action: 'noprod', turnId: 'turn-4' });
    expect(started.dialog).toBe('turn-1');
    expect(started.events.map((e) => e.kind)).toEqual(['deal', 'walk_started', 'step']); // the walk opens the customer's deal
    expect(started.events[0]).toEqual({ kind: 'deal', deal: 'turn-1', change: 'opened' });
    expect(started.state).toMatchObject({ mode: 'walk', profile: { industry: 'insurance', product: null } });
  });

  it('says "before we start" only when it first asks what the rep sells, not for /profile in the middle of a walk', () => {
    const engine = engineWith('deal_size', { confidence: 0.8 });
    const quoted = engine.handle(null, { type: 'text', text: '太贵了，预算不够', turnId: 'turn-1' });
    const asked = engine.handle(quoted.state, { type: 'action', action: 'go', turnId: 'turn-2' });
    expect(asked.replies.at(-1)!.text).toContain(zh.profileFirst);
    const industry = engine.handle(asked.state, { type: 'action', action: 'ind:insurance', turnId: 'turn-3' });
    const walking = engine.handle(industry.state, { type: 'action', action: 'noprod', turnId: 'turn-4' });
    const again = engine.handle(walking.state, { type: 'command', name: 'profile', turnId: 'turn-5' });
    expect(again.state.mode).toBe('profile');
    const text = again.replies.at(-1)!.text;
    expect(text).not.toContain(zh.profileFirst);
    expect(text).toContain(zh.profileIndustry);
    expect(text).toContain(zh.profileNow('保险', null));
  });

  it('answers a rep who writes traditional Chinese in traditional, and in simplified again once they switch back', () => {
    const engine = engineWith('deal_size', { confidence: 0.8 });
    const traditional = engine.handle(null, { type: 'text', text: '太貴了，預算不夠', turnId: 'turn-1' });
    expect(traditional.state.traditional).toBe(true);
    expect(traditional.replies[0]!.text).toMatch(/[額見進與們說]/u); // traditional forms of 额见进与们说
    const simplified = engine.handle(traditional.state, { type: 'text', text: '太贵了，预算不够', turnId: 'turn-2' });
    expect(simplified.state.traditional).toBe(false);
    expect(simplified.replies[0]!.text).not.toMatch(/[額見進與們說]/u);
  });

  it('answers a quote from a group in one short message, without correction buttons', () => {
    const engine = engineWith('timing', { matched: ['compare'] });
    const result = engine.handle(null, { type: 'text', text: 'let me compare quotes', context: 'group' });
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]).toMatchObject({ kind: 'message', buttons: [{ action: 'go' }] });
    expect(result.replies[0]!.text).toMatch(/^⏳ Timing .* · 90% sure\n💡 /);
    expect((result.state as CoachState).mode).toBe('classified');
  });

  it('answers an unsure group quote with the likely types to pick', () => {
    const engine = engineWith('timing', { candidates: ['timing', 'deal_size'] });
    const result = engine.handle(null, { type: 'text', text: 'hmm', context: 'group' });
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]!.buttons?.map((b) => b.action)).toEqual(['as:timing', 'as:deal_size']);
    expect((result.state as CoachState).mode).toBe('choosing');
  });

  it('restarts politely from a state it cannot use, in the language that state named', () => {
    const result = real.handle({ v: 1, lang: 'zh', mode: 'walk' }, { type: 'command', name: 'help' });
    expect(result.replies[0]!.text).toContain('教练已更新');
    expect(result.lang).toBe('zh');
    expect((result.state as CoachState).mode).toBe('idle');
  });

  it('continues a version 1 walk where it was', () => {
    const old = { v: 1, lang: 'en', langLocked: false, mode: 'walk', tipIndex: 0, quote: "he never talks price", predicted: 'deal_size', label: 'deal_size', walk: { objection: 'deal_size', step: 'listen', history: ['habit'], answers: { habit: 'avoids_price' } } };
    const result = real.handle(old, { type: 'action', action: 'next' });
    expect(result.replies[0]!.text).toContain('Step 3 · Note their objection');
    expect(result.state).toMatchObject({ v: 2, mode: 'walk', walk: { step: 'opinion', history: ['habit', 'listen'] } });
  });
});

describe('carryOver and languageOf', () => {
  it('carries a group conversation into a private chat, marking where it came from', () => {
    const group = real.handle(null, { type: 'text', text: '客户说要跟老婆商量一下', context: 'group' });
    const carried = real.carryOver(JSON.parse(JSON.stringify(group.state)), '-100500');
    expect(carried).toMatchObject({ origin: '-100500', mode: 'classified', lang: 'zh' });
    const welcome = real.handle(carried, { type: 'command', name: 'start' });
    expect(welcome.replies.map((r) => r.text).join('\n')).toMatch(/欢迎回来[\s\S]*成交金额不定/);
    expect(real.carryOver('garbage', '-1')).toMatchObject({ mode: 'idle', origin: '-1' });
  });

  it('reads the language of a stored state', () => {
    expect(real.languageOf(real.handle(null, { type: 'text', text: '下次再说' }).state)).toBe('zh');
    expect(real.languageOf(undefined)).toBe('en');
  });
});

describe('commands from anyone', () => {
  it('answers /kb with a name that is not a topic — constructor, __proto__ — with the topic list', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const result = real.handle(null, { type: 'command', name: 'kb', args: [name] });
      expect(result.replies[0]!.text).toBe('Knowledge topics:');
    }
  });

  it('answers an unknown command by name and records it', () => {
    const result = real.handle(null, { type: 'command', name: '__proto__' });
    expect(result.replies[0]!.text).toContain('Unknown command /__proto__');
    expect(result.events).toEqual([{ kind: 'rejected', reason: 'unknown_command' }]);
  });

  it('treats a stale or forged button as stale, and a forged topic as no topic', () => {
    for (const action of ['out:booked', 'as:bogus', 'c:none_such', 'next', '', 'x'.repeat(100)]) {
      const result = real.handle(null, { type: 'action', action });
      expect(result.events, action).toContainEqual({ kind: 'rejected', reason: 'stale_button' });
    }
    expect(real.handle(null, { type: 'action', action: 'kb:constructor' }).replies[0]!.text).toBe('Knowledge topics:');
  });
});

describe('the rep’s time zone, for dates typed at a time question', () => {
  const now = Date.parse('2026-11-30T09:00:00+08:00'); // Monday, 01:00 UTC
  const atTrial = walking(walkAt('timing', 'trial_time', ['dont_repeat', 'usage', 'need', 'persuade_general']));
  const type = (state: unknown, text: string, clock: { now: number; timeZone?: string; teamTimeZone?: string }) => real.handle(state, { type: 'text', text, clock });

  it('reads the time in the platform’s zone, else the one set with /profile, else the team’s', () => {
    expect(type(atTrial, 'tomorrow 10am', { now, teamTimeZone: 'Europe/London' }).replies.at(-1)!.text).toBe('📅 I understood: Tue 1 Dec, 10:00. Right?');
    const set = real.handle(atTrial, { type: 'command', name: 'profile', args: ['Asia/Shanghai'], clock: { now } });
    expect(set.replies[0]!.text).toBe('🕒 Time zone: Asia/Shanghai. Dates you type are read in it.');
    expect(set.state).toMatchObject({ zone: 'Asia/Shanghai', mode: 'walk' }); // the walk goes on
    const shanghai = type(set.state, 'tomorrow 10am', { now, teamTimeZone: 'Europe/London' });
    expect(shanghai.replies.at(-1)!.text).toBe('📅 I understood: Tue 1 Dec, 10:00. Right?');
    expect((shanghai.state as { walk: { when: { at: number } } }).walk.when.at).toBe(Date.parse('2026-12-01T10:00:00+08:00'));
    const teams = type(set.state, 'tomorrow 10am', { now, timeZone: 'Europe/London' });
    expect((teams.state as { walk: { when: { at: number } } }).walk.when.at).toBe(Date.parse('2026-12-01T10:00:00Z'));
  });

  it('refuses a zone it does not know, changing nothing; without a clock, reads no date at all', () => {
    const bad = real.handle(atTrial, { type: 'command', name: 'profile', args: ['Mars/Olympus'], clock: { now } });
    expect(bad.replies[0]!.text).toContain('“Mars/Olympus” is not a time zone I know');
    expect(bad.state).toEqual(atTrial);
    const noClock = real.handle(atTrial, { type: 'text', text: 'tomorrow 10am' });
    expect(noClock.replies.at(-1)!.text).toContain('Step 6'); // on to the invitation, no confirmation
    expect(noClock.followUps).toBeUndefined();
  });
});

describe('deals stay bounded', () => {
  it('keeps at most 20 open deals: a new customer closes the one untouched longest, cancelling its reminders', () => {
    const now = Date.parse('2026-11-30T09:00:00+08:00');
    const deal = (i: number) => ({ id: `d${i}`, alias: `Customer ${i}`, named: true, quotes: [{ text: `quote ${i}`, label: 'timing' as const, dialog: `d${i}` }], messages: ['a', 'b', 'c', 'd'], next: null, need: null, followUps: [{ kind: 'recontact' as const, at: now + i }], sent: true, outcome: null, closed: false, followedUp: false, openedAt: now - 100 + i, updatedAt: now - 100 + i, parked: null });
    const full = { ...walking(walkAt('timing', 'dont_repeat')), mode: 'idle', deals: Array.from({ length: 20 }, (_, i) => deal(i)), deal: 'd19' } as unknown as CoachState;
    const clock = { now, teamTimeZone: 'Asia/Shanghai' };
    const quoted = real.handle(full, { type: 'text', text: 'let me compare other quotes', turnId: 't-new', clock });
    const asked = real.handle(quoted.state, { type: 'action', action: 'go', clock });
    expect(asked.replies[0]!.text).toBe('Which customer is this for?');
    expect(asked.replies[0]!.buttons).toHaveLength(6); // the five most recent, and "new customer"
    const started = real.handle(asked.state, { type: 'action', action: 'dn', clock });
    const deals = (started.state as CoachState).deals;
    expect(deals.filter((d) => !d.closed)).toHaveLength(20);
    expect(deals.find((d) => d.id === 'd0')).toMatchObject({ closed: true, messages: ['c', 'd'] });
    expect(started.followUps?.cancel).toEqual([{ deal: 'd0' }]);
    expect(started.deals?.map((d) => d.id).sort()).toEqual(['d0', 't-new']);
  });
});
