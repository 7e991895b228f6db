/**
 * Composition: the rep's answers put into the walk — a step's advice ({{step}} / {{step|fallback}}
 * placeholders), each step's ready-to-send message (scripts.ts, or a playbook `compose`
 * template), the summary the rep copies at the end (every answer, and every message the walk
 * composed, labelled and marked where the rep overrode the compliance guard), and the messages
 * a finished walk shares with the team.
 */
import type { Lang, WalkStep } from '../data/playbook.ts';
import { choicesOf } from './pack-view.ts';
import { composeMessage, type Composed } from './scripts.ts';
import type { Turn } from './turn.ts';
import type { Quote, Walk } from './types.ts';

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|([^}]*))?\}\}/g;
/** What an unanswered placeholder without a fallback shows. */
export const BLANK = '____';

/** The rep's answer to a step as the rep reads it: a choice by its label, else what was typed. */
export function answerLabel(turn: Turn, walk: Walk, stepId: string): string | undefined {
  const answer = walk.answers[stepId];
  const step = turn.step(walk.objection, stepId);
  if (answer === undefined || !step) return answer;
  return choicesOf(turn.pack, turn.lang, step)?.find((c) => c.id === answer)?.label ?? answer;
}

/** Replaces {{step}} / {{step|fallback}} with the rep's answers (a chosen choice by its label). */
export function fill(turn: Turn, walk: Walk, template: string): string {
  return template.replace(PLACEHOLDER, (_, id: string, fallback?: string) => answerLabel(turn, walk, id) ?? (fallback?.trim() || BLANK));
}

/** The step's ready-to-send message for the walk so far, if the step has one. */
export function messageOf(turn: Turn, walk: Walk, step: WalkStep): Composed | null {
  if (step.message) return composeMessage({ pack: turn.pack, product: turn.product, lang: turn.lang, walk }, step.message);
  if (step.compose) return { text: fill(turn, walk, step.compose[turn.lang]), droppedPersonalData: false, overrides: [] };
  return null;
}

/** The steps the walk has gone through, in order. */
function passed(turn: Turn, walk: Walk): WalkStep[] {
  return walk.history.flatMap((id) => turn.step(walk.objection, id) ?? []);
}

/** Every message the walk composed, in order, with the step that composed it. */
export function walkMessages(turn: Turn, walk: Walk): { step: WalkStep; message: Composed }[] {
  return passed(turn, walk).flatMap((step) => {
    const message = messageOf(turn, walk, step);
    return message ? [{ step, message }] : [];
  });
}

/** A message as shown to the rep: the text, then what to check before sending it. */
export function messageBlock(turn: Turn, message: Composed): string {
  const { m } = turn;
  const lines = [message.text];
  for (const ruleId of message.overrides) {
    const rule = turn.deps.compliance.rules.find((r) => r.id === ruleId);
    lines.push(m.overrideMark(rule?.title[turn.lang] ?? ruleId));
  }
  if (message.droppedPersonalData) lines.push(m.personalDataNote);
  return lines.join('\n');
}

/** The walk in a few lines the rep can copy into a CRM or a team chat. */
export function summary(turn: Turn, walk: Walk, quote: Quote): string {
  const { m, lang, playbook } = turn;
  const lines = [m.summaryHeader, `${m.summaryType}${playbook.labels[walk.objection].name[lang]}`];
  const profile = turn.profile;
  if (profile) lines.push(m.summaryProfile(turn.pack.name[lang], profile.product));
  if (quote.text) lines.push(`${m.summaryQuote}${m.quote(quote.text)}`);
  for (const step of passed(turn, walk)) {
    const answer = answerLabel(turn, walk, step.id);
    // A flagged answer used anyway stays marked where it is listed too, not only in its message.
    const overridden = walk.marks?.[step.id]?.override?.length ? ' ⚠️' : '';
    if (answer !== undefined && (step.ask || step.choices || step.options)) lines.push(`· ${step.title[lang]}${m.colon}${answer}${overridden}`);
  }
  const messages = walkMessages(turn, walk);
  if (messages.length) lines.push('', m.summaryMessages);
  messages.forEach(({ step, message }, i) => lines.push('', `${i + 1}. ${step.title[lang]}`, messageBlock(turn, message)));
  return lines.join('\n');
}

/** The messages of a finished walk, for the team post: each labelled by its step. */
export function sharedScript(turn: Turn, walk: Walk, lang: Lang = turn.lang): string | null {
  const messages = walkMessages(turn, walk);
  if (!messages.length) return null;
  return messages.map(({ step, message }) => `${step.title[lang]}${turn.m.colon}\n${message.text}`).join('\n\n');
}
