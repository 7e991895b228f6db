/**
 * The store's tables as Kysely sees them, and the typed values its modules take and give.
 * Only modules of store/ use the table types; callers see the row and entry types.
 */
import type { ColumnType, Generated, Kysely, RawBuilder, Selectable } from 'kysely';
import type { Party } from '../data/vocabulary.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface AuditTable {
  id: Generated<number>;
  at: number;
  channel: string;
  chat_id: string;
  chat_type: string;
  user_id: string;
  user_name: string;
  kind: string;
  text: string | null;
  label: string | null;
  confidence: number | null;
  detail: string | null;
  data: string | null;
  classifier_version: string | null;
  /** The dialog (one customer quote and what followed) the row belongs to. */
  dialog: string | null;
  /** 1: a row of a practice turn (never counted in real statistics). Migration 010. */
  practice: ColumnType<number, number | undefined, number>;
}

/** Team-wide switches every instance reads (migration 010). */
export interface SettingTable {
  key: string;
  value: string;
  updated_by: string;
  updated_at: number;
}

/** One row per dialog: a summary kept up to date as the audit log grows, for the dashboard. */
export interface DialogTable {
  id: string;
  at: number;
  channel: string;
  chat_id: string;
  user_id: string;
  user_name: string;
  quote: string;
  /** The classifier's label. */
  predicted: string;
  confidence: number;
  /** The rep's correction, if any. */
  corrected: string | null;
  /** The label the dialog ended up with (correction or walk). */
  label: string;
  started: ColumnType<number, number | undefined, number>;
  steps: ColumnType<number, number | undefined, number | RawBuilder<number>>;
  last_step: string | null;
  finished: ColumnType<number, number | undefined, number>;
  outcome: string | null;
  /** A manager's decision on the correction: accepted | rejected. */
  review: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
}

export interface SessionTable {
  channel: string;
  chat_id: string;
  user_id: string;
  state: string;
  version: number;
  updated_at: number;
}

/** Deliveries (a Telegram update, a Teams activity) whose turn is committed, with its outbox. */
export interface ProcessedUpdateTable {
  source: string;
  update_id: string;
  at: number;
  /** The turn's replies, JSON (null: none to send). */
  replies: string | null;
  /** How many of `replies` the channel has taken (they go out in order). */
  sent: ColumnType<number, number | undefined, number>;
}

/** A follow-up reminder: the queue row (see reminders.ts). Times in ms since the epoch. */
export interface ReminderTable {
  id: string;
  /** Where it goes: the rep's private chat on that channel. */
  channel: string;
  chat_id: string;
  user_id: string;
  deal_id: string | null;
  /** What it is for: meeting_day | outcome | recontact | repropose (the playbook names them). */
  kind: string;
  lang: string;
  /** The rep's IANA time zone when it was scheduled (quiet hours are the rep's local hours); null: the team's. */
  time_zone: string | null;
  /** The message, channel-neutral JSON: { text, buttons? } as the engine's MessageReply. */
  payload: string;
  due_at: number;
  /** pending → sent | failed | cancelled. */
  status: string;
  attempts: ColumnType<number, number | undefined, number | RawBuilder<number>>;
  /** When it may next be tried: due_at at first, later after a failed send's backoff or quiet hours. */
  next_attempt_at: number;
  /** An instance's claim on it while sending; expired claims are taken again. */
  lease_until: number | null;
  sent_at: number | null;
  /** 1 when it went out well after it was due (the process was down). */
  late: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: number;
}

/** A rep's reminder settings (`/remind`): on or off, and quiet hours in the rep's local time. */
export interface ReminderPrefsTable {
  channel: string;
  user_id: string;
  enabled: number;
  /** Quiet hours, local hour 0-23: from `quiet_from` up to `quiet_to` (may wrap midnight). */
  quiet_from: number | null;
  quiet_to: number | null;
  updated_at: number;
}

/** Where a proactive message reaches a rep: the channel's conversation reference (JSON). */
export interface ConversationRefTable {
  channel: string;
  chat_id: string;
  user_id: string;
  /** 1 for the rep's private (1:1) chat with the bot. */
  personal: number;
  reference: string;
  updated_at: number;
}

/** A rep's correction a manager accepted: training data for every instance (migration 009). */
export interface CorrectionTable {
  /** The reviewed dialog: one correction per dialog. */
  dialog: string;
  /** The customer's quote as stored (redacted at the door). */
  text: string;
  /** The rep's label, accepted. */
  label: string;
  /** The classifier's label, which the rep corrected. */
  was: string;
  accepted_by: string;
  accepted_at: number;
}

/** One row per customer deal: a summary kept in step with the rep's session, for the pipeline. Times in ms. */
export interface DealTable {
  id: string;
  channel: string;
  chat_id: string;
  user_id: string;
  user_name: string;
  /** The rep's short name for the customer, or null. */
  alias: string | null;
  /** The type of the latest walk. */
  objection: string;
  /** Every type walked for this customer, comma-separated, oldest first. */
  types: string;
  quotes: number;
  messages: number;
  /** open | closed */
  status: string;
  /** booked | open | lost, once recorded. */
  outcome: string | null;
  /** The booked trial or meeting. */
  next_at: number | null;
  /** The next follow-up reminder the engine planned. */
  follow_up_kind: string | null;
  follow_up_at: number | null;
  /** 1 when the rep acted on a reminder that came due. */
  followed_up: number;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface Database {
  deals: DealTable;
  audit: AuditTable;
  reminders: ReminderTable;
  reminder_prefs: ReminderPrefsTable;
  conversation_refs: ConversationRefTable;
  sessions: SessionTable;
  processed_updates: ProcessedUpdateTable;
  dialogs: DialogTable;
  corrections: CorrectionTable;
  settings: SettingTable;
}

/** The database, or a transaction on it: every store function takes one. */
export type Db = Kysely<Database>;

export type AuditRow = Selectable<AuditTable>;
export type DialogRow = Selectable<DialogTable>;
export type CorrectionRow = Selectable<CorrectionTable>;

/** The kinds of audit rows. */
export type AuditKind =
  | 'message' // the rep typed
  | 'button' // the rep pressed a button
  | 'command' // the rep sent a command
  | 'reply' // the bot answered
  | 'classified'
  | 'corrected' // label = the classifier's label, detail = the rep's
  | 'walk_started'
  | 'step' // label = objection, detail = step id
  | 'walk_finished'
  | 'outcome' // label = objection, detail = booked | open | lost
  | 'rejected' // detail = why the input was refused
  | 'compliance_override' // the rep used a flagged text anyway: label = objection, detail = rule id, text = the text, data = { step }
  | 'refused' // a manager command from someone who is not a manager
  | 'failed' // a turn that could not be completed; text = what the rep sent, detail = the error's name
  | 'reply_failed' // a reply the channel could not deliver; detail = the channel's error
  | 'reminder_sent' // a follow-up reminder went out: label = its kind, detail = on_time | late
  | 'reminder_failed' // a reminder's send failed: label = its kind, detail = the error's name, data = retry time or final
  | 'practice_started' // a practice round began: label = type, data = the event (always with practice = 1)
  | 'practice_answer' // the rep answered the practice customer: label = type, data = moves found
  | 'practice_finished' // a practice round ended: label = type, data = its result
  | 'deal'; // a deal changed: detail = opened | named | switched | dated | sent | snoozed | closed | acted (":" what), data.deal = its id

export interface AuditEntry extends Party {
  at: number;
  dialog?: string | null;
  kind: AuditKind;
  text?: string | null;
  label?: string | null;
  confidence?: number | null;
  detail?: string | null;
  data?: unknown;
  classifierVersion?: string | null;
  /** A row of a practice turn: stored with practice = 1, left out of every real figure. */
  practice?: boolean;
}

export interface SessionKey {
  channel: string;
  chatId: string;
  userId: string;
}

export interface StoredSession {
  state: unknown;
  version: number;
}

/** A new dialog's summary row. */
export interface DialogStart {
  id: string;
  at: number;
  channel: string;
  chatId: string;
  userId: string;
  userName: string;
  quote: string;
  predicted: string;
  confidence: number;
}

/** What a turn changes in a dialog's summary. */
export interface DialogChange {
  corrected?: string;
  label?: string;
  started?: boolean;
  step?: string;
  finished?: boolean;
  outcome?: string;
}

/** One delivery of a channel: the update id is unique per source (telegram, msteams). */
export interface Delivery {
  source: string;
  updateId: string;
}

/** PostgreSQL text cannot hold NUL; keep it visible instead of failing the insert. */
export function storable(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\\u0000') : text;
}
