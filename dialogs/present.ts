/**
 * What the rep is looking at: the classification of a quote, the type picker, a walk's step,
 * the summary with its outcome question — each shown from the state, and `showCurrent` to show
 * again whatever the rep should be looking at now (after a stale button, on /start).
 */
import type { Label } from '../data/playbook.ts';
import { helpLines } from './commands.ts';
import { fill, messageBlock, messageOf, summary } from './compose.ts';
import { choicesOf, showBlock } from './pack-view.ts';
import { PRACTICE_MESSAGES } from './practice/messages.ts';
import { showPractice } from './practice-mode.ts';
import { askWhich } from './deals.ts';
import { showProfileStage } from './profile.ts';
import { ICON, type Turn } from './turn.ts';
import type { Button, Quote, Walk } from './types.ts';

/** The help text: what to paste, the words that work at any step, the commands. */
export function showHelp(turn: Turn, intro = true): void {
  // Idle, a button to practise (elsewhere the step's own buttons stay the ones to answer by number).
  const inGroup = turn.input?.type !== 'action' && turn.input?.context === 'group';
  const practise = turn.state.mode === 'idle' && !inGroup ? [turn.button(PRACTICE_MESSAGES[turn.lang].btnPractice, { kind: 'practice' })] : undefined;
  turn.say(turn.m.help({ ...helpLines(turn.lang), intro }), practise);
}

/** The classifier's reason, as a line: the phrases or words it went by. */
export function becauseLine(turn: Turn, quote: Quote): string {
  return quote.matched.length ? `\n${turn.m.because}${quote.matched.map(turn.m.quote).join(turn.m.listSep)}` : '';
}

/** "97% sure", capped below certainty. */
export function confidenceText(turn: Turn, confidence: number): string {
  return turn.m.confidence(Math.min(99, Math.round(confidence * 100)));
}

/** A tagged quote with its type, confidence and reason; start, correct or dismiss. */
export function showClassified(turn: Turn, quote: Quote, label: Label): void {
  const m = turn.m;
  turn.to({ mode: 'classified', quote, label });
  const because = becauseLine(turn, quote);
  if (label === 'none') {
    turn.say(`${ICON.none} ${m.notObjection}${because}`, [turn.button(m.btnActuallyObjection, { kind: 'retype' })]);
    return;
  }
  turn.say(`${ICON[label]} ${turn.labelName(label)} · ${confidenceText(turn, quote.confidence)}${because}`, [
    turn.button(m.btnStart, { kind: 'start' }),
    turn.button(m.btnOtherType, { kind: 'retype' }),
    turn.button(m.btnNotObjection, { kind: 'as', label: 'none' }),
  ]);
}

/** A type's button: its icon and short name (or "not an objection"). */
export function typeButton(turn: Turn, label: Label): Button {
  return turn.button(label === 'none' ? turn.m.btnNotObjection : `${ICON[label]} ${turn.labelShort(label)}`, { kind: 'as', label });
}

/** The rep picks the type among `labels`. */
export function askType(turn: Turn, quote: Quote, label: Label, labels: Label[], prompt = turn.m.chooseType): void {
  turn.to({ mode: 'choosing', quote, label, candidates: labels });
  turn.say(
    prompt,
    labels.map((l) => typeButton(turn, l)),
  );
}

/** Shows a walk's current step: title, advice, the message to send, and its buttons (after `lead`, if any). */
export function showStep(turn: Turn, walk: Walk, lead?: string): void {
  const step = turn.current(walk);
  const { m, lang } = turn;
  const block = step.show ? showBlock(turn.pack, lang, walk, step.show, turn.playbook.walks[walk.objection]) : '';
  const parts = [...(lead ? [lead] : []), `${ICON[walk.objection]} ${m.step(walk.history.length + 1, step.title[lang])}`, [fill(turn, walk, step.say[lang]), block].filter(Boolean).join('\n')];
  const message = messageOf(turn, walk, step);
  if (message) parts.push(`${m.composeHeader}\n${messageBlock(turn, message)}`);
  if (step.ask) parts.push(m.askPrompt + step.ask[lang]);
  const choices = choicesOf(turn.pack, lang, step);
  const buttons: Button[] = choices
    ? choices.map((c) => turn.button(c.label, { kind: 'choice', id: c.id }))
    : [step.ask ? turn.button(m.btnSkip, { kind: 'skip' }) : turn.button(m.btnNext, { kind: 'next' })];
  buttons.push(turn.button(m.btnWhy, { kind: 'command', name: 'why' }), turn.button(m.btnBack, { kind: 'command', name: 'back' }));
  turn.say(parts.join('\n\n'), buttons);
}

/** The finished walk's summary, and how it ended. */
export function showOutcome(turn: Turn, walk: Walk, quote: Quote): void {
  turn.say(summary(turn, walk, quote));
  showOutcomeQuestion(turn);
}

/** How did it end? (booked / still open / lost) */
export function showOutcomeQuestion(turn: Turn): void {
  const m = turn.m;
  turn.say(m.outcomeQuestion, [
    turn.button(m.btnBooked, { kind: 'outcome', outcome: 'booked' }),
    turn.button(m.btnOpen, { kind: 'outcome', outcome: 'open' }),
    turn.button(m.btnLost, { kind: 'outcome', outcome: 'lost' }),
  ]);
}

/** Shows again whatever the rep should be looking at now. */
export function showCurrent(turn: Turn): void {
  const state = turn.state;
  switch (state.mode) {
    case 'walk':
    case 'switch':
      return showStep(turn, state.walk);
    case 'outcome':
      return showOutcome(turn, state.walk, state.quote);
    case 'classified':
      return showClassified(turn, state.quote, state.label);
    case 'choosing':
      return askType(turn, state.quote, state.label, state.candidates.length ? state.candidates : ['timing', 'deal_size', 'trust']);
    case 'profile':
      return showProfileStage(turn);
    case 'practice':
      return showPractice(turn);
    case 'which':
      return askWhich(turn, state.quote, state.label);
    case 'idle':
      return showHelp(turn);
  }
}
