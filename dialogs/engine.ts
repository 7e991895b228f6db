/**
 * The coaching engine: a pure state machine over the playbook's walks.
 *
 *   engine.handle(state, event) → { state, replies, events }
 *
 * - `state` is plain, versioned JSON (see `CoachState`): any process can store it and resume.
 *   A state it does not recognise (older version, a step the playbook no longer has) is
 *   answered with a polite restart, never a crash.
 * - `event` is what the rep did: typed text, a button press (action id) or a command.
 * - `replies` are channel-neutral messages `{ text, buttons? }`; buttons carry short action ids
 *   (Telegram allows 64 bytes of callback data).
 * - `events` are what the audit log records: classifications, corrections, steps, outcomes.
 *
 * No I/O happens here; given the classifier, the result depends only on the arguments.
 */
import { LABELS, OBJECTIONS, type Label, type Lang, type Objection, type Playbook, type WalkStep } from '../data/playbook.ts';
import { CLASSIFIER_VERSION, type Classification, type ObjectionClassifier } from '../intents/classifier.ts';
import { checkQuote } from '../intents/input.ts';
import { PhraseMatcher } from '../intents/keywords.ts';
import { detectLanguage } from '../intents/normalise.ts';
import { formatNumber, formatPercent, parseMargin } from './margin.ts';
import { MESSAGES, type Messages } from './messages.ts';

export const STATE_VERSION = 1;

/** A button: what it says, and the action id sent back when pressed. */
export interface Button {
  label: string;
  action: string;
}

/** One message to the rep — or, with `audience: 'team'`, a post for the rep's team group. */
export interface Reply {
  text: string;
  buttons?: Button[];
  audience?: 'team';
  /** For a team post: the group the walk came from, if any (else the adapter's team chat). */
  teamChat?: string;
}

/** What the rep did. */
export type CoachInput = (
  | { type: 'text'; text: string; langHint?: Lang; brief?: boolean }
  | { type: 'action'; action: string }
  | { type: 'command'; name: string; args?: string[]; langHint?: Lang }
) & {
  /** A unique id for this turn, given by the caller; names the dialog a new quote starts. */
  turnId?: string;
};

/** What the audit log records about a turn. */
export type CoachEvent =
  | { kind: 'classified'; quote: string; label: Label; confidence: number; unsure: boolean; matched: string[]; classifierVersion: string }
  | { kind: 'corrected'; quote: string; from: Label; to: Label }
  | { kind: 'walk_started'; objection: Objection; quote: string }
  | { kind: 'step'; objection: Objection; step: string }
  | { kind: 'walk_finished'; objection: Objection }
  | { kind: 'outcome'; objection: Objection; outcome: Outcome }
  | { kind: 'rejected'; reason: 'empty' | 'too_long' | 'binary' | 'stale_button' | 'unknown_command' };

export type Outcome = 'booked' | 'open' | 'lost';
const OUTCOMES: Outcome[] = ['booked', 'open', 'lost'];

/** The coaching walk in progress. */
export interface WalkState {
  objection: Objection;
  /** Id of the current step. */
  step: string;
  /** Ids of the steps before it, for `back`. */
  history: string[];
  /** Answers by step id: typed text, or the id of the chosen choice. */
  answers: Record<string, string>;
  /** A typed answer held back by a check, kept if the rep insists. */
  held?: string;
}

/** Everything the engine remembers about one rep's conversation. Plain JSON. */
export interface CoachState {
  v: typeof STATE_VERSION;
  lang: Lang;
  /** Set by /lang: replies stay in `lang` whatever the rep writes. */
  langLocked: boolean;
  mode: 'idle' | 'classified' | 'choosing' | 'walk' | 'switch' | 'outcome';
  /** The customer quote being coached. */
  quote?: string;
  /** The classifier's label for `quote`. */
  predicted?: Label;
  /** The label the walk uses (the prediction, or the rep's correction). */
  label?: Label;
  /** Labels offered when the classifier was unsure. */
  candidates?: Label[];
  /** The classifier's confidence and reason for `quote`, to show it again on `back`. */
  confidence?: number;
  matched?: string[];
  walk?: WalkState;
  /** A new quote pasted mid-walk, waiting for "switch?". */
  pending?: { quote: string; label: Label; confidence: number; unsure: boolean; candidates: Label[]; matched: string[] };
  /** Rotates /tip. */
  tipIndex: number;
  /** The group a walk was brought over from (a mention in a team group). */
  origin?: string;
  /** The current dialog: one customer quote and what followed it (named by the turn that began it). */
  dialog?: string;
  /** The buttons of the last reply, for clients that answer them by number or label. */
  offered?: Button[];
  /** The last finished walk, until shared with the team or replaced. */
  lastWalk?: { objection: Objection; quote: string; script?: string };
}

export interface TurnResult {
  state: CoachState;
  replies: Reply[];
  events: CoachEvent[];
}

/** Words that work as commands at every step, in both languages. */
const WORD_COMMANDS: Record<string, string> = {
  back: 'back', 返回: 'back', 上一步: 'back',
  restart: 'restart', 重来: 'restart', 重新开始: 'restart',
  cancel: 'cancel', 取消: 'cancel',
  help: 'help', 帮助: 'help',
  why: 'why', 为什么: 'why', '为什么?': 'why', '为什么？': 'why', 'why?': 'why',
};

/** A typed "2" or a button's label (without emoji and arrows, any case) as a press of that button. */
export function typedButton(text: string, buttons: Button[] | undefined): Button | undefined {
  if (!buttons?.length) return undefined;
  const typed = text.trim();
  if (/^\d{1,2}$/.test(typed)) return buttons[Number(typed) - 1];
  const plain = simplifyLabel(typed);
  return plain ? buttons.find((b) => simplifyLabel(b.label) === plain) : undefined;
}

function simplifyLabel(label: string): string {
  return label.replace(/[^\p{L}\p{N}\s?？]/gu, '').trim().toLowerCase();
}

/** Emoji per objection type, so a phone user spots the type at a glance. */
const ICON: Record<Label, string> = { timing: '⏳', deal_size: '💰', trust: '🤝', none: '✅' };

export interface Engine {
  /** A fresh state; `lang` is the channel's hint (e.g. the Telegram client's language). */
  initialState(lang?: Lang): CoachState;
  handle(state: unknown, input: CoachInput): TurnResult;
}

/** Builds the engine for a playbook and a classifier. */
export function createEngine(playbook: Playbook, classifier: Pick<ObjectionClassifier, 'classify'>): Engine {
  const checks = new Map(
    Object.entries(playbook.knowledge.checks).map(([name, check]) => [
      name,
      new PhraseMatcher(
        [...check.phrases.zh, ...check.phrases.en].map((phrase) => ({ phrase, tag: name, weight: 1 })),
        [],
        playbook.negators,
      ),
    ]),
  );
  const stepIndex = (objection: Objection, id: string) => playbook.walks[objection].findIndex((s) => s.id === id);
  const stepOf = (walk: WalkState): WalkStep => playbook.walks[walk.objection][stepIndex(walk.objection, walk.step)]!;

  function initialState(lang: Lang = 'en'): CoachState {
    return { v: STATE_VERSION, lang, langLocked: false, mode: 'idle', tipIndex: 0 };
  }

  /** Whether `state` is a state this engine and playbook can continue. */
  function isUsable(state: unknown): state is CoachState {
    if (typeof state !== 'object' || state === null) return false;
    const s = state as Partial<CoachState>;
    if (s.v !== STATE_VERSION || (s.lang !== 'zh' && s.lang !== 'en') || typeof s.mode !== 'string') return false;
    if (s.mode === 'walk' || s.mode === 'outcome' || s.mode === 'switch') {
      const walk = s.walk;
      if (!walk || !OBJECTIONS.includes(walk.objection)) return false;
      if (s.mode !== 'outcome' && stepIndex(walk.objection, walk.step) < 0) return false;
      if (walk.history.some((id) => stepIndex(walk.objection, id) < 0)) return false;
    }
    return true;
  }

  function handle(rawState: unknown, input: CoachInput): TurnResult {
    const fresh = rawState === null || rawState === undefined;
    const usable = isUsable(rawState);
    const hint = input.type === 'action' ? undefined : input.langHint;
    // An unusable state may still tell which language the rep reads.
    const oldLang = (rawState as { lang?: unknown } | null)?.lang;
    const state: CoachState = usable ? structuredClone(rawState) : initialState(oldLang === 'zh' || oldLang === 'en' ? oldLang : hint);
    const turn = new Turn(state, input.turnId);
    if (!fresh && !usable) turn.say(turn.m.reset);

    if (input.type === 'command') turn.command(input.name.toLowerCase(), input.args ?? []);
    else if (input.type === 'action') turn.action(input.action);
    else turn.text(input.text, input.brief);
    // Remember what was offered, so a client without buttons can answer with a number or a label.
    // A turn without buttons ("why", help, an error) leaves the earlier buttons standing.
    const offered = turn.replies.filter((r) => r.buttons?.length && r.audience !== 'team').at(-1)?.buttons;
    if (offered) turn.state.offered = offered;
    return { state: turn.state, replies: turn.replies, events: turn.events };
  }

  /** One turn: the state being changed, and what it says and records. */
  class Turn {
    readonly replies: Reply[] = [];
    readonly events: CoachEvent[] = [];
    state: CoachState;
    private readonly turnId?: string;

    constructor(state: CoachState, turnId?: string) {
      this.state = state;
      this.turnId = turnId;
    }

    /** A new customer quote is on the table: a new dialog begins. */
    beginDialog(): void {
      this.state.dialog = this.turnId ?? `${this.state.dialog ?? 'd'}+`;
    }

    get m(): Messages {
      return MESSAGES[this.state.lang];
    }
    get lang(): Lang {
      return this.state.lang;
    }
    say(text: string, buttons?: Button[]): void {
      this.replies.push(buttons?.length ? { text, buttons } : { text });
    }
    labelName(label: Label): string {
      return playbook.labels[label].name[this.lang];
    }

    // ---- input kinds -------------------------------------------------------------------------

    text(raw: string, brief = false): void {
      const problem = checkQuote(raw);
      if (problem) {
        this.events.push({ kind: 'rejected', reason: problem });
        this.say(problem === 'empty' ? this.m.empty : problem === 'too_long' ? this.m.tooLong : this.m.binary);
        return;
      }
      const text = raw.trim();
      if (text.startsWith('/')) {
        const [name = '', ...args] = text.slice(1).split(/\s+/);
        this.command(name.split('@')[0]!.toLowerCase(), args);
        return;
      }
      const word = Object.hasOwn(WORD_COMMANDS, text.toLowerCase()) ? WORD_COMMANDS[text.toLowerCase()] : undefined;
      if (word) {
        this.command(word, []);
        return;
      }
      const typed = typedButton(text, this.state.offered);
      if (typed) return this.action(typed.action);
      if (!this.state.langLocked && /[\p{Script=Han}a-z]/iu.test(text)) this.state.lang = detectLanguage(text);

      const { mode, walk } = this.state;
      if (mode === 'walk' && walk) {
        const step = stepOf(walk);
        if (step.ask) return this.answer(step, text);
        return this.offerSwitch(text);
      }
      if (mode === 'switch') return this.offerSwitch(text);
      this.newQuote(text, brief);
    }

    action(action: string): void {
      const [verb = '', arg = ''] = action.split(':');
      const { mode, walk } = this.state;
      const stale = () => {
        this.events.push({ kind: 'rejected', reason: 'stale_button' });
        this.say(this.m.stale);
        this.showCurrent();
      };
      switch (verb) {
        case 'go':
          if (mode === 'classified' && this.state.label && this.state.label !== 'none') return this.startWalk(this.state.label as Objection);
          return stale();
        case 'fix':
          if (mode === 'classified' || mode === 'choosing') return this.askType(LABELS.filter((l) => l !== this.state.label));
          return stale();
        case 'as':
          if ((mode === 'classified' || mode === 'choosing') && (LABELS as readonly string[]).includes(arg)) return this.choose(arg as Label);
          return stale();
        case 'next':
          if (mode === 'walk' && walk && !stepOf(walk).ask && !stepOf(walk).choices) return this.advance();
          return stale();
        case 'c': {
          const choice = mode === 'walk' && walk ? stepOf(walk).choices?.find((c) => c.id === arg) : undefined;
          if (!choice || !walk) return stale();
          walk.answers[walk.step] = choice.id;
          return this.advance(choice.next);
        }
        case 'skip':
          if (mode === 'walk' && walk && stepOf(walk).ask) {
            delete walk.answers[walk.step];
            return this.advance();
          }
          return stale();
        case 'keep':
          if (mode === 'walk' && walk?.held !== undefined) {
            walk.answers[walk.step] = walk.held;
            delete walk.held;
            this.say(this.m.riskyPromiseKept);
            return this.advance();
          }
          return stale();
        case 'out':
          if (mode === 'outcome' && walk && (OUTCOMES as string[]).includes(arg)) return this.outcome(arg as Outcome);
          return stale();
        case 'sw':
          if (mode !== 'switch' || !this.state.pending) return stale();
          if (arg === 'yes') {
            const pending = this.state.pending;
            delete this.state.pending;
            this.beginDialog();
            return this.presentClassification(pending.quote, pending);
          }
          delete this.state.pending;
          this.state.mode = 'walk';
          this.say(this.m.stayed);
          return this.showStep();
        case 'kb':
          return this.command('kb', [arg]);
        case 'share':
          return this.share();
        case 'tip':
        case 'why':
        case 'back':
        case 'restart':
        case 'cancel':
        case 'help':
          return this.command(verb, []);
        default:
          return stale();
      }
    }

    command(name: string, args: string[]): void {
      switch (name) {
        case 'start':
          if (this.state.mode !== 'idle') {
            // Back in a conversation that was going on: show where it was.
            this.say(this.m.welcomeBack);
            return this.showCurrent();
          }
          this.say(this.m.welcome);
          return this.say(this.m.help);
        case 'help':
          return this.say(this.m.help);
        case 'lang':
          return this.setLanguage(args[0]);
        case 'cancel':
          if (this.state.mode === 'idle') return this.say(this.m.nothingToCancel);
          this.toIdle();
          return this.say(this.m.cancelled);
        case 'restart':
          if (!this.state.walk || this.state.mode === 'idle') return this.say(this.m.nothingToCancel);
          this.say(this.m.restarted);
          return this.startWalk(this.state.walk.objection);
        case 'back':
          return this.back();
        case 'why':
          return this.why();
        case 'tip':
          return this.tip();
        case 'kb':
          return this.knowledge(args[0]);
        case 'margin':
          return this.margin(args);
        default:
          this.events.push({ kind: 'rejected', reason: 'unknown_command' });
          return this.say(this.m.unknownCommand(name));
      }
    }

    // ---- classification ----------------------------------------------------------------------

    newQuote(text: string, brief = false): void {
      const result = classifier.classify(text);
      this.record(text, result);
      this.beginDialog();
      this.presentClassification(text, result);
      if (brief) {
        // In a team group: one short message, no buttons; the walk continues in private.
        this.replies.length = 0;
        const m = this.m;
        const top = result.unsure ? result.candidates.map((c) => this.labelName(c)).join(' / ') : this.labelName(result.label);
        const icon = result.unsure ? '🤔' : ICON[result.label];
        const technique = result.label === 'none' ? m.notObjectionShort : m.why + playbook.labels[result.label].technique![this.lang];
        // Channels that can continue in the thread (Teams) use these buttons; Telegram links to a private chat instead.
        const buttons: Button[] = result.unsure
          ? result.candidates.filter((c) => c !== 'none').map((c) => ({ label: `${ICON[c]} ${playbook.labels[c].short[this.lang]}`, action: `as:${c}` }))
          : result.label === 'none'
            ? []
            : [{ label: m.btnStart, action: 'go' }];
        this.say(`${icon} ${top}${result.unsure ? '' : ` · ${m.confidence(Math.min(99, Math.round(result.confidence * 100)))}`}\n${technique}`, buttons);
      }
    }

    record(text: string, result: Classification): void {
      this.events.push({
        kind: 'classified',
        quote: text,
        label: result.label,
        confidence: result.confidence,
        unsure: result.unsure,
        matched: result.matched,
        classifierVersion: CLASSIFIER_VERSION,
      });
    }

    presentClassification(quote: string, result: Pick<Classification, 'label' | 'confidence' | 'unsure' | 'candidates'> & { matched?: string[] }): void {
      const m = this.m;
      Object.assign(this.state, { quote, predicted: result.label, label: result.label, candidates: result.candidates, confidence: result.confidence, matched: result.matched ?? [] });
      delete this.state.walk;
      delete this.state.pending;
      if (result.unsure) {
        this.state.mode = 'choosing';
        return this.askType(result.candidates.includes('none') ? result.candidates : [...result.candidates, 'none'], m.unsure);
      }
      this.state.mode = 'classified';
      const because = result.matched?.length ? `\n${m.because}${result.matched.map(m.quote).join(m.listSep)}` : '';
      if (result.label === 'none') {
        return this.say(`${ICON.none} ${m.notObjection}${because}`, [{ label: m.btnActuallyObjection, action: 'fix' }]);
      }
      const confidence = m.confidence(Math.min(99, Math.round(result.confidence * 100)));
      this.say(`${ICON[result.label]} ${this.labelName(result.label)} · ${confidence}${because}`, [
        { label: m.btnStart, action: 'go' },
        { label: m.btnOtherType, action: 'fix' },
        { label: m.btnNotObjection, action: 'as:none' },
      ]);
    }

    askType(labels: Label[], prompt = this.m.chooseType): void {
      this.state.mode = 'choosing';
      this.say(
        prompt,
        labels.map((label) => ({ label: label === 'none' ? this.m.btnNotObjection : `${ICON[label]} ${playbook.labels[label].short[this.lang]}`, action: `as:${label}` })),
      );
    }

    choose(label: Label): void {
      const { quote = '', predicted } = this.state;
      if (predicted && label !== predicted) {
        this.events.push({ kind: 'corrected', quote, from: predicted, to: label });
        if (label !== 'none') this.say(this.m.correction(this.labelName(predicted), this.labelName(label)));
      }
      this.state.label = label;
      if (label === 'none') {
        this.toIdle();
        return this.say(this.m.correctedToNone);
      }
      this.startWalk(label);
    }

    offerSwitch(text: string): void {
      const result = classifier.classify(text);
      this.record(text, result);
      this.state.mode = 'switch';
      this.state.pending = { quote: text, label: result.label, confidence: result.confidence, unsure: result.unsure, candidates: result.candidates, matched: result.matched };
      const type = result.unsure ? '?' : this.labelName(result.label);
      this.say(this.m.switchQuestion(type), [
        { label: this.m.btnSwitch, action: 'sw:yes' },
        { label: this.m.btnStay, action: 'sw:no' },
      ]);
    }

    // ---- the walk ----------------------------------------------------------------------------

    startWalk(objection: Objection): void {
      const first = playbook.walks[objection][0]!;
      this.state.mode = 'walk';
      this.state.label = objection;
      this.state.walk = { objection, step: first.id, history: [], answers: {} };
      this.events.push({ kind: 'walk_started', objection, quote: this.state.quote ?? '' });
      this.enterStep();
    }

    enterStep(): void {
      const walk = this.state.walk!;
      this.events.push({ kind: 'step', objection: walk.objection, step: walk.step });
      this.showStep();
    }

    /** Shows the current step: title, advice, the message to send, and its buttons. */
    showStep(): void {
      const walk = this.state.walk!;
      const step = stepOf(walk);
      const m = this.m;
      const parts = [`${ICON[walk.objection]} ${m.step(walk.history.length + 1, step.title[this.lang])}`, this.fill(step.say[this.lang])];
      if (step.compose) parts.push(`${m.composeHeader}\n${this.fill(step.compose[this.lang])}`);
      if (step.ask) parts.push(m.askPrompt + step.ask[this.lang]);
      const buttons: Button[] = step.choices
        ? step.choices.map((c) => ({ label: c.label[this.lang], action: `c:${c.id}` }))
        : [step.ask ? { label: m.btnSkip, action: 'skip' } : { label: m.btnNext, action: 'next' }];
      buttons.push({ label: m.btnWhy, action: 'why' }, { label: m.btnBack, action: 'back' });
      this.say(parts.join('\n\n'), buttons);
    }

    /** Replaces {{step}} / {{step|fallback}} with the rep's answers. */
    fill(template: string): string {
      const walk = this.state.walk!;
      return template.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|([^}]*))?\}\}/g, (_, id: string, fallback?: string) => {
        const answer = walk.answers[id];
        if (answer === undefined) return fallback?.trim() || '____';
        const step = playbook.walks[walk.objection].find((s) => s.id === id);
        const choice = step?.choices?.find((c) => c.id === answer);
        return choice ? choice.label[this.lang] : answer;
      });
    }

    answer(step: WalkStep, text: string): void {
      const walk = this.state.walk!;
      const matcher = step.check ? checks.get(step.check) : undefined;
      if (matcher && matcher.findIn(text).some((hit) => !hit.negated)) {
        walk.held = text;
        const check = playbook.knowledge.checks[step.check!]!;
        return this.say(`⚠️ ${check.warn[this.lang]}`, [
          { label: this.m.btnKeep, action: 'keep' },
          { label: this.m.btnSkip, action: 'skip' },
        ]);
      }
      delete walk.held;
      walk.answers[walk.step] = text;
      this.advance();
    }

    /** Moves to `target`, else the step's `next`, else the following step; past the end, the summary. */
    advance(target?: string): void {
      const walk = this.state.walk!;
      const steps = playbook.walks[walk.objection];
      const current = stepOf(walk);
      const nextId = target ?? current.next ?? steps[stepIndex(walk.objection, walk.step) + 1]?.id;
      delete walk.held;
      walk.history.push(walk.step);
      if (!nextId) return this.finish();
      walk.step = nextId;
      this.enterStep();
    }

    finish(): void {
      const walk = this.state.walk!;
      this.state.mode = 'outcome';
      this.events.push({ kind: 'walk_finished', objection: walk.objection });
      this.state.lastWalk = { objection: walk.objection, quote: this.state.quote ?? '', script: this.lastScript() };
      this.showOutcome();
    }

    /** The last ready-to-send message of the walk, filled with the rep's answers. */
    lastScript(): string | undefined {
      const walk = this.state.walk!;
      const composed = walk.history.map((id) => playbook.walks[walk.objection].find((s) => s.id === id)!).filter((s) => s.compose);
      const last = composed.at(-1);
      return last ? this.fill(last.compose![this.lang]) : undefined;
    }

    /** Posts the last walk to the team: the type, the technique and the rep's script. */
    share(): void {
      const last = this.state.lastWalk;
      if (!last) {
        this.events.push({ kind: 'rejected', reason: 'stale_button' });
        return this.say(this.m.nothingToShare);
      }
      const m = this.m;
      const info = playbook.labels[last.objection];
      const lines = [m.teamPostHeader, `${ICON[last.objection]} ${info.name[this.lang]}`, m.quote(last.quote), `${m.why}${info.technique![this.lang]}`];
      if (last.script) lines.push('', m.composeHeader, last.script);
      this.replies.push({ text: lines.join('\n'), audience: 'team', ...(this.state.origin ? { teamChat: this.state.origin } : {}) });
      delete this.state.lastWalk;
      this.say(m.shared);
    }

    showOutcome(): void {
      const m = this.m;
      this.say(this.summary());
      this.say(m.outcomeQuestion, [
        { label: m.btnBooked, action: 'out:booked' },
        { label: m.btnOpen, action: 'out:open' },
        { label: m.btnLost, action: 'out:lost' },
      ]);
    }

    /** The walk in a few lines the rep can copy into a CRM or a team chat. */
    summary(): string {
      const walk = this.state.walk!;
      const m = this.m;
      const lines = [m.summaryHeader, `${m.summaryType}${this.labelName(walk.objection)}`];
      if (this.state.quote) lines.push(`${m.summaryQuote}${m.quote(this.state.quote)}`);
      let lastCompose: string | undefined;
      for (const id of walk.history) {
        const step = playbook.walks[walk.objection].find((s) => s.id === id)!;
        if (walk.answers[id] !== undefined && (step.ask || step.choices)) lines.push(`· ${step.title[this.lang]}${m.colon}${this.fill(`{{${id}}}`)}`);
        if (step.compose) lastCompose = this.fill(step.compose[this.lang]);
      }
      if (lastCompose) lines.push('', m.composeHeader, lastCompose);
      return lines.join('\n');
    }

    outcome(outcome: Outcome): void {
      const objection = this.state.walk!.objection;
      this.events.push({ kind: 'outcome', objection, outcome });
      this.toIdle();
      this.say(this.m.outcomeThanks[outcome], outcome === 'lost' ? undefined : [{ label: this.m.btnShare, action: 'share' }]);
    }

    back(): void {
      const { mode, walk } = this.state;
      if (mode === 'switch' && walk) {
        delete this.state.pending;
        this.state.mode = 'walk';
        return this.showStep();
      }
      if (mode === 'outcome' && walk) this.state.mode = 'walk';
      else if (mode !== 'walk' || !walk) return this.showCurrent();
      const previous = walk.history.pop();
      if (previous === undefined) {
        // Back from the first step: the classification again.
        const { quote = '', label = walk.objection, confidence = 1, matched = [] } = this.state;
        this.presentClassification(quote, { label, confidence, unsure: false, candidates: [label], matched });
        return;
      }
      delete walk.held;
      walk.step = previous;
      this.enterStep();
    }

    why(): void {
      const { walk, label, mode } = this.state;
      if ((mode === 'walk' || mode === 'switch') && walk) return this.say(this.m.why + stepOf(walk).why[this.lang]);
      const objection = walk?.objection ?? (label && label !== 'none' ? label : undefined);
      if (objection) return this.say(this.m.why + playbook.labels[objection].technique![this.lang]);
      this.say(this.m.help);
    }

    /** Re-shows whatever the rep should be looking at now. */
    showCurrent(): void {
      const { mode, walk } = this.state;
      if ((mode === 'walk' || mode === 'switch') && walk) return this.showStep();
      if (mode === 'outcome') return this.showOutcome();
      if (mode === 'classified' && this.state.label) {
        const { quote = '', label, confidence = 1, matched = [] } = this.state;
        return this.presentClassification(quote, { label, confidence, unsure: false, candidates: [label], matched });
      }
      if (mode === 'choosing' && this.state.label) {
        return this.askType(this.state.candidates?.length ? this.state.candidates : LABELS.filter((l) => l !== 'none'));
      }
      this.say(this.m.help);
    }

    toIdle(): void {
      this.state.mode = 'idle';
      delete this.state.walk;
      delete this.state.pending;
      delete this.state.candidates;
    }

    // ---- knowledge ---------------------------------------------------------------------------

    setLanguage(arg?: string): void {
      const choice = arg?.toLowerCase();
      if (choice === 'auto') {
        this.state.langLocked = false;
        return this.say(this.m.langAuto);
      }
      this.state.lang = choice === 'zh' || choice === 'en' ? choice : this.lang === 'zh' ? 'en' : 'zh';
      this.state.langLocked = true;
      this.say(this.m.langSet);
    }

    tip(): void {
      const tips = playbook.knowledge.tips;
      const tip = tips[this.state.tipIndex % tips.length]!;
      this.state.tipIndex = (this.state.tipIndex + 1) % tips.length;
      this.say(this.m.tip + tip[this.lang], [{ label: this.m.btnAnotherTip, action: 'tip' }]);
    }

    knowledge(topic?: string): void {
      const topics = playbook.knowledge.topics;
      const entry = topic && Object.hasOwn(topics, topic.toLowerCase()) ? topics[topic.toLowerCase()] : undefined;
      if (entry) return this.say(`📘 ${entry.title[this.lang]}\n\n${entry.text[this.lang].trim()}`);
      this.say(
        this.m.kbTopics,
        Object.entries(topics).map(([key, t]) => ({ label: t.title[this.lang], action: `kb:${key}` })),
      );
    }

    margin(args: string[]): void {
      if (args.length === 0) return this.say(this.m.marginUsage);
      const query = parseMargin(args);
      if (!query) return this.say(`${this.m.marginBad}\n\n${this.m.marginUsage}`);
      if (query.kind === 'purchase') {
        return this.say(this.m.marginBuy(formatNumber(query.available), formatPercent(query.ratio), formatNumber(query.maxPurchase)));
      }
      this.say(this.m.marginLiquidation(formatNumber(query.n), formatPercent(query.drop), formatNumber(query.leverage)));
    }
  }

  return { initialState, handle };
}
