/** Classification in the walk's terms, with a classifier that answers what each test says. */
import { describe, expect, it } from 'vitest';
import { answerSwitch, chooseType, newQuote, offerSwitch, retype } from '../../dialogs/classify.ts';
import { depsWith, quote, textOf, turnAt, walkAt, walking } from './fixtures.ts';

describe('a new quote', () => {
  it('is tagged, opens a dialog and offers start / other type / not an objection', () => {
    const turn = turnAt(undefined, depsWith('trust', { matched: ['never meet'] }), 'turn-9');
    newQuote(turn, "we never meet the boss");
    expect(turn.state).toMatchObject({ mode: 'classified', label: 'trust', dialog: 'turn-9', quote: { text: 'we never meet the boss', predicted: 'trust' } });
    expect(turn.events.map((e) => e.kind)).toEqual(['classified', 'dialog_started']);
    expect(textOf(turn)).toContain('Why: "never meet"');
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['go', 'fix', 'as:none']);
  });

  it('when the classifier is unsure, offers the likely types and "not an objection"', () => {
    const turn = turnAt(undefined, depsWith('timing', { candidates: ['timing', 'deal_size'] }));
    newQuote(turn, 'too expensive, let me think');
    expect(turn.state).toMatchObject({ mode: 'choosing', candidates: ['timing', 'deal_size', 'none'] });
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['as:timing', 'as:deal_size', 'as:none']);
  });
});

describe('the rep corrects the type', () => {
  it('records a correction from the prediction and starts the chosen walk', () => {
    const turn = turnAt({ ...turnAt().state, mode: 'classified', quote: quote('next time', 'timing'), label: 'timing' });
    retype(turn);
    expect(turn.replies[0]!.buttons?.map((b) => b.action)).toEqual(['as:deal_size', 'as:trust', 'as:none']);
    chooseType(turn, 'trust');
    expect(turn.events).toContainEqual({ kind: 'corrected', quote: 'next time', from: 'timing', to: 'trust' });
    expect(turn.state).toMatchObject({ mode: 'walk', walk: { objection: 'trust' } });
  });

  it('"not an objection" ends it there', () => {
    const turn = turnAt({ ...turnAt().state, mode: 'classified', quote: quote('next time', 'timing'), label: 'timing' });
    chooseType(turn, 'none');
    expect(turn.state.mode).toBe('idle');
    expect(textOf(turn)).toBe('Noted: not an objection.');
  });
});

describe('a quote pasted mid-walk', () => {
  it('asks to switch; switching opens a new dialog, staying goes back to the step', () => {
    const at = walking(walkAt('timing', 'dont_repeat'));
    const ask = turnAt(at, depsWith('deal_size'), 'turn-2');
    offerSwitch(ask, 'too expensive');
    expect(ask.state).toMatchObject({ mode: 'switch', pending: { text: 'too expensive', predicted: 'deal_size' } });
    expect(ask.events.map((e) => e.kind)).toEqual(['classified']);

    const yes = turnAt(ask.state, depsWith('deal_size'), 'turn-3');
    answerSwitch(yes, true);
    expect(yes.state).toMatchObject({ mode: 'classified', label: 'deal_size', dialog: 'turn-3', quote: { text: 'too expensive' } });
    expect(yes.events).toContainEqual(expect.objectContaining({ kind: 'dialog_started', dialog: 'turn-3', quote: 'too expensive' }));

    const no = turnAt(ask.state);
    answerSwitch(no, false);
    expect(no.state).toMatchObject({ mode: 'walk', walk: { step: 'dont_repeat' } });
    expect(textOf(no)).toContain('OK, back to the current step');
  });
});
