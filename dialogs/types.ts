/**
 * The coaching engine's vocabulary: what goes in (inputs), what comes out (replies, audit
 * events, the turn's result) and what it remembers between turns (the state, a union by mode).
 *
 * Everything here is plain JSON-friendly data and channel-neutral: an input says whether it came
 * from a private chat or a group, never from which app; a reply says what it is (`kind`) where a
 * channel must treat it differently, never how to draw it.
 */
import type { Label, Lang, Objection } from '../data/playbook.ts';
import type { PracticeRecord } from './practice/stats.ts';
import type { PracticeEvent, PracticeState } from './practice/types.ts';
import type { Clock, Deal, FollowUpPlan } from './deal-types.ts';

export * from './deal-types.ts';

export type { Label, Lang, Objection };

// ---- inputs ------------------------------------------------------------------------------------

/** Where a message was written: a private chat with the coach, or a team group. */
export type ChatContext = 'private' | 'group';

/** What the rep did. Commands arrive parsed (see `parseCommand` in commands.ts). */
export type CoachInput = (
  | { type: 'text'; text: string; langHint?: Lang; context?: ChatContext }
  | { type: 'action'; action: string }
  | { type: 'command'; name: string; args?: string[]; langHint?: Lang; context?: ChatContext }
) & {
  /** A unique id for this turn, given by the caller; names the dialog a new quote starts. */
  turnId?: string;
  /** What a practice command needs from the store, filled in by the conversation service. */
  practice?: PracticeInput;
  /** The caller's clock and the rep's time zone: dates the rep types and follow-ups need them (none: neither). */
  clock?: Clock;
};

/** The store's part of a practice command (the engine reads no store). */
export interface PracticeInput {
  /** The team's recent real customer quotes (redacted, no names), when a manager allowed them. */
  teamQuotes?: { type: Objection; text: string }[];
  /** The rep's finished practice rounds, for `/practice stats`. */
  history?: PracticeRecord[];
}

// ---- replies -----------------------------------------------------------------------------------

/** A button: what it says, and the action sent back when pressed (built by actions.ts). */
export interface Button {
  label: string;
  action: string;
}

/** A message to the rep, with buttons to press (or answer by number) when there are any. */
export interface MessageReply {
  kind: 'message';
  text: string;
  buttons?: Button[];
}

/** A post for the rep's team: a finished walk shared on purpose. */
export interface TeamPost {
  kind: 'team_post';
  text: string;
  /** The group the walk was brought over from, if any (else the channel's team chat). */
  teamChat?: string;
  buttons?: never;
}

/** The rep's confirmation that a team post went out (a channel that could not post drops it). */
export interface ShareConfirmation {
  kind: 'share_confirmation';
  text: string;
  buttons?: never;
}

export type Reply = MessageReply | TeamPost | ShareConfirmation;
export type ReplyKind = Reply['kind'];

// ---- events ------------------------------------------------------------------------------------

export type Outcome = 'booked' | 'open' | 'lost';
export const OUTCOMES: readonly Outcome[] = ['booked', 'open', 'lost'];

export type RejectReason = 'empty' | 'too_long' | 'binary' | 'stale_button' | 'unknown_command';

/** What the audit log and the dialogs summary record about a turn. */
export type CoachEvent =
  | { kind: 'classified'; quote: string; label: Label; confidence: number; unsure: boolean; matched: string[]; classifierVersion: string }
  /** A new customer quote is on the table: a dialog begins (its id, the quote, the prediction). */
  | { kind: 'dialog_started'; dialog: string; quote: string; predicted: Label; confidence: number; lang: Lang }
  | { kind: 'corrected'; quote: string; from: Label; to: Label }
  | { kind: 'walk_started'; objection: Objection; quote: string }
  | { kind: 'step'; objection: Objection; step: string }
  | { kind: 'walk_finished'; objection: Objection }
  /** How a walk (or a deal, `deal` with the dialog it began in, `followedUp` after a reminder came due) ended. */
  | { kind: 'outcome'; objection: Objection; outcome: Outcome; deal?: string; dialog?: string | null; followedUp?: boolean }
  | { kind: 'rejected'; reason: RejectReason }
  /** Something happened to a deal: opened, named, switched to, dated, sent, snoozed, closed (detail: what). */
  | { kind: 'deal'; deal: string; change: DealChange; detail?: string }
  /** The rep sent a text the compliance guard flagged, as it was ("use it anyway"). */
  | { kind: 'compliance_override'; ruleId: string; objection: Objection; step: string; text: string }
  /** A practice round (dialogs/practice/): every such event says `practice: true`. */
  | PracticeEvent;

export type DealChange = 'opened' | 'named' | 'switched' | 'dated' | 'sent' | 'snoozed' | 'closed' | 'acted';

// ---- state -------------------------------------------------------------------------------------

export const STATE_VERSION = 2;

/** The customer quote being coached, as the classifier saw it. */
export interface Quote {
  text: string;
  /** The classifier's label (a correction does not change it). */
  predicted: Label;
  confidence: number;
  /** The reason shown: phrases or words of the quote. */
  matched: string[];
}

/** A classified quote not yet acted on (a new quote pasted mid-walk). */
export interface PendingQuote extends Quote {
  unsure: boolean;
  candidates: Label[];
}

/** A coaching walk in progress. */
export interface Walk {
  objection: Objection;
  /** Id of the current step. */
  step: string;
  /** Ids of the steps before it, for `back`. */
  history: string[];
  /** Answers by step id: typed text, or the id of the chosen choice. */
  answers: Record<string, string>;
  /** A typed answer held back by a check, kept if the rep insists. */
  held: string | null;
  /** How answers that go to the customer were settled, by step id (absent: as typed, no finding). */
  marks?: Record<string, StepMark>;
  /** The date and time understood from a `time` answer, until and after the rep confirms it. */
  when?: { at: number; text: string; confirmed: boolean };
}

/** A customer-facing answer the compliance guard flagged: sent anyway, or replaced. */
export interface StepMark {
  /** The rules the rep overrode with "use it anyway". */
  override?: string[];
  /** The answer is the rule's compliant alternative (a whole sentence). */
  alternative?: boolean;
}

/** What the rep sells: chooses the industry pack the walks draw on. Kept with the rep. */
export interface Profile {
  /** An industry pack id (data/industries/<id>.yaml); "generic" names no industry. */
  industry: string;
  /** The product's name as the customer knows it, or null to use the pack's wording. */
  product: string | null;
  /** The team's default, given on first use: it follows the team's default until the rep sets their own. */
  team?: boolean;
}

/** The last finished walk, until it is shared with the team or replaced. */
export interface FinishedWalk {
  objection: Objection;
  quote: string;
  script: string | null;
}

/** What the engine remembers whatever the mode. */
export interface BaseState {
  v: typeof STATE_VERSION;
  lang: Lang;
  /** Set by /lang: replies stay in `lang` whatever the rep writes. */
  langLocked: boolean;
  /** Rotates /tip. */
  tipIndex: number;
  /** The current dialog: one customer quote and what followed it (named by the turn that began it). */
  dialog: string | null;
  /** The group a walk was brought over from (a mention in a team group). */
  origin: string | null;
  /** The buttons of the last reply, for clients that answer them by number or label. */
  offered: Button[];
  lastWalk: FinishedWalk | null;
  /** What the rep sells (null until they say). Survives walks; changed with /profile. */
  profile: Profile | null;
  /** The rep writes traditional Chinese: Chinese replies are converted to it. */
  traditional: boolean;
  /** The rep's deals, open and recently closed (bounded); states stored before have none. */
  deals: Deal[];
  /** The deal the rep is working on now. */
  deal: string | null;
  /** The rep's IANA time zone set with /profile (null: the platform's, else the team's). */
  zone: string | null;
}

/** Nothing on the table: the next text is a customer quote. */
export interface IdleState extends BaseState {
  mode: 'idle';
}
/** A quote was tagged; the rep may start, correct it or dismiss it. */
export interface ClassifiedState extends BaseState {
  mode: 'classified';
  quote: Quote;
  /** The type shown (the prediction, or the rep's correction). */
  label: Label;
}
/** The rep picks the type (the classifier was unsure, or the rep asked to correct it). */
export interface ChoosingState extends BaseState {
  mode: 'choosing';
  quote: Quote;
  label: Label;
  /** The types offered when the classifier was unsure. */
  candidates: Label[];
}
/** A walk is in progress. */
export interface WalkingState extends BaseState {
  mode: 'walk';
  quote: Quote;
  walk: Walk;
}
/** A new quote was pasted mid-walk; waiting for "switch to it?". */
export interface SwitchingState extends BaseState {
  mode: 'switch';
  quote: Quote;
  walk: Walk;
  pending: PendingQuote;
}
/** The walk is done: how did it end? */
export interface OutcomeState extends BaseState {
  mode: 'outcome';
  quote: Quote;
  walk: Walk;
}

/** The rep says what they sell: the industry (buttons), then the product name (typed or skipped). */
export interface ProfileState extends BaseState {
  mode: 'profile';
  stage: 'industry' | 'product';
  /** The walk to start once the profile is set (first coaching use, or /profile mid-walk). */
  resume: { quote: Quote; label: Objection } | null;
}

/** A practice round: the bot plays a customer, the rep answers (dialogs/practice/). */
export interface PracticingState extends BaseState {
  mode: 'practice';
  practice: PracticeState;
}

/** A walk is about to start and it is not obvious for which customer: which deal is it? */
export interface WhichDealState extends BaseState {
  mode: 'which';
  quote: Quote;
  label: Objection;
}

/** Everything the engine remembers about one rep's conversation. Plain, versioned JSON. */
export type CoachState = IdleState | ClassifiedState | ChoosingState | WalkingState | SwitchingState | OutcomeState | ProfileState | PracticingState | WhichDealState;
export type Mode = CoachState['mode'];

/** The mode-specific part of a state (what a transition supplies), mode by mode. */
export type ModeFields = WithoutBase<CoachState>;
type WithoutBase<S> = S extends unknown ? Omit<S, keyof BaseState> : never;

// ---- the turn ----------------------------------------------------------------------------------

export interface TurnResult {
  state: CoachState;
  replies: Reply[];
  events: CoachEvent[];
  /** The language the replies are in (and the rep's language from now on). */
  lang: Lang;
  /** The dialog this turn belongs to (a new quote's own), or null before the first quote. */
  dialog: string | null;
  /** The turn was practice (a round, or /practice): its audit rows never count as real. */
  practice?: true;
  /** The deals this turn changed, as they are now (the managers' pipeline keeps a summary). */
  deals?: Deal[];
  /** Follow-up reminders to schedule and cancel, in this turn's transaction. */
  followUps?: FollowUpPlan;
}

/** The engine: pure functions over a playbook and a classifier. */
export interface Engine {
  /** A fresh state; `lang` is the channel's hint (e.g. the client's language). */
  initialState(lang?: Lang): CoachState;
  /** One turn: a stored state (any version, or null) and what the rep did. */
  handle(state: unknown, input: CoachInput): TurnResult;
  /** The language a stored state answers in (English when there is none). */
  languageOf(state: unknown): Lang;
  /** A stored conversation continued in another chat (a quote tagged in a group, coached in private). */
  carryOver(state: unknown, origin: string): CoachState;
}
