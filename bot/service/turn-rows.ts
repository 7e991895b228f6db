/**
 * What one turn writes, worked out from what the rep sent and what the engine did: the audit
 * rows (inbound, events, replies), the dialog summary change, and the few facts about the turn
 * the service needs (its language, its dialog). Pure functions, no store, no channel.
 *
 * Engine state stays opaque here: the language, the dialog and how it began come from the
 * engine's result and its `dialog_started` event.
 */
import type { Lang, Party } from '../../data/vocabulary.ts';
import type { CoachEvent, CoachInput, Deal, FollowUpPlan, TurnResult } from '../../dialogs/engine.ts';
import { redact } from '../../store/redact.ts';
import type { AuditEntry, DealSummary, DialogChange, DialogStart, NewReminder, TurnWrite } from '../../store/store.ts';
import type { Answer, Delivery, OutboundReply } from './coach-service.ts';
import { outboxOf } from './delivery.ts';

/** What the service needs to know about a turn beyond its replies and events. */
export interface TurnFacts {
  lang: Lang;
  /** The dialog the turn belongs to (null before the first quote). */
  dialog: string | null;
  /** The quote that opened the dialog, when this turn opened it. */
  begun?: { quote: string; predicted: string; confidence: number };
}

/** The facts of a turn, from what the engine reports (its language, its dialog, how one began). */
export function turnFacts(result: TurnResult): TurnFacts {
  const started = result.events.find((event) => event.kind === 'dialog_started');
  const begun = started ? { quote: started.quote, predicted: started.predicted, confidence: started.confidence } : undefined;
  return { lang: result.lang, dialog: result.dialog ?? null, begun };
}

/** The input with personal data replaced (what the rep typed, and command arguments). */
export function redactInput(input: CoachInput): CoachInput {
  if (input.type === 'text') return { ...input, text: redact(input.text) };
  if (input.type === 'command') return { ...input, args: input.args?.map(redact) };
  return input;
}

/** What the rep sent, as one line of text (for the audit log). */
export function inputText(input: CoachInput): string {
  if (input.type === 'text') return input.text;
  if (input.type === 'action') return input.action;
  return ['/' + input.name, ...(input.args ?? [])].join(' ');
}

export function inboundRow(party: Party, input: CoachInput, at: number, dialog: string | null): AuditEntry {
  if (input.type === 'text') return { ...party, at, dialog, kind: 'message', text: input.text };
  if (input.type === 'action') return { ...party, at, dialog, kind: 'button', detail: input.action };
  return { ...party, at, dialog, kind: 'command', text: inputText(input), detail: input.name };
}

export function replyRow(party: Party, reply: OutboundReply, at: number, dialog: string | null = null): AuditEntry {
  return {
    ...party,
    at,
    dialog,
    kind: 'reply',
    text: reply.text,
    data: reply.buttons || reply.attachment ? { buttons: reply.buttons, attachment: reply.attachment?.filename } : undefined,
  };
}

/** The audit row of an event (a dialog's start is recorded in the dialogs summary, not as a row). */
export function eventRow(party: Party, event: CoachEvent, at: number, dialog: string | null): AuditEntry | undefined {
  const row = { ...party, at, dialog };
  switch (event.kind) {
    case 'classified':
      return { ...row, kind: 'classified', text: event.quote, label: event.label, confidence: event.confidence, data: { matched: event.matched, unsure: event.unsure }, classifierVersion: event.classifierVersion };
    case 'corrected':
      return { ...row, kind: 'corrected', text: event.quote, label: event.from, detail: event.to };
    case 'walk_started':
      return { ...row, kind: 'walk_started', text: event.quote, label: event.objection };
    case 'step':
      return { ...row, kind: 'step', label: event.objection, detail: event.step };
    case 'walk_finished':
      return { ...row, kind: 'walk_finished', label: event.objection };
    case 'outcome':
      return { ...row, kind: 'outcome', label: event.objection, detail: event.outcome };
    case 'rejected':
      return { ...row, kind: 'rejected', detail: event.reason };
    case 'compliance_override':
      return { ...row, kind: 'compliance_override', text: event.text, label: event.objection, detail: event.ruleId, data: { step: event.step } };
    case 'practice_started':
    case 'practice_answer':
      return { ...row, kind: event.kind, label: event.type, data: event, practice: true };
    case 'practice_finished':
      return { ...row, kind: event.kind, label: event.result.type, data: event, practice: true };
    case 'deal':
      return { ...row, kind: 'deal', detail: event.detail ? `${event.change}:${event.detail}` : event.change, data: { deal: event.deal } };
    case 'dialog_started':
      return undefined;
  }
}

/** What this turn means for the dialog's summary row (for the dashboard). */
export function dialogSummary(party: Party, facts: TurnFacts, events: CoachEvent[], at: number): { id: string; start?: DialogStart; change: DialogChange } | undefined {
  if (facts.dialog === null) return undefined;
  const id = facts.dialog;
  const start = facts.begun ? { id, at, channel: party.channel, chatId: party.chatId, userId: party.userId, userName: party.userName, ...facts.begun } : undefined;
  const change: DialogChange = {};
  for (const event of events) {
    if (event.kind === 'corrected') Object.assign(change, { corrected: event.to, label: event.to });
    else if (event.kind === 'walk_started') Object.assign(change, { started: true, label: event.objection });
    else if (event.kind === 'step') change.step = event.step;
    else if (event.kind === 'walk_finished') change.finished = true;
    else if (event.kind === 'outcome' && (event.dialog == null || event.dialog === id)) change.outcome = event.outcome;
  }
  return { id, start, change };
}

/** Every row of a coaching turn, in order: what the rep sent, what happened, what the bot said. */
export function turnRows(party: Party, input: CoachInput, result: TurnResult, dialog: string | null, at: number): AuditEntry[] {
  const events = result.events.flatMap((event) => eventRow(party, event, at, dialog) ?? []);
  const rows = [inboundRow(party, withoutPractice(input), at, dialog), ...events, ...result.replies.map((reply) => replyRow(party, reply, at, dialog))];
  // A practice turn: every row marked, so no real figure counts it.
  return result.practice ? rows.map((row) => ({ ...row, practice: true })) : rows;
}

/** The input as recorded: what the service added for practice (quotes, history) is not what the rep sent. */
function withoutPractice(input: CoachInput): CoachInput {
  if (!input.practice) return input;
  const { practice: _added, ...sent } = input;
  return sent as CoachInput;
}

/** An error, described for the audit log and the logs: its name and code, never the content it carried. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { error_code?: unknown; code?: unknown }).error_code ?? (err as { code?: unknown }).code;
  const description = (err as { description?: unknown }).description;
  return [err.name, code, typeof description === 'string' ? description.slice(0, 120) : undefined].filter((part) => part !== undefined && part !== '').join(': ');
}

/** Dialogs other than the turn's own that it changed: a deal's outcome goes to the dialog of its latest walk. */
export function otherDialogChanges(facts: TurnFacts, events: CoachEvent[]): { id: string; change: DialogChange }[] {
  return events.flatMap((event) => (event.kind === 'outcome' && event.dialog && event.dialog !== facts.dialog ? [{ id: event.dialog, change: { outcome: event.outcome } }] : []));
}

/** The deals a turn changed, as rows of the managers' pipeline. */
export function dealSummaries(party: Party, deals: readonly Deal[] | undefined, at: number): DealSummary[] {
  return (deals ?? []).map((deal) => {
    const coming = [...deal.followUps].sort((a, b) => a.at - b.at).find((f) => f.at > at) ?? null;
    return {
      id: deal.id,
      channel: party.channel,
      chatId: party.chatId,
      userId: party.userId,
      userName: party.userName,
      alias: deal.alias,
      objection: deal.quotes.at(-1)?.label ?? 'timing',
      types: deal.quotes.map((q) => q.label),
      quotes: deal.quotes.length,
      messages: deal.messages.length,
      closed: deal.closed,
      outcome: deal.outcome,
      nextAt: deal.next?.at ?? null,
      followUp: coming,
      followedUp: deal.followedUp,
      openedAt: deal.openedAt ?? at,
      updatedAt: deal.updatedAt ?? at,
    };
  });
}

/** The reminders a turn schedules and cancels, addressed to the rep's chat, in the rep's language. */
export function reminderWrites(party: Party, lang: Lang, plan: FollowUpPlan | undefined): TurnWrite['reminders'] {
  if (!plan) return undefined;
  const schedule: NewReminder[] = plan.schedule.map((r) => ({
    id: r.id,
    channel: party.channel,
    chatId: party.chatId,
    userId: party.userId,
    dealId: r.deal,
    kind: r.kind,
    lang,
    timeZone: r.timeZone,
    payload: r.payload,
    dueAt: r.dueAt,
  }));
  return { schedule, cancel: plan.cancel.map((c) => ({ dealId: c.deal, ...(c.kinds ? { kinds: [...c.kinds] } : {}) })) };
}

/** Everything a coaching turn writes in its one transaction, planned from the engine's result (store/turns.ts). */
export function plannedWrite(party: Party, input: CoachInput, result: TurnResult, at: number, delivery?: Delivery) {
  const facts = turnFacts(result);
  // The replies are kept with the delivery's claim until the channel took them (delivery.ts).
  const answer: Answer = { replies: result.replies, lang: facts.lang, ...(delivery ? { outbox: { delivery, offset: 0 } } : {}) };
  return {
    state: result.state,
    rows: turnRows(party, input, result, facts.dialog, at),
    dialog: dialogSummary(party, facts, result.events, at),
    otherDialogs: otherDialogChanges(facts, result.events),
    deals: dealSummaries(party, result.deals, at),
    reminders: reminderWrites(party, facts.lang, result.followUps),
    answer,
    mode: result.state.mode,
    outbox: delivery ? outboxOf(result.replies, facts.lang) : undefined,
  };
}
