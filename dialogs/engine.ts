/**
 * The coaching engine: a pure state machine over the playbook's walks.
 *
 *   engine.handle(state, input) → { state, replies, events, lang, dialog }
 *
 * - `state` is plain, versioned JSON, a union by mode (types.ts): any process can store it and
 *   resume. A state it cannot use (unknown version, a step the playbook no longer has) is
 *   answered with a polite restart, never a crash; version 1 states are migrated (state.ts).
 * - `input` is what the rep did: typed text, a button press (an action, actions.ts) or a
 *   command already parsed by the channel (commands.ts).
 * - `replies` are channel-neutral; `events` are what the audit log and the dialog summary
 *   record. No I/O, no clock, no channel: given the classifier, the result depends only on the
 *   arguments.
 *
 * This file routes a turn to the handlers: classify.ts, walk.ts, knowledge.ts,
 * handle-commands.ts; what they show is in present.ts and compose.ts.
 */
import { loadComplianceRules, type ComplianceRules } from '../data/compliance.ts';
import { loadFollowups, type Followups } from '../data/followups.ts';
import { loadIndustryPacks, type IndustryPack } from '../data/industries.ts';
import type { Lang, Playbook } from '../data/playbook.ts';
import type { ObjectionClassifier } from '../intents/classifier.ts';
import { checkQuote } from '../intents/input.ts';
import { detectLanguage } from '../intents/normalise.ts';
import { decodeAction } from './actions.ts';
import { acknowledge, inRepScript, isAcknowledgement, isBareNumber, isEditRequest, isEmojiOnly, noteScript, simplified } from './around.ts';
import { answerOrQuote, answerSwitch, chooseType, newQuote, offerSwitch, retype, startCoaching, takeAsAnswer } from './classify.ts';
import { wordCommand } from './commands.ts';
import { dealAction, dealOutcome } from './deal-views.ts';
import { answerWhich, takeAlias } from './deals.ts';
import { handleCommand } from './handle-commands.ts';
import { knowledge } from './knowledge.ts';
import { createPractice, sharedPracticeKit } from './practice/index.ts';
import type { PracticeKit } from './practice/types.ts';
import { practiceAnswer, practiceHistory, startPractice } from './practice-mode.ts';
import { chooseIndustry, noProduct, showProfileStage, teamProblem, typeProduct } from './profile.ts';
import { showStep } from './present.ts';
import { initialState, languageOf, restoreState } from './state.ts';
import { Turn, type EngineDeps } from './turn.ts';
import type { Button, ChatContext, CoachInput, CoachState, Engine, MessageReply, TurnResult } from './types.ts';
import { answer, choose, edit, keep, next, recordOutcome, share, skip, staleButton, startWalk, useAlternative } from './walk.ts';
import { confirmWhen } from './when.ts';

export type * from './types.ts';
export { STATE_VERSION } from './types.ts';

/** A typed "2" or a button's label (without emoji and arrows, any case) as a press of that button. */
export function typedButton(text: string, buttons: readonly Button[]): Button | undefined {
  if (!buttons.length) return undefined;
  const typed = text.trim();
  if (/^\d{1,2}$/.test(typed)) return buttons[Number(typed) - 1];
  const plain = simplifyLabel(typed);
  return plain ? buttons.find((b) => simplifyLabel(b.label) === plain) : undefined;
}

function simplifyLabel(label: string): string {
  return label.replace(/[^\p{L}\p{N}\s?？]/gu, '').trim().toLowerCase();
}

/** The language a state that cannot be used still names, if any. */
function namedLanguage(raw: unknown): Lang | undefined {
  const lang = typeof raw === 'object' && raw !== null ? (raw as { lang?: unknown }).lang : undefined;
  return lang === 'zh' || lang === 'en' ? lang : undefined;
}

/** What the walks draw on besides the playbook (default: the shipped industry packs and compliance rules). */
export interface EngineData {
  packs?: ReadonlyMap<string, IndustryPack>;
  compliance?: ComplianceRules;
  /** Practice's data and move detector, asked for at the first practice turn (default: the shipped data). */
  practice?: () => PracticeKit;
  /** What the team sells, for reps who have not said (default: the playbook's `team`; null: none). */
  team?: { industry: string; product?: string | null } | null;
  /** Follow-up intervals and texts (default: data/followups.yaml). */
  followups?: Followups;
}

/** Builds the engine for a playbook and a classifier. */
export function createEngine(playbook: Playbook, classifier: Pick<ObjectionClassifier, 'classify'>, data: EngineData = {}): Engine {
  let practice: { kit: PracticeKit; round: ReturnType<typeof createPractice> } | undefined;
  const practiceKit = data.practice ?? sharedPracticeKit;
  const deps: EngineDeps = {
    playbook,
    classifier,
    packs: data.packs ?? loadIndustryPacks(),
    compliance: data.compliance ?? loadComplianceRules(),
    followups: data.followups ?? loadFollowups(),
    practice: () => (practice ??= ((kit) => ({ kit, round: createPractice(kit) }))(practiceKit())),
  };
  const team = data.team === undefined ? playbook.team : data.team;
  if (team) {
    const problem = teamProblem(team, deps.packs, deps.compliance);
    if (problem) throw new Error(`the team's default profile cannot be used: ${problem}`);
    deps.team = { industry: team.industry, product: team.product ?? null };
  }
  const industries = new Set(deps.packs.keys());

  function handle(raw: unknown, input: CoachInput): TurnResult {
    const fresh = raw === null || raw === undefined;
    const restored = restoreState(raw, playbook, industries);
    const hint = input.type === 'action' ? undefined : input.langHint;
    const state: CoachState = restored ? structuredClone(restored) : initialState(namedLanguage(raw) ?? hint);
    const dealsBefore = new Map(state.deals.map((d) => [d.id, JSON.stringify(d)]));
    const turn = new Turn(deps, state, input.turnId, input.clock);
    turn.input = input;
    if (!fresh && !restored) turn.say(turn.m.reset);

    if (input.type === 'command') handleCommand(turn, input.name, input.args ?? []);
    else if (input.type === 'action') handleAction(turn, input.action);
    else handleText(turn, input.text, input.context);
    // Remember what was offered, so a client without buttons can answer with a number or a label.
    // A turn without buttons ("why", help, an error) leaves the earlier buttons standing, unless
    // it moved elsewhere (/cancel).
    const offered = turn.replies.flatMap((r) => (r.kind === 'message' && r.buttons?.length ? [r.buttons] : [])).at(-1);
    if (offered) turn.state.offered = offered;
    else if (turn.state.mode !== state.mode) turn.state.offered = []; // a new place: the old buttons no longer fit
    // Practice (a round, /practice): no real dialog, and every row of the turn marked practice.
    const practiced = turn.practiceTurn || state.mode === 'practice' || turn.state.mode === 'practice';
    const result: TurnResult = { state: turn.state, replies: inRepScript(turn, turn.replies), events: turn.events, lang: turn.state.lang, dialog: practiced ? null : turn.state.dialog };
    if (practiced) result.practice = true;
    const deals = turn.state.deals.filter((d) => dealsBefore.get(d.id) !== JSON.stringify(d));
    if (deals.length) result.deals = deals;
    if (turn.followUps.schedule.length || turn.followUps.cancel.length) {
      // A reminder reads like a reply: in traditional characters for a rep who writes them.
      const schedule = turn.followUps.schedule.map((r) => {
        const [shown] = inRepScript(turn, [{ kind: 'message', ...r.payload }]) as MessageReply[];
        return { ...r, payload: { text: shown!.text, ...(shown!.buttons ? { buttons: shown!.buttons } : {}) } };
      });
      result.followUps = { schedule, cancel: turn.followUps.cancel };
    }
    return result;
  }

  function carryOver(raw: unknown, origin: string): CoachState {
    const state = restoreState(raw, playbook, industries) ?? initialState(namedLanguage(raw));
    return { ...structuredClone(state), origin };
  }

  return { initialState, handle, languageOf, carryOver };
}

/** Typed text: a word command, a button answered by number or label, an answer, or a quote. */
export function handleText(turn: Turn, raw: string, context: ChatContext | undefined): void {
  const problem = checkQuote(raw);
  if (problem) {
    turn.record({ kind: 'rejected', reason: problem });
    return turn.say(problem === 'empty' ? turn.m.empty : problem === 'too_long' ? turn.m.tooLong : turn.m.binary);
  }
  const text = raw.trim();
  noteScript(turn, text);
  const word = wordCommand(text) ?? wordCommand(simplified(text));
  if (word) return handleCommand(turn, word, []);
  const typed = typedButton(text, turn.state.offered) ?? typedButton(simplified(text), turn.state.offered);
  if (typed) return handleAction(turn, typed.action);
  const state = turn.state;
  if (state.mode === 'practice') return practiceAnswer(turn, text);
  if (state.mode === 'profile') return state.stage === 'product' ? typeProduct(turn, text) : showProfileStage(turn);
  if (isAcknowledgement(text)) return acknowledge(turn);
  if (isBareNumber(text)) return turn.say(turn.m.numberHint(turn.state.offered.length));
  if (isEmojiOnly(text)) return turn.say(turn.m.emojiHint);
  if (!turn.state.langLocked && /[\p{Script=Han}a-z]/iu.test(text)) turn.state.lang = detectLanguage(text);

  if (state.mode === 'walk') {
    // "改一下" at a flagged answer means "Edit", not a new answer that reads "改一下".
    if (state.walk.held != null && isEditRequest(text)) return edit(turn);
    const step = turn.current(state.walk);
    if (takeAlias(turn, text)) return showStep(turn, state.walk);
    if (!step.ask) return offerSwitch(turn, text);
    // Only where a note or a time is asked: a customer's words (voice) and a promise often read like objections.
    if ((step.slot === undefined || step.slot === 'note' || step.slot === 'time') && state.walk.held == null && answerOrQuote(turn, text)) return;
    return answer(turn, text);
  }
  if (state.mode === 'switch') return offerSwitch(turn, text);
  newQuote(turn, text, context);
}

/** A pressed button, decoded; one that does not fit where the rep is, is answered as stale. */
export function handleAction(turn: Turn, wire: string): void {
  const action = decodeAction(wire);
  switch (action?.kind) {
    case 'start':
      return startCoaching(turn);
    case 'retype':
      return retype(turn);
    case 'as':
      return chooseType(turn, action.label);
    case 'choice':
      return choose(turn, action.id);
    case 'next':
      return next(turn);
    case 'skip':
      return skip(turn);
    case 'keep':
      return keep(turn);
    case 'outcome':
      return recordOutcome(turn, action.outcome);
    case 'switch':
      return answerSwitch(turn, action.to);
    case 'topic':
      return knowledge(turn, [action.topic]);
    case 'share':
      return share(turn);
    case 'industry':
      return chooseIndustry(turn, action.id);
    case 'noproduct':
      return noProduct(turn);
    case 'alt':
      return useAlternative(turn);
    case 'edit':
      return edit(turn);
    case 'answer': {
      const text = takeAsAnswer(turn);
      return text === undefined ? staleButton(turn) : answer(turn, text);
    }
    case 'practice':
      return action.what === 'stats' ? practiceHistory(turn) : startPractice(turn, action.what);
    case 'command':
      return handleCommand(turn, action.name, []);
    case 'deal':
      return dealAction(turn, action.op, action.deal);
    case 'dealOutcome':
      return dealOutcome(turn, action.deal, action.outcome);
    case 'which': {
      const chosen = answerWhich(turn, action.deal);
      return chosen ? startWalk(turn, chosen.quote, chosen.label) : staleButton(turn);
    }
    case 'when':
      return confirmWhen(turn, action.ok);
    case undefined:
      return staleButton(turn);
  }
}
