/** The walk's functions, each on a turn at a chosen state: moving, answering, going back, finishing, sharing. */
import { describe, expect, it } from 'vitest';
import { handleAction } from '../../dialogs/engine.ts';
import { summary } from '../../dialogs/compose.ts';
import { answer, back, edit, finish, keep, recordOutcome, restart, share, startWalk, useAlternative } from '../../dialogs/walk.ts';
import { initialState } from '../../dialogs/state.ts';
import type { CoachState } from '../../dialogs/types.ts';
import { depsWith, playbook, quote, textOf, turnAt, walkAt, walking } from './fixtures.ts';

const atOwnPromise = (lang: 'zh' | 'en' = 'zh') => walking(walkAt('trust', 'own_promise', ['symptom', 'principle', 'promise'], { symptom: 'shallow_questions', promise: 'own' }), lang);

describe('the walk', () => {
  it('starts at the first step, recording the start and the step', () => {
    const turn = turnAt();
    startWalk(turn, quote(), 'trust');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { objection: 'trust', step: 'symptom', history: [] } });
    expect(turn.events).toEqual([{ kind: 'deal', deal: expect.any(String), change: 'opened' }, { kind: 'walk_started', objection: 'trust', quote: 'let me think about it' }, { kind: 'step', objection: 'trust', step: 'symptom' }]);
    expect(turn.replies[0]!.text).toMatch(/^👤 Which customer is this\?[^\n]*\n\n🤝 Step 1/); // the name is offered with the walk
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['c:shallow_questions', 'c:no_decision_maker', 'c:slipping_meetings', 'c:doubts_company', 'why', 'back']);
  });

  it('follows a choice to the step it branches to', () => {
    const turn = turnAt(walking(walkAt('timing', 'need', ['dont_repeat', 'usage'], { usage: 'at the weekend' })));
    handleAction(turn, 'c:social');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { step: 'persuade_social', answers: { need: 'social' } } });
  });

  it('holds back a promise the compliance guard flags, explains the rule, and marks it when used anyway', () => {
    const turn = turnAt(atOwnPromise());
    answer(turn, '保本保收益，年化7%稳稳的');
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { step: 'own_promise', held: '保本保收益，年化7%稳稳的' } });
    expect(textOf(turn)).toMatch(/⚠️ 合规提醒：[\s\S]*✅ 可以这样说：/);
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['edit', 'keep']); // the alternative has an X to fill in
    keep(turn);
    expect(turn.state).toMatchObject({ walk: { step: 'meeting_format', held: null, answers: { own_promise: '保本保收益，年化7%稳稳的' } } });
    const overrides = turn.events.filter((e) => e.kind === 'compliance_override');
    expect(overrides.length).toBeGreaterThan(0);
    expect(overrides[0]).toMatchObject({ objection: 'trust', step: 'own_promise', text: '保本保收益，年化7%稳稳的' });
    // The summary marks it where the answer is listed, as well as in the message it went into.
    if (turn.state.mode !== 'walk') throw new Error('left the walk');
    expect(summary(turn, turn.state.walk, turn.state.quote)).toContain('· 写下你的承诺：保本保收益，年化7%稳稳的 ⚠️');
  });

  it('replaces a flagged answer with the rule\'s alternative, or lets the rep write it again', () => {
    const alt = turnAt(atOwnPromise('en'));
    answer(alt, 'you will not lose a cent');
    expect(alt.replies[0]!.buttons?.map((b) => b.action)).toEqual(['alt', 'edit', 'keep']);
    useAlternative(alt);
    expect(alt.state).toMatchObject({ walk: { step: 'meeting_format', answers: { own_promise: expect.stringMatching(/can lose money/) }, marks: { own_promise: { alternative: true } } } });
    expect(alt.events.some((e) => e.kind === 'compliance_override')).toBe(false);
    const again = turnAt(atOwnPromise('en'));
    answer(again, 'we guarantee a 7% annual yield');
    edit(again);
    expect(again.state).toMatchObject({ walk: { step: 'own_promise', held: null } });
    answer(again, 'we refund the service fee in full if it does not work for you');
    expect(again.state).toMatchObject({ walk: { step: 'meeting_format' } });
  });

  it('lets a negated promise through', () => {
    const turn = turnAt(atOwnPromise());
    answer(turn, '我们不保本，但服务费可以退');
    expect(turn.state).toMatchObject({ walk: { step: 'meeting_format' } });
  });

  it('checks every text that goes to the customer, not only promises: a time typed with a yield promise is held', () => {
    const turn = turnAt(walking(walkAt('timing', 'trial_time', ['dont_repeat', 'usage', 'need', 'persuade_general'], { need: 'general' }), 'zh'));
    answer(turn, '周三下午两点，保证年化7%');
    expect(turn.state).toMatchObject({ walk: { step: 'trial_time', held: '周三下午两点，保证年化7%' } });
    const note = turnAt(walking(walkAt('timing', 'usage', ['dont_repeat']), 'zh'));
    answer(note, '他说想要保本的'); // a note for the rep's summary never reaches the customer
    expect(note.state).toMatchObject({ walk: { step: 'need' } });
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
