/**
 * The shape of the engine's message catalog: everything the coach says that is not playbook
 * content (button labels, prompts, errors, help). One catalog per language implements it
 * (zh.ts, en.ts), so a string missing in one language is a type error.
 */
import type { Outcome } from '../types.ts';
import type { DealMessages } from './deals-types.ts';

export interface Messages {
  confidence: (percent: number) => string;
  because: string;
  quote: (text: string) => string;
  listSep: string;
  colon: string;
  unsure: string;
  notObjection: string;
  /** The one-line group answer for a text that is not an objection. */
  notObjectionShort: string;
  btnStart: string;
  btnOtherType: string;
  btnNotObjection: string;
  btnActuallyObjection: string;
  chooseType: string;
  correctedToNone: string;
  correction: (from: string, to: string) => string;
  step: (n: number, title: string) => string;
  askPrompt: string;
  composeHeader: string;
  btnNext: string;
  btnSkip: string;
  btnWhy: string;
  btnBack: string;
  btnKeep: string;
  why: string;
  summaryHeader: string;
  summaryType: string;
  summaryQuote: string;
  outcomeQuestion: string;
  btnBooked: string;
  btnOpen: string;
  btnLost: string;
  outcomeThanks: Record<Outcome, string>;
  switchQuestion: (type: string) => string;
  btnSwitch: string;
  btnStay: string;
  stayed: string;
  cancelled: string;
  nothingToCancel: string;
  restarted: string;
  stale: string;
  reset: string;
  empty: string;
  tooLong: string;
  binary: string;
  unknownCommand: (name: string) => string;
  welcomeBack: string;
  welcome: string;
  /** The help text around the command table's lines (without its opening line after the welcome, which says it). */
  help: (lines: { words: string[]; commands: string[]; intro: boolean }) => string;
  langSet: string;
  langAuto: string;
  langUsage: string;
  tip: string;
  btnAnotherTip: string;
  kbTopics: string;
  marginUsage: string;
  marginBuy: (available: string, ratio: string, max: string) => string;
  marginLiquidation: (n: string, drop: string, swing: string) => string;
  marginBad: string;
  riskyPromiseKept: string;
  btnShare: string;
  teamPostHeader: string;
  shared: string;
  nothingToShare: string;
  // ---- the rep's profile (what they sell)
  profileNow: (industry: string, product: string | null) => string;
  /** Before the first walk: what do you sell? */
  profileFirst: string;
  profileIndustry: string;
  btnGenericIndustry: string;
  profileProduct: (industry: string, example: string) => string;
  btnNoProduct: string;
  profileBadProduct: (max: number) => string;
  profileSaved: (industry: string, product: string | null) => string;
  /** The team's default, given to a rep who has not said what they sell (once). */
  profileTeam: (industry: string, product: string | null | undefined) => string;
  profileWhy: string;
  summaryProfile: (industry: string, product: string | null) => string;
  summaryMessages: string;
  // ---- the compliance guard
  complianceFlag: (title: string, matched: string, explanation: string, alternative: string, fillIn: boolean, others: string[]) => string;
  btnUseAlternative: string;
  btnEdit: string;
  btnUseAnyway: string;
  editPrompt: string;
  overrideKept: string;
  overrideMark: (title: string) => string;
  personalDataNote: string;
  tooLongForMessage: string;
  // ---- text around the walk
  ackAtQuestion: string;
  ackIdle: string;
  numberHint: (buttons: number) => string;
  emojiHint: string;
  answerOrQuote: (type: string) => string;
  btnMyAnswer: string;
  btnNewQuote: string;
  /** Deals: naming the customer, dates, the walk's end, follow-ups, /deals and /last. */
  deals: DealMessages;
}
