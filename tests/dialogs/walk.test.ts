/** The walk's functions, each on a turn at a chosen state: moving, answering, going back, finishing, sharing. */
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../intents/keywords.ts';
import { handleAction } from '../../dialogs/engine.ts';
import { answer, back, finish, keep, recordOutcome, restart, share, startWalk } from '../../dialogs/walk.ts';
import { initialState } from '../../dialogs/state.ts';
import type { CoachState } from '../../dialogs/types.ts';
import { depsWith, playbook, quote, textOf, turnAt, walkAt, walking } from './fixtures.ts';

const check = playbook.knowledge.checks.risky_promises!;
const withChecks = { ...depsWith('trust'), checks: new Map([['risky_promises', new PhraseMatcher<string>([...check.phrases.zh, ...check.phrases.en].map((phrase) => ({ phrase, tag: 'risky_promises', weight: 1 })), [], playbook.negators)]]) };

describe('the walk', () => {
  it('starts at the first step, recording the start and the step', () => {
    const turn = turnAt();
    startWalk(turn, quote(), 'trust');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { objection: 'trust', step: 'symptom', history: [] } });
    expect(turn.events).toEqual([{ kind: 'walk_started', objection: 'trust', quote: 'let me think about it' }, { kind: 'step', objection: 'trust', step: 'symptom' }]);
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['c:shallow', 'c:no_boss', 'c:slipping', 'c:fears_cheat', 'why', 'back']);
  });

  it('follows a choice to the step it branches to', () => {
    const turn = turnAt(walking(walkAt('timing', 'need', ['dont_repeat', 'usage'], { usage: 'at the weekend' })));
    handleAction(turn, 'c:social');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { step: 'persuade_social', answers: { need: 'social' } } });
  });

  it('holds back an answer the check flags, until the rep keeps or skips it', () => {
    const turn = turnAt(walking(walkAt('trust', 'promise', ['symptom', 'principle'])), withChecks);
    answer(turn, '保本保收益');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { step: 'promise', held: '保本保收益' } });
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['keep', 'skip']);
    keep(turn);
    expect(turn.state).toMatchObject({ walk: { step: 'meeting_time', held: null, answers: { promise: '保本保收益' } } });
  });

  it('lets a negated promise through', () => {
    const turn = turnAt(walking(walkAt('trust', 'promise', ['symptom', 'principle'])), withChecks);
    answer(turn, '我们不保本，但服务费可以退');
    expect(turn.state).toMatchObject({ walk: { step: 'meeting_time' } });
  });

  it('goes back a step, and from the first step back to the classification', () => {
    const turn = turnAt(walking(walkAt('deal_size', 'listen', ['habit'], { habit: 'avoids_price' }), 'en', quote('he never talks price', 'deal_size')));
    back(turn);
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { step: 'habit', history: [] } });
    back(turn);
    expect(turn.state).toMatchObject({ mode: 'classified', label: 'deal_size', quote: { text: 'he never talks price' } });
  });

  it('restarts from the first step, keeping the quote', () => {
    const turn = turnAt(walking(walkAt('timing', 'trial_time', ['dont_repeat', 'usage', 'need', 'persuade_general'])));
    restart(turn);
    expect(turn.state).toMatchObject({ mode: 'walk', quote: quote(), walk: { step: 'dont_repeat', history: [], answers: {} } });
    const idle = turnAt();
    restart(idle);
    expect(textOf(idle)).toContain('No coaching in progress');
  });

  it('finishes with a summary and keeps the script to share', () => {
    // As `advance` leaves it past the last step: every step passed, the last one included.
    const walk = walkAt('timing', 'next_step', ['dont_repeat', 'usage', 'need', 'persuade_general', 'trial_time', 'next_step'], { usage: 'learn Excel', need: 'general', trial_time: 'Monday 8pm' });
    const turn = turnAt(walking(walk));
    finish(turn, walk, quote());
    expect(turn.state.mode).toBe('outcome');
    expect(turn.state.lastWalk?.script).toContain('Monday 8pm');
    expect(textOf(turn)).toContain('· Name the need: General');
  });

  it('records the outcome, then shares the walk to the group it came from', () => {
    const state: CoachState = { ...walking(walkAt('timing', 'next_step', ['dont_repeat'])), mode: 'outcome', origin: '-100', lastWalk: { objection: 'timing', quote: 'next time', script: 'Try it Monday' } };
    const turn = turnAt(state);
    recordOutcome(turn, 'booked');
    expect(turn.events).toContainEqual({ kind: 'outcome', objection: 'timing', outcome: 'booked' });
    expect(turn.state.mode).toBe('idle');
    share(turn);
    expect(turn.replies.slice(-2)).toEqual([
      { kind: 'team_post', teamChat: '-100', text: expect.stringMatching(/From the field[\s\S]*"next time"[\s\S]*Try it Monday/) },
      { kind: 'share_confirmation', text: 'Shared with your team.' },
    ]);
    share(turn);
    expect(turn.events.at(-1)).toEqual({ kind: 'rejected', reason: 'stale_button' });
  });

  it('answers a button of another step as stale, and shows where the rep is', () => {
    const turn = turnAt(initialState('zh'));
    handleAction(turn, 'next');
    expect(turn.events).toEqual([{ kind: 'rejected', reason: 'stale_button' }]);
    expect(textOf(turn)).toContain('这个按钮已经过期了');
  });
});
