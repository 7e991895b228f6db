/**
 * The coaching walk: start it, show and record each step, take the rep's answers (held back
 * when a check flags them), move on by `next`, a choice or a skip, go back, restart, finish
 * with the summary, record the outcome and share the finished walk with the team.
 */
import type { WalkStep } from '../data/playbook.ts';
import { lastScript } from './compose.ts';
import { showClassified, showCurrent, showOutcome, showStep } from './present.ts';
import { ICON, type Turn } from './turn.ts';
import type { Objection, Outcome, Quote, Walk } from './types.ts';

/** A button that does not fit where the rep is: say so, and show where they are. */
export function staleButton(turn: Turn): void {
  turn.stale();
  showCurrent(turn);
}

/** Starts the walk of `objection` for the quote on the table. */
export function startWalk(turn: Turn, quote: Quote, objection: Objection): void {
  const first = turn.playbook.walks[objection][0];
  if (!first) throw new Error(`the ${objection} walk has no steps`);
  const walk: Walk = { objection, step: first.id, history: [], answers: {}, held: null };
  turn.to({ mode: 'walk', quote, walk });
  turn.record({ kind: 'walk_started', objection, quote: quote.text });
  enterStep(turn, walk);
}

/** Records the step the walk has reached and shows it. */
export function enterStep(turn: Turn, walk: Walk): void {
  turn.record({ kind: 'step', objection: walk.objection, step: walk.step });
  showStep(turn, walk);
}

/** The walk in progress, when the rep is at a step (not switching, not finished). */
function walking(turn: Turn): { walk: Walk; quote: Quote; step: WalkStep } | undefined {
  const state = turn.state;
  return state.mode === 'walk' ? { walk: state.walk, quote: state.quote, step: turn.current(state.walk) } : undefined;
}

/** A typed answer to a step that asks: checked, then kept under the step's id. */
export function answer(turn: Turn, text: string): void {
  const at = walking(turn);
  if (!at?.step.ask) return staleButton(turn);
  const { walk, quote, step } = at;
  const check = step.check ? turn.playbook.knowledge.checks[step.check] : undefined;
  const matcher = step.check ? turn.deps.checks.get(step.check) : undefined;
  if (check && matcher?.findIn(text).some((hit) => !hit.negated)) {
    walk.held = text;
    turn.say(`⚠️ ${check.warn[turn.lang]}`, [turn.button(turn.m.btnKeep, { kind: 'keep' }), turn.button(turn.m.btnSkip, { kind: 'skip' })]);
    return;
  }
  walk.answers[walk.step] = text;
  advance(turn, walk, quote);
}

/** "Next" on a step without a question or choices. */
export function next(turn: Turn): void {
  const at = walking(turn);
  if (!at || at.step.ask || at.step.choices) return staleButton(turn);
  advance(turn, at.walk, at.quote);
}

/** A choice of the current step; its `next` may branch. */
export function choose(turn: Turn, id: string): void {
  const at = walking(turn);
  const choice = at?.step.choices?.find((c) => c.id === id);
  if (!at || !choice) return staleButton(turn);
  at.walk.answers[at.walk.step] = choice.id;
  advance(turn, at.walk, at.quote, choice.next);
}

/** Skips a question (or a held answer). */
export function skip(turn: Turn): void {
  const at = walking(turn);
  if (!at?.step.ask) return staleButton(turn);
  delete at.walk.answers[at.walk.step];
  advance(turn, at.walk, at.quote);
}

/** Keeps an answer a check held back. */
export function keep(turn: Turn): void {
  const at = walking(turn);
  if (at?.walk.held == null) return staleButton(turn);
  at.walk.answers[at.walk.step] = at.walk.held;
  turn.say(turn.m.riskyPromiseKept);
  advance(turn, at.walk, at.quote);
}

/** Moves to `target`, else the step's `next`, else the following step; past the end, the summary. */
export function advance(turn: Turn, walk: Walk, quote: Quote, target?: string): void {
  const steps = turn.playbook.walks[walk.objection];
  const current = turn.current(walk);
  const nextId = target ?? current.next ?? steps[steps.indexOf(current) + 1]?.id;
  walk.held = null;
  walk.history.push(walk.step);
  if (!nextId) return finish(turn, walk, quote);
  walk.step = nextId;
  enterStep(turn, walk);
}

/** The walk is done: the summary, and how did it end? */
export function finish(turn: Turn, walk: Walk, quote: Quote): void {
  turn.to({ mode: 'outcome', quote, walk });
  turn.record({ kind: 'walk_finished', objection: walk.objection });
  turn.state.lastWalk = { objection: walk.objection, quote: quote.text, script: lastScript(turn.playbook, walk, turn.lang) };
  showOutcome(turn, walk, quote);
}

/** How it ended: recorded; then ready for the next quote (and a finished walk may be shared). */
export function recordOutcome(turn: Turn, outcome: Outcome): void {
  const state = turn.state;
  if (state.mode !== 'outcome') return staleButton(turn);
  turn.record({ kind: 'outcome', objection: state.walk.objection, outcome });
  turn.to({ mode: 'idle' });
  turn.say(turn.m.outcomeThanks[outcome], outcome === 'lost' ? undefined : [turn.button(turn.m.btnShare, { kind: 'share' })]);
}

/** One step back: from the first step, the classification again; from a switch question, the step. */
export function back(turn: Turn): void {
  const state = turn.state;
  if (state.mode === 'switch') {
    turn.to({ mode: 'walk', quote: state.quote, walk: state.walk });
    return showStep(turn, state.walk);
  }
  if (state.mode !== 'walk' && state.mode !== 'outcome') return showCurrent(turn);
  const { walk, quote } = state;
  turn.to({ mode: 'walk', quote, walk });
  const previous = walk.history.pop();
  if (previous === undefined) return showClassified(turn, quote, walk.objection);
  walk.held = null;
  walk.step = previous;
  enterStep(turn, walk);
}

/** The walk from its first step again. */
export function restart(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'walk' && state.mode !== 'switch' && state.mode !== 'outcome') return turn.say(turn.m.nothingToCancel);
  turn.say(turn.m.restarted);
  startWalk(turn, state.quote, state.walk.objection);
}

/** Posts the last finished walk to the team: the type, the technique and the rep's script. */
export function share(turn: Turn): void {
  const last = turn.state.lastWalk;
  const m = turn.m;
  if (!last) {
    turn.record({ kind: 'rejected', reason: 'stale_button' });
    return turn.say(m.nothingToShare);
  }
  const lines = [m.teamPostHeader, `${ICON[last.objection]} ${turn.labelName(last.objection)}`, m.quote(last.quote), `${m.why}${turn.technique(last.objection)}`];
  if (last.script) lines.push('', m.composeHeader, last.script);
  const origin = turn.state.origin;
  turn.reply({ kind: 'team_post', text: lines.join('\n'), ...(origin ? { teamChat: origin } : {}) });
  turn.state.lastWalk = null;
  turn.reply({ kind: 'share_confirmation', text: m.shared });
}
