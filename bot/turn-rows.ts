/**
 * What one turn writes, worked out from what the rep sent and what the engine did: the audit
 * rows (inbound, events, replies), the dialog summary change, and the few facts about the turn
 * the service needs (its language, its dialog). Pure functions, no store, no channel.
 *
 * `turnFacts`, `stateLanguage` and `carryOver` are the only places that look inside engine
 * state; they read what the engine's result does not report yet (the language, the dialog and
 * how it began) and go away once it does.
 */
import type { Lang, Party } from '../data/vocabulary.ts';
import type { CoachEvent, CoachInput, CoachState, TurnResult } from '../dialogs/engine.ts';
import { redact } from '../store/redact.ts';
import type { AuditEntry, DialogChange, DialogStart } from '../store/store.ts';
import type { OutboundReply } from './coach-service.ts';

/** What the service needs to know about a turn beyond its replies and events. */
export interface TurnFacts {
  lang: Lang;
  /** The dialog the turn belongs to (null before the first quote). */
  dialog: string | null;
  /** The quote that opened the dialog, when this turn opened it. */
  begun?: { quote: string; predicted: string; confidence: number };
}

/** The facts of a turn, from the state before (opaque) and the engine's result. */
export function turnFacts(previous: unknown, result: TurnResult): TurnFacts {
  const state = result.state;
  const dialog = state.dialog ?? null;
  const before = (previous as Partial<CoachState> | null | undefined)?.dialog ?? null;
  const begun = dialog !== null && dialog !== before && state.quote !== undefined && state.predicted ? { quote: state.quote, predicted: state.predicted, confidence: state.confidence ?? 0 } : undefined;
  return { lang: state.lang, dialog, begun };
}

/** The language a stored state answers in (English when there is none). */
export function stateLanguage(state: unknown): Lang {
  return (state as { lang?: unknown } | null | undefined)?.lang === 'zh' ? 'zh' : 'en';
}

/** A stored conversation continued in another chat: the group it was brought over from is kept. */
export function carryOver(state: unknown, origin: string): unknown {
  return { ...(state as object), origin };
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

export function eventRow(party: Party, event: CoachEvent, at: number, dialog: string | null): AuditEntry {
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
    else if (event.kind === 'outcome') change.outcome = event.outcome;
  }
  return { id, start, change };
}

/** Every row of a coaching turn, in order: what the rep sent, what happened, what the bot said. */
export function turnRows(party: Party, input: CoachInput, result: TurnResult, dialog: string | null, at: number): AuditEntry[] {
  return [inboundRow(party, input, at, dialog), ...result.events.map((event) => eventRow(party, event, at, dialog)), ...result.replies.map((reply) => replyRow(party, reply, at, dialog))];
}

/** An error, described for the audit log and the logs: its name and code, never the content it carried. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { error_code?: unknown; code?: unknown }).error_code ?? (err as { code?: unknown }).code;
  const description = (err as { description?: unknown }).description;
  return [err.name, code, typeof description === 'string' ? description.slice(0, 120) : undefined].filter((part) => part !== undefined && part !== '').join(': ');
}
