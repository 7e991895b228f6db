/**
 * The coaching walk: start it (asking what the rep sells first, the first time), show and record
 * each step, take the rep's answers — an answer that goes to the customer is checked by the
 * compliance guard and held back when flagged, until the rep uses the rule's alternative, writes
 * it again or uses it anyway (marked, and recorded) — move on by `next`, a choice or a skip, go
 * back, restart, finish with the summary, record the outcome and share the finished walk.
 */
import type { WalkStep } from '../data/playbook.ts';
import { checkCompliance, type ComplianceFinding } from './compliance.ts';
import { sharedScript, summary, walkMessages } from './compose.ts';
import { recordDealOutcome, showWalkEnd } from './deal-views.ts';
import { currentDeal, dealForWalk, offerAlias, walkDone } from './deals.ts';
import { choicesOf } from './pack-view.ts';
import { showClassified, showCurrent, showStep } from './present.ts';
import { askIndustry } from './profile.ts';
import { tooLongForMessage } from './scripts.ts';
import { ICON, type Turn } from './turn.ts';
import { understandTime } from './when.ts';
import type { Objection, Outcome, Quote, StepMark, Walk } from './types.ts';

/** A button that does not fit where the rep is: say so, and show where they are. */
export function staleButton(turn: Turn): void {
  turn.stale();
  showCurrent(turn);
}

/**
 * Starts the walk of `objection` for the quote on the table. A rep who has not said what they
 * sell is asked — or, when the team has a default, given it (said once; /profile changes it).
 */
export function startWalk(turn: Turn, quote: Quote, objection: Objection): void {
  if (!turn.state.profile) {
    const team = turn.deps.team;
    if (!team) return askIndustry(turn, { quote, label: objection });
    turn.state.profile = { ...team, team: true };
    turn.say(turn.m.profileTeam(turn.pack.name[turn.lang], team.product));
  }
  const first = turn.playbook.walks[objection][0];
  if (!first) throw new Error(`the ${objection} walk has no steps`);
  const deal = dealForWalk(turn, quote, objection);
  if (!deal) return; // the rep is asked which customer it is for; the walk starts with the answer
  const walk: Walk = { objection, step: first.id, history: [], answers: {}, held: null };
  turn.to({ mode: 'walk', quote, walk });
  turn.record({ kind: 'walk_started', objection, quote: quote.text });
  enterStep(turn, walk, offerAlias(turn, deal));
}

/** Records the step the walk has reached and shows it (after `lead`, a line above it, if any). */
export function enterStep(turn: Turn, walk: Walk, lead?: string): void {
  turn.record({ kind: 'step', objection: walk.objection, step: walk.step });
  showStep(turn, walk, lead);
}

/** The walk in progress, when the rep is at a step (not switching, not finished). */
function walking(turn: Turn): { walk: Walk; quote: Quote; step: WalkStep } | undefined {
  const state = turn.state;
  return state.mode === 'walk' ? { walk: state.walk, quote: state.quote, step: turn.current(state.walk) } : undefined;
}

/** A typed answer to a step that asks: checked when it goes to the customer, then kept. */
export function answer(turn: Turn, text: string): void {
  const at = walking(turn);
  if (!at?.step.ask) return staleButton(turn);
  const { walk, quote, step } = at;
  const toCustomer = step.slot !== undefined && step.slot !== 'note';
  const findings = toCustomer ? checkCompliance(turn.deps.compliance, text) : [];
  if (findings.length) {
    walk.held = text;
    return showFindings(turn, findings);
  }
  settle(walk, step.id, text);
  if (toCustomer && tooLongForMessage(text, turn.lang, step.slot === 'voice' || step.slot === 'promise' ? 2 : 1)) turn.say(turn.m.tooLongForMessage);
  if (step.slot === 'time' && understandTime(turn, text)) return; // "did I get the date right?" first
  advance(turn, walk, quote);
}

/** A text may be sent as the alternative only when the rule's alternative has nothing to fill in. */
const FILL_IN = /\bX\b|……|…|\.\.\./u;

/** Why a held answer may not go to the customer, what to say instead, and what the rep can do. */
function showFindings(turn: Turn, findings: ComplianceFinding[]): void {
  const { m, lang } = turn;
  const [first] = findings;
  const others = findings.slice(1).map((f) => f.title[lang]).filter((t) => t !== first!.title[lang]);
  const alternative = first!.alternative[lang];
  const text = m.complianceFlag(first!.title[lang], first!.matched, first!.explanation[lang], alternative, FILL_IN.test(alternative), [...new Set(others)]);
  const buttons = [
    ...(FILL_IN.test(alternative) ? [] : [turn.button(m.btnUseAlternative, { kind: 'alt' })]),
    turn.button(m.btnEdit, { kind: 'edit' }),
    turn.button(m.btnUseAnyway, { kind: 'keep' }),
  ];
  turn.say(text, buttons);
}

/** Keeps an answer under its step, with how it was settled (nothing to mark: as typed). */
function settle(walk: Walk, stepId: string, text: string, mark?: StepMark): void {
  walk.answers[stepId] = text;
  const marks = { ...walk.marks };
  if (mark) marks[stepId] = mark;
  else delete marks[stepId];
  walk.marks = marks;
}

/** "Next" on a step without a question or choices. */
export function next(turn: Turn): void {
  const at = walking(turn);
  if (!at || at.step.ask || at.step.choices || at.step.options) return staleButton(turn);
  advance(turn, at.walk, at.quote);
}

/** A choice of the current step (or one of its options); its `next` may branch. */
export function choose(turn: Turn, id: string): void {
  const at = walking(turn);
  const choice = at && choicesOf(turn.pack, turn.lang, at.step)?.find((c) => c.id === id);
  if (!at || !choice) return staleButton(turn);
  at.walk.answers[at.walk.step] = choice.id;
  advance(turn, at.walk, at.quote, choice.next);
}

/** Skips a question (or a held answer). */
export function skip(turn: Turn): void {
  const at = walking(turn);
  if (!at?.step.ask) return staleButton(turn);
  delete at.walk.answers[at.walk.step];
  if (at.walk.marks) delete at.walk.marks[at.walk.step];
  advance(turn, at.walk, at.quote);
}

/** The held answer's compliance findings, when the rep is at one. */
function held(turn: Turn): { at: NonNullable<ReturnType<typeof walking>>; text: string; findings: ComplianceFinding[] } | undefined {
  const at = walking(turn);
  const text = at?.walk.held;
  if (!at || text == null) return undefined;
  return { at, text, findings: checkCompliance(turn.deps.compliance, text) };
}

/** "Use it anyway": the flagged answer is kept, marked in the summary, and recorded. */
export function keep(turn: Turn): void {
  const h = held(turn);
  if (!h) return staleButton(turn);
  const { at, text, findings } = h;
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  settle(at.walk, at.walk.step, text, ruleIds.length ? { override: ruleIds } : undefined);
  for (const ruleId of ruleIds) turn.record({ kind: 'compliance_override', ruleId, objection: at.walk.objection, step: at.walk.step, text });
  turn.say(ruleIds.length ? turn.m.overrideKept : turn.m.riskyPromiseKept);
  advance(turn, at.walk, at.quote);
}

/** "Use the alternative": the rule's compliant wording replaces the flagged answer. */
export function useAlternative(turn: Turn): void {
  const h = held(turn);
  const alternative = h?.findings[0]?.alternative[turn.lang];
  if (!h || !alternative || FILL_IN.test(alternative)) return staleButton(turn);
  settle(h.at.walk, h.at.walk.step, alternative, { alternative: true });
  advance(turn, h.at.walk, h.at.quote);
}

/** "Edit": the flagged answer is dropped; the rep writes it again. */
export function edit(turn: Turn): void {
  const h = held(turn);
  if (!h) return staleButton(turn);
  h.at.walk.held = null;
  turn.say(turn.m.editPrompt + (h.at.step.ask?.[turn.lang] ?? ''), [turn.button(turn.m.btnSkip, { kind: 'skip' })]);
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

/**
 * The walk is done: the summary, the messages kept on the deal, its follow-ups planned — and
 * "send it, then tap Sent": how it went is asked after the message went out (by a reminder,
 * or at once when none will ask).
 */
export function finish(turn: Turn, walk: Walk, quote: Quote): void {
  turn.to({ mode: 'outcome', quote, walk });
  turn.record({ kind: 'walk_finished', objection: walk.objection });
  turn.state.lastWalk = { objection: walk.objection, quote: quote.text, script: sharedScript(turn, walk) };
  const deal = walkDone(turn, walk, walkMessages(turn, walk).map(({ message }) => message.text));
  turn.say(summary(turn, walk, quote));
  showWalkEnd(turn, deal);
}

/** How it ended: recorded (on its deal too); then ready for the next quote (and a finished walk may be shared). */
export function recordOutcome(turn: Turn, outcome: Outcome): void {
  const state = turn.state;
  if (state.mode !== 'outcome') return staleButton(turn);
  const deal = currentDeal(turn);
  if (deal && !deal.closed) recordDealOutcome(turn, deal, outcome);
  else turn.record({ kind: 'outcome', objection: state.walk.objection, outcome });
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
