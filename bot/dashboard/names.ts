/**
 * What a transcript shows instead of the engine's internal ids: a walk step's title for its id
 * (`dont_repeat` → "Stop repeating the pitch"), and for a pressed button the label the rep saw
 * (`c:special` → "Special", `out:booked` → "Booked"), in the manager's language. An id the
 * playbook does not know (an old walk, a renamed step) is shown as it is.
 */
import { LABELS, OBJECTIONS, type Label, type Lang, type Objection, type Playbook, type WalkStep } from '../../data/playbook.ts';
import { MESSAGES } from '../../dialogs/messages.ts';

const isObjection = (label: string | null | undefined): label is Objection => (OBJECTIONS as readonly (string | null | undefined)[]).includes(label);

/** The short name of a label ("Timing" / "时间"), or the text as given when it is not a label. */
export function labelName(playbook: Playbook, lang: Lang, label: string | null | undefined): string {
  return label && (LABELS as readonly string[]).includes(label) ? playbook.labels[label as Label].short[lang] : (label ?? '');
}

function findStep(playbook: Playbook, objection: string | null | undefined, id: string): WalkStep | undefined {
  const walks = isObjection(objection) ? [playbook.walks[objection]] : OBJECTIONS.map((o) => playbook.walks[o]);
  for (const walk of walks) {
    const step = walk.find((s) => s.id === id);
    if (step) return step;
  }
  return undefined;
}

/** A walk step's title. */
export function stepTitle(playbook: Playbook, lang: Lang, objection: string | null | undefined, stepId: string | null | undefined): string {
  if (!stepId) return '';
  return (findStep(playbook, objection, stepId) ?? findStep(playbook, undefined, stepId))?.title[lang] ?? stepId;
}

/** Where in the conversation a button was pressed: the walk and step shown last, and the last classification. */
export interface ButtonContext {
  objection?: string | null;
  step?: string | null;
  classifiedAs?: string | null;
}

/** The label of the button whose action id is `action`. */
export function buttonLabel(playbook: Playbook, lang: Lang, action: string | null | undefined, at: ButtonContext = {}): string {
  if (!action) return '';
  const m = MESSAGES[lang];
  const colon = action.indexOf(':');
  const verb = colon < 0 ? action : action.slice(0, colon);
  const arg = colon < 0 ? '' : action.slice(colon + 1);
  switch (verb) {
    case 'go':
      return m.btnStart;
    case 'fix':
      return at.classifiedAs === 'none' ? m.btnActuallyObjection : m.btnOtherType;
    case 'as':
      return arg === 'none' ? m.btnNotObjection : labelName(playbook, lang, arg);
    case 'next':
      return m.btnNext;
    case 'skip':
      return m.btnSkip;
    case 'why':
      return m.btnWhy;
    case 'back':
      return m.btnBack;
    case 'keep':
      return m.btnKeep;
    case 'tip':
      return m.btnAnotherTip;
    case 'share':
      return m.btnShare;
    case 'sw':
      return arg === 'yes' ? m.btnSwitch : m.btnStay;
    case 'out':
      return ({ booked: m.btnBooked, open: m.btnOpen, lost: m.btnLost } as Record<string, string>)[arg] ?? action;
    case 'kb':
      return Object.hasOwn(playbook.knowledge.topics, arg) ? playbook.knowledge.topics[arg]!.title[lang] : action;
    case 'c': {
      const here = at.step ? findStep(playbook, at.objection, at.step)?.choices?.find((c) => c.id === arg) : undefined;
      const anywhere = OBJECTIONS.flatMap((o) => playbook.walks[o]).flatMap((s) => s.choices ?? []).find((c) => c.id === arg);
      return (here ?? anywhere)?.label[lang] ?? action;
    }
    default:
      return action;
  }
}
