/**
 * A time the rep types at a walk's time question ("周六上午10点", "Tuesday 7pm") is read in the
 * rep's time zone (intents/dates.ts) and shown back for a yes: right, or change it. The words
 * stay as typed in the customer message; the understood moment goes on the deal and sets its
 * follow-ups. Without the caller's clock, nothing is read and the walk goes on as before.
 */
import { parseWhen } from '../intents/dates.ts';
import { dateText, zoneOf } from './followups.ts';
import type { Turn } from './turn.ts';
import { advance, staleButton } from './walk.ts';

/** Reads a time answer; true when a confirmation was asked (the walk waits for it). */
export function understandTime(turn: Turn, text: string): boolean {
  const state = turn.state;
  if (!turn.clock || state.mode !== 'walk') return false;
  const walk = state.walk;
  const found = parseWhen(text, { now: new Date(turn.clock.now), timeZone: zoneOf(turn) });
  if (!found || found.at.getTime() <= turn.clock.now) {
    delete walk.when;
    return false;
  }
  const d = turn.m.deals;
  walk.when = { at: found.at.getTime(), text: found.text, confirmed: false };
  turn.say(d.whenConfirm(dateText(turn, walk.when.at)), [turn.button(d.btnRight, { kind: 'when', ok: true }), turn.button(d.btnChange, { kind: 'when', ok: false })]);
  return true;
}

/** "Right": the date is kept and the walk goes on. "Change": the time question again. */
export function confirmWhen(turn: Turn, ok: boolean): void {
  const state = turn.state;
  if (state.mode !== 'walk' || !state.walk.when || state.walk.when.confirmed) return staleButton(turn);
  const { walk, quote } = state;
  const step = turn.current(walk);
  if (ok) {
    walk.when = { ...state.walk.when, confirmed: true };
    return advance(turn, walk, quote);
  }
  delete walk.when;
  delete walk.answers[walk.step];
  turn.say(turn.m.deals.whenAgain + (step.ask?.[turn.lang] ?? ''), [turn.button(turn.m.btnSkip, { kind: 'skip' })]);
}
