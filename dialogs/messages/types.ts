/**
 * The shape of the engine's message catalog: everything the coach says that is not playbook
 * content (button labels, prompts, errors, help). One catalog per language implements it
 * (zh.ts, en.ts), so a string missing in one language is a type error.
 */
import type { Outcome } from '../types.ts';

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
  /** The help text around the command table's lines. */
  help: (lines: { words: string[]; commands: string[] }) => string;
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
}
