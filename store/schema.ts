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

export interface Database {
  audit: AuditTable;
  sessions: SessionTable;
  processed_updates: ProcessedUpdateTable;
  dialogs: DialogTable;
}

/** The database, or a transaction on it: every store function takes one. */
export type Db = Kysely<Database>;

export type AuditRow = Selectable<AuditTable>;
export type DialogRow = Selectable<DialogTable>;

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
  | 'compliance_override' // the rep used a flagged text anyway: label = objection, detail = rule id, text = the text
  | 'refused' // a manager command from someone who is not a manager
  | 'failed' // a turn that could not be completed; text = what the rep sent, detail = the error's name
  | 'reply_failed'; // a reply the channel could not deliver; detail = the channel's error

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
