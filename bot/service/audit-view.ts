/**
 * What managers read of the audit log — in /audit, the dashboard's transcript and the exports —
 * instead of the engine's ids: a pressed button by its label (also when the rep typed its number
 * or its label), a walk step by its title, an industry by its pack's name, a compliance rule by
 * its title, an outcome by its name — in the manager's language. An id nothing here knows (an old
 * walk, a renamed step) is shown as it is; a button only the rep's pack names (a meeting format)
 * keeps the label the rep saw.
 */
import type { ComplianceRules } from '../../data/compliance.ts';
import type { IndustryPack } from '../../data/industries.ts';
import { loadComplianceRulesCached, loadIndustryPacksCached } from '../../data/load-cache.ts';
import { LABELS, loadPlaybook, OBJECTIONS, type Label, type Lang, type Objection, type Playbook, type WalkStep } from '../../data/playbook.ts';
import { decodeAction } from '../../dialogs/actions.ts';
import { typedButton } from '../../dialogs/engine.ts';
import type { Button } from '../../dialogs/types.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { PRACTICE_MESSAGES } from '../../dialogs/practice/messages.ts';
import { stepOf } from '../../store/stats.ts';
import type { AuditRow } from '../../store/store.ts';

const shipped: { playbook?: Playbook; packs?: Map<string, IndustryPack>; compliance?: ComplianceRules } = {};
/** The shipped playbook, read once (for callers that were not given the running one). */
export function shippedPlaybook(): Playbook {
  return (shipped.playbook ??= loadPlaybook());
}
const packs = () => (shipped.packs ??= loadIndustryPacksCached());
const compliance = () => (shipped.compliance ??= loadComplianceRulesCached());

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

/** A compliance rule's title ("Promising returns" / "承诺收益"), or its id when unknown. */
export function ruleTitle(lang: Lang, ruleId: string | null | undefined): string {
  return compliance().rules.find((r) => r.id === ruleId)?.title[lang] ?? ruleId ?? '';
}

/** An outcome's name ("Booked" / "约成"). */
export function outcomeName(lang: Lang, outcome: string | null | undefined): string {
  const m = MESSAGES[lang];
  return ({ booked: m.btnBooked, open: m.btnOpen, lost: m.btnLost } as Record<string, string>)[outcome ?? ''] ?? outcome ?? '';
}

/** Where in the conversation a button was pressed: the walk and step shown last, and the last classification. */
export interface ButtonContext {
  objection?: string | null;
  step?: string | null;
  classifiedAs?: string | null;
  /** The buttons offered last (as the rep saw them), for typed numbers and labels. */
  offered?: Button[];
}

/** The label of the button whose action id is `action`. */
export function buttonLabel(playbook: Playbook, lang: Lang, action: string | null | undefined, at: ButtonContext = {}): string {
  if (!action) return '';
  const m = MESSAGES[lang];
  const decoded = decodeAction(action);
  const asSeen = at.offered?.find((b) => b.action === action)?.label;
  if (!decoded) return asSeen ?? action;
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
      return m.btnUseAnyway;
    case 'share':
      return m.btnShare;
    case 'switch':
      return decoded.to ? m.btnSwitch : m.btnStay;
    case 'outcome':
      return outcomeName(lang, decoded.outcome);
    case 'topic':
      return Object.hasOwn(playbook.knowledge.topics, decoded.topic) ? playbook.knowledge.topics[decoded.topic]!.title[lang] : action;
    case 'choice': {
      const here = at.step ? findStep(playbook, at.objection, at.step)?.choices?.find((c) => c.id === decoded.id) : undefined;
      const anywhere = OBJECTIONS.flatMap((o) => playbook.walks[o]).flatMap((s) => s.choices ?? []).find((c) => c.id === decoded.id);
      return (here ?? anywhere)?.label[lang] ?? asSeen ?? action;
    }
    case 'industry': {
      const pack = packs().get(decoded.id);
      return pack ? (pack.id === 'generic' ? m.btnGenericIndustry : pack.name[lang]) : (asSeen ?? decoded.id);
    }
    case 'noproduct':
      return m.btnNoProduct;
    case 'alt':
      return m.btnUseAlternative;
    case 'edit':
      return m.btnEdit;
    case 'answer':
      return m.btnMyAnswer;
    case 'practice': {
      const p = PRACTICE_MESSAGES[lang];
      return asSeen ?? (decoded.what === 'stats' ? p.btnStats : decoded.what ? p.btnAgain : p.btnPractice);
    }
    case 'command':
      return ({ why: m.btnWhy, back: m.btnBack, tip: m.btnAnotherTip, deals: m.deals.btnDeals } as Partial<Record<string, string>>)[decoded.name] ?? asSeen ?? action;
    case 'deal':
      return asSeen ?? { card: action, resume: m.deals.btnResume, ask: m.deals.btnOutcome, snooze: m.deals.btnSnooze(1), close: m.deals.btnClose, sent: m.deals.btnSent }[decoded.op];
    case 'dealOutcome':
      return { booked: m.btnBooked, open: m.btnOpen, lost: m.btnLost }[decoded.outcome];
    case 'which':
      return asSeen ?? (decoded.deal === null ? m.deals.btnNewCustomer : action);
    case 'when':
      return decoded.ok ? m.deals.btnRight : m.deals.btnChange;
  }
}

/** A row, and what it shows a manager in place of ids ('' when the row's own text says it). */
export interface RowView {
  row: AuditRow;
  /** A button press (also one typed as its number or label): the button's label. */
  pressed?: string;
  /** The row's ids in words: a step's title, a rule's title and its step, an outcome, a label. */
  shown: string;
}

function buttonsOf(data: string | null): Button[] | undefined {
  try {
    const buttons = (JSON.parse(data ?? 'null') as { buttons?: unknown } | null)?.buttons;
    return Array.isArray(buttons) ? buttons.filter((b): b is Button => typeof b?.label === 'string' && typeof b?.action === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rows of a conversation (oldest first) as a manager reads them. Walks the rows in order,
 * keeping where the conversation stands — the buttons offered last, the step shown, the last
 * classification — since a button's label depends on them.
 */
export function viewRows(playbook: Playbook, lang: Lang, rows: readonly AuditRow[]): RowView[] {
  const at: ButtonContext = {};
  return rows.map((row): RowView => {
    switch (row.kind) {
      case 'button':
        return { row, pressed: buttonLabel(playbook, lang, row.detail, at), shown: '' };
      case 'message': {
        const typed = row.text && at.offered?.length ? typedButton(row.text, at.offered) : undefined;
        return typed ? { row, pressed: buttonLabel(playbook, lang, typed.action, at), shown: '' } : { row, shown: '' };
      }
      case 'reply': {
        const buttons = buttonsOf(row.data);
        if (buttons?.length) at.offered = buttons;
        return { row, shown: '' };
      }
      case 'classified':
        at.classifiedAs = row.label;
        return { row, shown: labelName(playbook, lang, row.label) };
      case 'corrected':
        at.classifiedAs = row.detail;
        return { row, shown: `${labelName(playbook, lang, row.label)} → ${labelName(playbook, lang, row.detail)}` };
      case 'walk_started':
      case 'walk_finished':
        return { row, shown: labelName(playbook, lang, row.label) };
      case 'step':
        at.objection = row.label;
        at.step = row.detail;
        return { row, shown: stepTitle(playbook, lang, row.label, row.detail) };
      case 'outcome':
        return { row, shown: outcomeName(lang, row.detail) };
      case 'compliance_override': {
        const step = stepOf(row.data);
        return { row, shown: [ruleTitle(lang, row.detail), step ? stepTitle(playbook, lang, row.label, step) : ''].filter(Boolean).join(' · ') };
      }
      default:
        return { row, shown: '' };
    }
  });
}
