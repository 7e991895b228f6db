/**
 * Classification in the walk's terms: a customer quote is tagged and opens a dialog; the rep
 * starts the walk, corrects the type or dismisses it; a quote pasted mid-walk asks "switch to
 * it?". In a group the answer is one short message; the walk goes on where the rep continues.
 */
import { LABELS, type Label } from '../data/playbook.ts';
import type { Classification } from '../intents/classifier.ts';
import { parkWalk } from './deals.ts';
import { askType, confidenceText, showClassified, showStep, typeButton } from './present.ts';
import { ICON, type Turn } from './turn.ts';
import type { ChatContext, PendingQuote, Quote } from './types.ts';
import { staleButton, startWalk } from './walk.ts';

/** Classifies a text and records it for the audit log. */
export function classify(turn: Turn, text: string): PendingQuote {
  const result: Classification = turn.deps.classifier.classify(text);
  turn.record({
    kind: 'classified',
    quote: text,
    label: result.label,
    confidence: result.confidence,
    unsure: result.unsure,
    matched: result.matched,
    classifierVersion: result.version,
  });
  return { text, predicted: result.label, confidence: result.confidence, matched: result.matched, unsure: result.unsure, candidates: result.candidates };
}

/** A new customer quote is on the table: a new dialog begins, named by this turn. */
export function beginDialog(turn: Turn, quote: PendingQuote): void {
  const dialog = turn.turnId ?? `${turn.state.dialog ?? 'd'}+`;
  turn.state.dialog = dialog;
  turn.record({ kind: 'dialog_started', dialog, quote: quote.text, predicted: quote.predicted, confidence: quote.confidence, lang: turn.lang });
}

/** Shows a fresh classification: the type to start with, or the likely types when unsure. */
export function present(turn: Turn, result: PendingQuote): void {
  const quote: Quote = { text: result.text, predicted: result.predicted, confidence: result.confidence, matched: result.matched };
  if (result.unsure) {
    const labels: Label[] = result.candidates.includes('none') ? result.candidates : [...result.candidates, 'none'];
    return askType(turn, quote, result.predicted, labels, turn.m.unsure);
  }
  showClassified(turn, quote, result.predicted);
}

/** A customer quote: classified, a new dialog, and the answer (one short message in a group). */
export function newQuote(turn: Turn, text: string, context: ChatContext = 'private'): void {
  const result = classify(turn, text);
  beginDialog(turn, result);
  if (context === 'group') return groupAnswer(turn, result);
  present(turn, result);
}

/**
 * The answer in a team group: one message with the type and its technique, no correction
 * buttons; a button to start (or to pick among the likely types) where the walk can go on.
 */
export function groupAnswer(turn: Turn, result: PendingQuote): void {
  const m = turn.m;
  const { predicted, unsure } = result;
  const quote: Quote = { text: result.text, predicted, confidence: result.confidence, matched: result.matched };
  const candidates: Label[] = result.candidates.includes('none') ? result.candidates : [...result.candidates, 'none'];
  if (unsure) turn.to({ mode: 'choosing', quote, label: predicted, candidates });
  else turn.to({ mode: 'classified', quote, label: predicted });
  const head = unsure ? `🤔 ${result.candidates.map((c) => turn.labelName(c)).join(' / ')}` : `${ICON[predicted]} ${turn.labelName(predicted)} · ${confidenceText(turn, result.confidence)}`;
  const technique = predicted === 'none' ? m.notObjectionShort : m.why + turn.technique(predicted);
  const buttons = unsure
    ? result.candidates.filter((c) => c !== 'none').map((c) => typeButton(turn, c))
    : predicted === 'none'
      ? []
      : [turn.button(m.btnStart, { kind: 'start' })];
  turn.say(`${head}\n${technique}`, buttons);
}

/** "Start coaching" on a tagged quote. */
export function startCoaching(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'classified' || state.label === 'none') return staleButton(turn);
  startWalk(turn, state.quote, state.label);
}

/** "Other type": the types other than the one shown. */
export function retype(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'classified' && state.mode !== 'choosing') return staleButton(turn);
  askType(turn, state.quote, state.label, LABELS.filter((l) => l !== state.label));
}

/** The rep's choice of type: a correction when it differs from the prediction, then the walk. */
export function chooseType(turn: Turn, label: Label): void {
  const state = turn.state;
  if (state.mode !== 'classified' && state.mode !== 'choosing') return staleButton(turn);
  const { quote } = state;
  if (label !== quote.predicted) {
    turn.record({ kind: 'corrected', quote: quote.text, from: quote.predicted, to: label });
    if (label !== 'none') turn.say(turn.m.correction(turn.labelName(quote.predicted), turn.labelName(label)));
  }
  if (label === 'none') {
    turn.to({ mode: 'idle' });
    return turn.say(turn.m.correctedToNone);
  }
  startWalk(turn, quote, label);
}

/** A new quote pasted mid-walk: classified, and "switch to it?". */
export function offerSwitch(turn: Turn, text: string): void {
  const state = turn.state;
  if (state.mode !== 'walk' && state.mode !== 'switch') return staleButton(turn);
  const pending = classify(turn, text);
  turn.to({ mode: 'switch', quote: state.quote, walk: state.walk, pending });
  showSwitchQuestion(turn);
}

/** "A new customer quote? Switch to it?" for the quote pending (again, after an acknowledgement). */
export function showSwitchQuestion(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'switch') return;
  turn.say(turn.m.switchQuestion(typeNames(turn, state.pending)), [turn.button(turn.m.btnSwitch, { kind: 'switch', to: true }), turn.button(turn.m.btnStay, { kind: 'switch', to: false })]);
}

/** The type a pending quote looks like: its name, or the likely types' names when unsure (never "?"). */
function typeNames(turn: Turn, pending: PendingQuote): string {
  if (!pending.unsure) return turn.labelName(pending.predicted);
  return pending.candidates.filter((c) => c !== 'none').map((c) => turn.labelName(c)).join(' / ') || turn.labelName(pending.predicted);
}

/** How sure the classifier must be before an answer typed at a question is asked about (a rep's notes often sound like objections). */
export const NEW_QUOTE_CONFIDENCE = 0.85;
/** A text about the customer in the third person ("she wants…", "他说…") is the rep's note, not a quote. */
const THIRD_PERSON = /^(?:(?:the\s+)?(?:customer|client|prospect)s?|he|she|they|his|her|their)\b|^(?:他|她|客户|顾客|对方)/iu;

/**
 * A text typed at a question that reads, with confidence, as a new customer objection: is it
 * the answer, or a new quote? (Classified and recorded only when asked.)
 */
export function answerOrQuote(turn: Turn, text: string): boolean {
  const state = turn.state;
  if (state.mode !== 'walk') return false;
  if (THIRD_PERSON.test(text.trim())) return false; // the rep's note about the customer: an answer
  const guess = turn.deps.classifier.classify(text);
  if (guess.unsure || guess.label === 'none' || guess.confidence < NEW_QUOTE_CONFIDENCE) return false;
  const pending = classify(turn, text);
  turn.to({ mode: 'switch', quote: state.quote, walk: state.walk, pending });
  turn.say(turn.m.answerOrQuote(turn.labelName(pending.predicted)), [
    turn.button(turn.m.btnMyAnswer, { kind: 'answer' }),
    turn.button(turn.m.btnNewQuote, { kind: 'switch', to: true }),
  ]);
  return true;
}

/** "It's my answer": back to the question, with the text as its answer. */
export function takeAsAnswer(turn: Turn): string | undefined {
  const state = turn.state;
  if (state.mode !== 'switch') return undefined;
  turn.to({ mode: 'walk', quote: state.quote, walk: state.walk });
  return state.pending.text;
}

/** The answer to "switch to it?": the new quote's dialog and classification, or back to the step. */
export function answerSwitch(turn: Turn, to: boolean): void {
  const state = turn.state;
  if (state.mode !== 'switch') return staleButton(turn);
  if (to) {
    parkWalk(turn); // the walk waits on its deal, to be resumed from /deals
    beginDialog(turn, state.pending);
    return present(turn, state.pending);
  }
  turn.to({ mode: 'walk', quote: state.quote, walk: state.walk });
  turn.say(turn.m.stayed);
  showStep(turn, state.walk);
}
