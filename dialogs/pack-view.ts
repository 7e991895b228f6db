/**
 * What a walk step shows the rep from their industry pack: the block under the step's advice
 * (`show`: usage questions, the needs' hints, the tactic of the habit or symptom chosen, typical
 * downsides, the promises that fit) and the buttons a step offers (its `choices`, those the
 * pack has a text for, or `options` made from a pack list).
 */
import type { IndustryPack } from '../data/industries.ts';
import type { Lang, WalkShow, WalkStep } from '../data/playbook.ts';
import type { Walk } from './types.ts';

/** A step's choice, as a button will show it. */
export interface StepChoice {
  id: string;
  label: string;
  next?: string;
}

type Habit = keyof IndustryPack['deal_size']['habits'];
type Symptom = keyof IndustryPack['trust']['symptoms'];

/** The rep-facing block a step shows from the pack, or '' when it needs an answer not given. */
export function showBlock(pack: IndustryPack, lang: Lang, walk: Walk, show: WalkShow, steps: readonly WalkStep[]): string {
  const labelOf = (stepId: string, choiceId: string) => steps.find((s) => s.id === stepId)?.choices?.find((c) => c.id === choiceId)?.label[lang] ?? choiceId;
  const colon = lang === 'zh' ? '：' : ': ';
  switch (show) {
    case 'usage_questions':
      return pack.timing.usage_questions[lang].map((q, i) => `${i + 1}. ${q}`).join('\n');
    case 'need_hints':
      return (['general', 'special', 'social'] as const).map((need) => `· ${labelOf('need', need)}${colon}${pack.timing.needs[need].hint[lang]}`).join('\n');
    case 'habit_tactic':
      return pack.deal_size.habits[walk.answers.habit as Habit]?.tactic[lang] ?? '';
    case 'downsides':
      return pack.deal_size.downsides[lang].map((d) => `· ${d}`).join('\n');
    case 'symptom_tactic':
      return pack.trust.symptoms[walk.answers.symptom as Symptom]?.tactic[lang] ?? '';
    case 'promises':
      return pack.trust.promises.map((p) => `· ${labelOf('promise', p.kind)}${colon}${p.text[lang]}`).join('\n');
  }
}

/** The choices a step offers for this pack: its own (a promise kind only if the pack has it), or options. */
export function choicesOf(pack: IndustryPack, lang: Lang, step: WalkStep): StepChoice[] | undefined {
  if (step.options === 'meeting_formats') return pack.trust.meeting_formats[lang].map((label, i) => ({ id: `o${i + 1}`, label }));
  if (!step.choices) return undefined;
  const kinds = new Set<string>(pack.trust.promises.map((p) => p.kind));
  // A step that shows the pack's promises offers only the kinds the pack has (and the rep's own).
  const fits = (id: string) => step.show !== 'promises' || id === 'own' || kinds.has(id);
  return step.choices.filter((c) => fits(c.id)).map((c) => ({ id: c.id, label: c.label[lang], ...(c.next ? { next: c.next } : {}) }));
}
