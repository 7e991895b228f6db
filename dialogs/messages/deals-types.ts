/**
 * The shape of the deals part of the catalog: naming the customer, which deal a walk is for,
 * the date understood from a typed time, the walk's end and its follow-ups, /deals and /last.
 * One catalog per language implements it (deals-zh.ts, deals-en.ts).
 */
import type { Outcome } from '../types.ts';

export interface DealMessages {
  /** Offered with the walk's first step: the customer's short name, skippable. */
  aliasOffer: string;
  aliasSaved: (alias: string) => string;
  /** A deal without a name, by the start of its first quote. */
  unnamed: (quote: string) => string;
  /** {{alias}} in a text to the rep when the customer has no name. */
  yourCustomer: string;
  whichDeal: string;
  btnNewCustomer: string;
  /** The date understood from a typed time: right, or change it? */
  whenConfirm: (date: string) => string;
  btnRight: string;
  btnChange: string;
  whenAgain: string;
  /** The walk's end: what to do with the message, and what happens next. */
  walkEnd: (deal: string) => string;
  planMeeting: (date: string, outcome: string) => string;
  planRecontact: (date: string) => string;
  planRepropose: (date: string) => string;
  planOutcome: (date: string) => string;
  planNone: string;
  btnSent: string;
  btnDeals: string;
  btnLogOutcome: string;
  sentNoted: (deal: string) => string;
  sentThenAsk: (date: string) => string;
  /** /deals */
  dealsHeader: string;
  dealsNone: string;
  dealsMore: (n: number) => string;
  age: (days: number) => string;
  nextAt: (what: string, date: string) => string;
  reminderAt: (date: string) => string;
  cardQuotes: string;
  cardMessages: (n: number) => string;
  cardOutcome: (outcome: string) => string;
  btnResume: string;
  btnOutcome: string;
  btnSnooze: (days: number) => string;
  btnClose: string;
  resumed: (deal: string) => string;
  resumeDone: (deal: string) => string;
  outcomeFor: (deal: string) => string;
  outcomeSaved: Record<Outcome, (deal: string) => string>;
  openAgain: (date: string) => string;
  snoozed: (deal: string, date: string) => string;
  nothingToSnooze: (deal: string) => string;
  closed: (deal: string) => string;
  alreadyClosed: (deal: string) => string;
  unknownDeal: string;
  /** /last */
  lastHeader: string;
  lastNone: string;
  /** /profile with a time zone */
  zoneSaved: (zone: string) => string;
  zoneBad: (text: string) => string;
}
