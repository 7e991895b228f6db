/**
 * Composition: the rep's answers put into the playbook's texts — a step's advice and its
 * ready-to-send message ({{step}} / {{step|fallback}} placeholders), the summary the rep copies
 * at the end, and the script a finished walk shares with the team.
 */
import type { Lang, Playbook, WalkStep } from '../data/playbook.ts';
import type { Messages } from './messages/index.ts';
import type { Quote, Walk } from './types.ts';

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|([^}]*))?\}\}/g;
/** What an unanswered placeholder without a fallback shows. */
export const BLANK = '____';

/** Replaces {{step}} / {{step|fallback}} with the rep's answers (a chosen choice by its label). */
export function fill(playbook: Playbook, walk: Walk, template: string, lang: Lang): string {
  return template.replace(PLACEHOLDER, (_, id: string, fallback?: string) => {
    const answer = walk.answers[id];
    if (answer === undefined) return fallback?.trim() || BLANK;
    const step = playbook.walks[walk.objection].find((s) => s.id === id);
    const choice = step?.choices?.find((c) => c.id === answer);
    return choice ? choice.label[lang] : answer;
  });
}

/** The steps the walk has gone through, in order. */
function passed(playbook: Playbook, walk: Walk): WalkStep[] {
  const steps = playbook.walks[walk.objection];
  return walk.history.flatMap((id) => steps.filter((s) => s.id === id));
}

/** The last ready-to-send message of the walk, filled with the rep's answers. */
export function lastScript(playbook: Playbook, walk: Walk, lang: Lang): string | null {
  const last = passed(playbook, walk)
    .filter((s) => s.compose)
    .at(-1);
  return last?.compose ? fill(playbook, walk, last.compose[lang], lang) : null;
}

/** The walk in a few lines the rep can copy into a CRM or a team chat. */
export function summary(playbook: Playbook, walk: Walk, quote: Quote, lang: Lang, m: Messages): string {
  const lines = [m.summaryHeader, `${m.summaryType}${playbook.labels[walk.objection].name[lang]}`];
  if (quote.text) lines.push(`${m.summaryQuote}${m.quote(quote.text)}`);
  for (const step of passed(playbook, walk)) {
    if (walk.answers[step.id] !== undefined && (step.ask || step.choices)) lines.push(`· ${step.title[lang]}${m.colon}${fill(playbook, walk, `{{${step.id}}}`, lang)}`);
  }
  const script = lastScript(playbook, walk, lang);
  if (script) lines.push('', m.composeHeader, script);
  return lines.join('\n');
}
