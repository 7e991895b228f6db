/**
 * What a transcript shows instead of the engine's internal ids: a walk step's title for its id
 * (`dont_repeat` → "Stop repeating the pitch"), and for a pressed button the label the rep saw
 * (`c:special` → "Special", `out:booked` → "Booked"), in the manager's language. An id the
 * playbook does not know (an old walk, a renamed step) is shown as it is.
 */
import { LABELS, OBJECTIONS, type Label, type Lang, type Objection, type Playbook, type WalkStep } from '../../data/playbook.ts';
import { decodeAction } from '../../dialogs/actions.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';

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
  const decoded = decodeAction(action);
  if (!decoded) return action;
  switch (decoded.kind) {
    case 'start':
      return m.btnStart;
    case 'retype':
      return at.classifiedAs === 'none' ? m.btnActuallyObjection : m.btnOtherType;
    case 'as':
      return decoded.label === 'none' ? m.btnNotObjection : labelName(playbook, lang, decoded.label);
    case 'next':
      return m.btnNext;
    case 'skip':
      return m.btnSkip;
    case 'keep':
      return m.btnKeep;
    case 'share':
      return m.btnShare;
    case 'switch':
      return decoded.to ? m.btnSwitch : m.btnStay;
    case 'outcome':
      return { booked: m.btnBooked, open: m.btnOpen, lost: m.btnLost }[decoded.outcome];
    case 'topic':
      return Object.hasOwn(playbook.knowledge.topics, decoded.topic) ? playbook.knowledge.topics[decoded.topic]!.title[lang] : action;
    case 'choice': {
      const here = at.step ? findStep(playbook, at.objection, at.step)?.choices?.find((c) => c.id === decoded.id) : undefined;
      const anywhere = OBJECTIONS.flatMap((o) => playbook.walks[o]).flatMap((s) => s.choices ?? []).find((c) => c.id === decoded.id);
      return (here ?? anywhere)?.label[lang] ?? action;
    }
    case 'industry':
      return decoded.id;
    case 'noproduct':
      return m.btnNoProduct;
    case 'alt':
      return m.btnUseAlternative;
    case 'edit':
      return m.btnEdit;
    case 'answer':
      return m.btnMyAnswer;
    case 'command':
      return ({ why: m.btnWhy, back: m.btnBack, tip: m.btnAnotherTip, deals: m.deals.btnDeals } as Partial<Record<string, string>>)[decoded.name] ?? action;
    case 'deal':
      return { card: action, resume: m.deals.btnResume, ask: m.deals.btnOutcome, snooze: m.deals.btnSnooze(1), close: m.deals.btnClose, sent: m.deals.btnSent }[decoded.op];
    case 'dealOutcome':
      return { booked: m.btnBooked, open: m.btnOpen, lost: m.btnLost }[decoded.outcome];
    case 'which':
      return decoded.deal === null ? m.deals.btnNewCustomer : action;
    case 'when':
      return decoded.ok ? m.deals.btnRight : m.deals.btnChange;
  }
}
