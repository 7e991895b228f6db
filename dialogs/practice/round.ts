/**
 * A practice round, pure: the bot plays a customer who raises one objection, the rep answers in
 * free text, the customer answers back according to what the rep did, for two to four rounds,
 * then the scorecard.
 *
 *   const practice = createPractice(kit);
 *   let { state, replies, events } = practice.startPractice({ lang: 'en', type: 'trust', pick: 7 });
 *   ({ state, replies, events } = practice.answerPractice(state, 'No obligation at all. Thursday at 3pm?'));
 *
 * The customer's branch for an answer: a mistake (re-pitch, price first, pressure) makes them
 * push back; otherwise every technique move of the type at once — or all of them shown so far —
 * warms them up fully (`all`, which then holds unless a mistake follows); otherwise the furthest technique move shown warms them up a
 * little; nothing shown leaves them where they were (`none`). The round ends after MIN_ROUNDS
 * answers once every technique move has been shown, or after MAX_ROUNDS answers.
 * No clock, no randomness: the caller passes `pick` (any whole number) to vary the opening.
 */
import { checkCompliance } from '../compliance.ts';
import { GENERIC_PACK } from '../../data/industries.ts';
import { OBJECTIONS, type Lang, type Objection } from '../../data/playbook.ts';
import { mistakes, techniques, type Branch } from '../../data/practice.ts';
import { PRACTICE_MESSAGES } from './messages.ts';
import { firstShown, resultOf, scorecardText } from './scorecard.ts';
import { MAX_ROUNDS, MIN_ROUNDS, PRACTICE_STATE_VERSION, type PracticeKit, type PracticeOutcome, type PracticeReply, type PracticeState } from './types.ts';

export interface StartOptions {
  lang: Lang;
  /** The objection type to practise; chosen by `pick` when absent. */
  type?: Objection;
  /** The rep's industry pack id (unknown ids and none: the generic pack). */
  industry?: string;
  /** Varies the type (when not given) and the opening line; any whole number. */
  pick?: number;
  /**
   * The team's recent real quotes of this type and language, already redacted and allowed by a
   * manager for practice; when given, the customer opens with one of them.
   */
  teamQuotes?: string[];
}

export interface Practice {
  startPractice(options: StartOptions): PracticeOutcome;
  answerPractice(state: PracticeState, text: string): PracticeOutcome;
  /** Ends the round now (the rep gives up or leaves): the scorecard of what was answered. */
  endPractice(state: PracticeState): PracticeOutcome;
}

export function createPractice(kit: PracticeKit): Practice {
  const { practice } = kit;

  const startPractice = ({ lang, type, industry, pick = 0, teamQuotes }: StartOptions): PracticeOutcome => {
    const n = Math.abs(Math.trunc(pick));
    const chosen = type ?? OBJECTIONS[n % OBJECTIONS.length]!;
    const packId = industry && practice.openings.has(industry) && kit.packs.has(industry) ? industry : GENERIC_PACK;
    const quotes = (teamQuotes ?? []).map((q) => q.trim()).filter(Boolean);
    const lines = quotes.length ? quotes : practice.openings.get(packId)![chosen][lang];
    const opening = lines[n % lines.length]!;
    const source = quotes.length ? 'team' : 'playbook';
    const state: PracticeState = { v: PRACTICE_STATE_VERSION, lang, type: chosen, industry: packId, source, turns: [{ customer: opening, answer: null, moves: [], compliance: [] }], done: false };
    const t = PRACTICE_MESSAGES[lang];
    const replies: PracticeReply[] = [{ kind: 'note', text: t.intro(t.typeName[chosen], `${MIN_ROUNDS}–${MAX_ROUNDS}`) }, { kind: 'customer', text: opening }];
    if (source === 'team') replies.push({ kind: 'note', text: t.teamQuote });
    return { state, replies, events: [{ kind: 'practice_started', practice: true, type: chosen, lang, industry: packId, source }] };
  };

  const finish = (state: PracticeState, replies: PracticeReply[]): PracticeOutcome => {
    const done: PracticeState = { ...state, done: true };
    replies.push({ kind: 'scorecard', text: scorecardText(done, kit) });
    return { state: done, replies, events: [{ kind: 'practice_finished', practice: true, result: resultOf(done, kit) }] };
  };

  const answerPractice = (state: PracticeState, text: string): PracticeOutcome => {
    const t = PRACTICE_MESSAGES[state.lang];
    if (state.done) return { state, replies: [{ kind: 'note', text: t.over }], events: [] };
    if (!text.trim()) return { state, replies: [{ kind: 'note', text: t.emptyAnswer }], events: [] };

    const findings = checkCompliance(kit.compliance, text);
    // A forbidden promise ("保证您稳赚不赔") is never the technique's no-pressure commitment.
    const found = kit.detector.detect(text, state.type).filter((f) => practice.moves[f.move].kind === 'mistake' || !findings.some((c) => f.clause.includes(c.matched)));
    const current = state.turns.at(-1)!;
    const answered = { ...current, answer: text, moves: found.map(({ move, clause }) => ({ move, clause })), compliance: findings.map((f) => ({ ruleId: f.ruleId, matched: f.matched })) };
    let next: PracticeState = { ...state, turns: [...state.turns.slice(0, -1), answered] };
    const round = next.turns.length;
    const replies: PracticeReply[] = findings.map((f) => ({ kind: 'compliance', text: t.complianceMark(f.matched, f.title[state.lang], f.alternative[state.lang]) }));
    const events: PracticeOutcome['events'] = [{ kind: 'practice_answer', practice: true, type: state.type, round, moves: answered.moves.map((m) => m.move), compliance: answered.compliance.map((c) => c.ruleId) }];

    const techniqueMoves = techniques(practice, state.type);
    const allShown = techniqueMoves.every((m) => firstShown(next, m));
    const branch = branchOf(answered.moves.map((m) => m.move), techniqueMoves, mistakes(practice, state.type), allShown);
    const variants = practice.types[state.type].replies[branch]![state.lang];
    const last = round >= MAX_ROUNDS || (round >= MIN_ROUNDS && allShown && branch === 'all');
    if (!last) {
      const reply = variants[Math.min(round - 1, variants.length - 1)]!;
      replies.push({ kind: 'customer', text: reply });
      next = { ...next, turns: [...next.turns, { customer: reply, answer: null, moves: [], compliance: [] }] };
      return { state: next, replies, events };
    }
    const closing = practice.types[state.type].closing[branch === 'all' ? 'warm' : 'cold'][state.lang];
    replies.push({ kind: 'customer', text: closing });
    const finished = finish(next, replies);
    return { ...finished, events: [...events, ...finished.events] };
  };

  const endPractice = (state: PracticeState): PracticeOutcome => {
    if (state.done) return { state, replies: [{ kind: 'note', text: PRACTICE_MESSAGES[state.lang].over }], events: [] };
    return finish(state, []);
  };

  return { startPractice, answerPractice, endPractice };
}

/** Which scripted branch the customer answers from (see the module comment). */
export function branchOf(shown: string[], techniqueMoves: string[], mistakeMoves: string[], allShownSoFar: boolean): Branch {
  const mistake = mistakeMoves.find((m) => shown.includes(m));
  if (mistake) return mistake as Branch;
  if (allShownSoFar) return 'all';
  const techniquesNow = techniqueMoves.filter((m) => shown.includes(m));
  if (techniquesNow.length === 0) return 'none';
  return techniquesNow.at(-1) as Branch;
}
