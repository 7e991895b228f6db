/**
 * The engine's vocabulary for deals: the caller's clock, one customer's deal as the rep's state
 * keeps it, and the follow-up reminders a turn asks the caller to schedule or cancel. Part of
 * types.ts (re-exported there), kept apart for size.
 */
import type { Button, Objection, Outcome, Quote, Walk } from './types.ts';

/** "Now" and where the rep is, as the caller knows them (the engine itself reads no clock). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now: number;
  /** The rep's IANA zone when the platform tells (Teams' localTimezone). */
  timeZone?: string;
  /** The team's default zone (TEAM_TIMEZONE), used when neither the platform nor /profile says. */
  teamTimeZone?: string;
}

/** What a deal's follow-up reminders are for. */
export type FollowUpKind = 'meeting_day' | 'outcome' | 'recontact' | 'repropose';
export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['meeting_day', 'outcome', 'recontact', 'repropose'];

/** One customer's deal: every walk the rep did for them, and what comes next. */
export interface Deal {
  /** The dialog that opened it. */
  id: string;
  /** The rep's short name for the customer ("王总", "Acme"), or null (skipped). */
  alias: string | null;
  /** Whether the rep was asked for the name (asked once). */
  named: boolean;
  /** The quotes coached for this customer, oldest first, with the type walked and their dialog. */
  quotes: { text: string; label: Objection; dialog: string | null }[];
  /** Every message the walks composed for this customer, oldest first (the last few kept). */
  messages: string[];
  /** The booked next step: when, as understood, and as the rep wrote it for the customer. */
  next: { at: number; text: string } | null;
  /** The need the timing walk found (general, special, social), for the re-contact opener. */
  need: string | null;
  /** The follow-ups scheduled, as this engine planned them (the scheduler sends them). */
  followUps: { kind: FollowUpKind; at: number }[];
  /** The rep said the walk's message went out. */
  sent: boolean;
  outcome: Outcome | null;
  closed: boolean;
  /** A follow-up came due before the outcome was recorded. */
  followedUp: boolean;
  openedAt: number | null;
  updatedAt: number | null;
  /** The walk left where it stood when the rep turned to another deal. */
  parked: { mode: 'walk' | 'outcome'; quote: Quote; walk: Walk } | null;
}

/** A reminder the engine asks the caller to schedule (the caller adds who, where and the zone). */
export interface PlannedReminder {
  /** Stable per deal and kind: `${deal}:${kind}`. */
  id: string;
  deal: string;
  kind: FollowUpKind;
  dueAt: number;
  /** The rep's IANA zone the plan was made in. */
  timeZone: string | null;
  /** The message, exactly like a reply: text and buttons (built by actions.ts). */
  payload: { text: string; buttons?: Button[] };
  /** Replace a reminder of the same id even if it was sent (re-booked, snoozed). */
  replace: boolean;
}

/** What a turn asks of the reminders queue. */
export interface FollowUpPlan {
  schedule: PlannedReminder[];
  cancel: { deal: string; kinds?: FollowUpKind[] }[];
}
