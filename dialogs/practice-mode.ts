/**
 * Practice in the chat: `/practice [type|stats]`, the practice buttons, and the rep's answers
 * while a round is on — the engine's glue around the pure round of dialogs/practice/.
 *
 * A round is a mode of the state (`practice`); it starts in the rep's language with the rep's
 * industry pack, and opens with one of the team's real quotes of the type when the service
 * passes any (a manager allowed them), else with the pack's. It leaves the current dialog
 * (`dialog: null`): nothing of a practice round belongs to a real customer's dialog. When it
 * ends (after the scorecard, or `cancel`), the rep is back to idle with buttons to go again.
 */
import { OBJECTIONS, type Objection } from '../data/playbook.ts';
import { techniques } from '../data/practice.ts';
import { detectLanguage } from '../intents/normalise.ts';
import { PRACTICE_MESSAGES, type PracticeMessages } from './practice/messages.ts';
import { formatPracticeStats, practiceStats } from './practice/stats.ts';
import type { PracticeOutcome } from './practice/types.ts';
import type { Turn } from './turn.ts';
import type { CoachInput, PracticingState } from './types.ts';

/** What a `/practice` command (or a practice button) asks for. */
export type PracticeRequest = { kind: 'start'; type?: Objection } | { kind: 'stats' } | { kind: 'team'; on?: boolean } | { kind: 'unknown'; word: string };

const TYPE_WORDS: Record<Objection, string[]> = {
  timing: ['timing', 'time', '时间', '时机', '時間', '時機'],
  deal_size: ['deal_size', 'deal', 'size', 'dealsize', 'deal-size', 'money', '金额', '金額'],
  trust: ['trust', '信任', '信心'],
};
const STATS_WORDS = ['stats', 'history', 'statistics', '统计', '記錄', '记录', '統計'];
/** `/practice team on|off` (managers): whether rounds may open with the team's real quotes. */
const TEAM_WORDS = ['team', '团队', '團隊'];
const ON = ['on', 'yes', '开', '開', '允许', '允許'];
const OFF = ['off', 'no', '关', '關', '禁止'];

/** Reads the arguments of `/practice`. */
export function parsePracticeArgs(args: readonly string[]): PracticeRequest {
  const [first, second] = args.map((a) => a.normalize('NFKC').trim().toLowerCase());
  if (!first) return { kind: 'start' };
  const type = OBJECTIONS.find((t) => TYPE_WORDS[t].includes(first));
  if (type) return { kind: 'start', type };
  if (STATS_WORDS.includes(first)) return { kind: 'stats' };
  if (TEAM_WORDS.includes(first)) return { kind: 'team', on: second === undefined ? undefined : ON.includes(second) ? true : OFF.includes(second) ? false : undefined };
  return { kind: 'unknown', word: args[0]! };
}

/** What an input asks of practice, if anything: the service fetches what the engine needs for it. */
export function practiceRequestOf(input: CoachInput, decode: (wire: string) => { kind: string; what?: string } | undefined): PracticeRequest | undefined {
  if (input.type === 'command') return input.name.toLowerCase() === 'practice' ? parsePracticeArgs(input.args ?? []) : undefined;
  if (input.type !== 'action') return undefined;
  const action = decode(input.action);
  if (action?.kind !== 'practice') return undefined;
  return action.what === 'stats' ? { kind: 'stats' } : { kind: 'start', type: action.what as Objection | undefined };
}

const words = (turn: Turn): PracticeMessages => PRACTICE_MESSAGES[turn.lang];

/** `/practice [args]`. */
export function practiceCommand(turn: Turn, args: string[]): void {
  const request = parsePracticeArgs(args);
  // "/practice 信任" is asked in Chinese, "/practice trust" in English (unless /lang fixed the language).
  const asked = args.join(' ');
  if (!turn.state.langLocked && /[\p{Script=Han}a-z]/iu.test(asked)) turn.state.lang = detectLanguage(asked);
  if (request.kind === 'unknown') return turn.say(words(turn).usage(request.word));
  if (request.kind === 'stats') return practiceHistory(turn);
  // `team on|off` is a manager's, answered by the service; one that reaches the engine starts a round.
  startPractice(turn, request.kind === 'start' ? request.type : undefined);
}

/** The rep's practice history (the service hands in the finished rounds). */
export function practiceHistory(turn: Turn): void {
  turn.practiceTurn = true;
  const history = turn.input?.practice?.history ?? [];
  const kit = turn.deps.practice().kit;
  turn.say(formatPracticeStats(practiceStats(history), kit.practice, turn.lang), [turn.button(words(turn).btnPractice, { kind: 'practice' })]);
}

/** Starts a round: of `type`, or one chosen by the turn's id. */
export function startPractice(turn: Turn, type?: Objection): void {
  turn.practiceTurn = true;
  if (turn.input?.type === 'command' && turn.input.context === 'group') return turn.say(words(turn).privateOnly);
  const pick = pickOf(turn.turnId ?? '');
  const chosen = type ?? OBJECTIONS[pick % OBJECTIONS.length]!;
  const lang = turn.lang;
  const teamQuotes = (turn.input?.practice?.teamQuotes ?? []).filter((q) => q.type === chosen && detectLanguage(q.text) === lang).map((q) => q.text);
  const out = turn.deps.practice().round.startPractice({ lang, type: chosen, industry: turn.state.profile?.industry, pick, teamQuotes });
  turn.to({ mode: 'practice', practice: out.state });
  turn.state.dialog = null; // practice is never part of a real customer's dialog
  show(turn, out);
}

/** The rep's answer to the practice customer. */
export function practiceAnswer(turn: Turn, text: string): void {
  const state = turn.state as PracticingState;
  turn.practiceTurn = true;
  show(turn, turn.deps.practice().round.answerPractice(state.practice, text));
}

/** `cancel` during a round: the scorecard of what was answered (nothing answered: just stop). */
export function stopPractice(turn: Turn): void {
  const state = turn.state as PracticingState;
  turn.practiceTurn = true;
  if (!state.practice.turns.some((t) => t.answer !== null)) {
    turn.to({ mode: 'idle' });
    return turn.say(words(turn).stopped, againButtons(turn, state.practice.type));
  }
  show(turn, turn.deps.practice().round.endPractice(state.practice));
}

/** Where a round stands: the customer's last line again. */
export function showPractice(turn: Turn): void {
  const state = turn.state as PracticingState;
  turn.say(words(turn).customer(state.practice.turns.at(-1)!.customer));
  turn.say(words(turn).waiting);
}

/** `why` during a round: the principles of the type's technique. */
export function whyPractice(turn: Turn): void {
  const state = turn.state as PracticingState;
  const data = turn.deps.practice().kit.practice;
  const principles = techniques(data, state.practice.type).map((m) => `${data.moves[m].name[turn.lang]}: ${data.moves[m].principle[turn.lang]}`);
  turn.say(words(turn).why(words(turn).typeName[state.practice.type], principles));
}

/** The round's replies and events into the turn; a finished round goes back to idle. */
function show(turn: Turn, out: PracticeOutcome): void {
  const t = words(turn);
  for (const event of out.events) turn.record(event);
  const finished = out.state.done;
  out.replies.forEach((reply, i) => {
    const text = reply.kind === 'customer' ? t.customer(reply.text) : reply.text;
    const last = i === out.replies.length - 1;
    turn.say(text, finished && last ? againButtons(turn, out.state.type) : undefined);
  });
  if (finished) turn.to({ mode: 'idle' });
  else turn.state = { ...(turn.state as PracticingState), practice: out.state };
}

function againButtons(turn: Turn, type: Objection) {
  const t = words(turn);
  return [turn.button(t.btnAgain, { kind: 'practice', what: type }), turn.button(t.btnOther, { kind: 'practice' }), turn.button(t.btnStats, { kind: 'practice', what: 'stats' })];
}

/** A whole number from the turn's id (the caller's unique id): varies the type and the opening. */
function pickOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}
