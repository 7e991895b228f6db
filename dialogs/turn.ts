/**
 * One turn of the engine in progress: the state being changed, the replies and audit events it
 * produces, and what every handler needs to read (the playbook, the classifier, the compiled
 * compliance rules, the rep's industry pack, the catalog in the rep's language). The handlers in classify.ts, walk.ts,
 * knowledge.ts and handle-commands.ts are plain functions over a `Turn`, each testable alone.
 */
import type { ComplianceRules } from '../data/compliance.ts';
import type { Followups } from '../data/followups.ts';
import { GENERIC_PACK, type IndustryPack } from '../data/industries.ts';
import type { Label, Lang, Playbook, WalkStep } from '../data/playbook.ts';
import type { ObjectionClassifier } from '../intents/classifier.ts';
import { encodeAction, type Action } from './actions.ts';
import type { Practice } from './practice/round.ts';
import type { PracticeKit } from './practice/types.ts';
import { MESSAGES, type Messages } from './messages/index.ts';
import { withMode } from './state.ts';
import type { Button, Clock, CoachEvent, CoachInput, CoachState, FollowUpPlan, ModeFields, Objection, Profile, Reply, Walk } from './types.ts';

/** What the engine is built from: read by every handler, never changed. */
export interface EngineDeps {
  playbook: Playbook;
  classifier: Pick<ObjectionClassifier, 'classify'>;
  /** The industry packs by id (always holding the generic pack). */
  packs: ReadonlyMap<string, IndustryPack>;
  /** The promises a rep may not make to a customer. */
  compliance: ComplianceRules;
  /** Practice rounds: the data and the move detector (built on first use: training takes seconds). */
  practice: () => { kit: PracticeKit; round: Practice };
  /** What the team sells (configuration or playbook), for reps who have not said; checked before it gets here. */
  team?: Profile;
  /** When follow-up reminders go out and what they say (data/followups.yaml). */
  followups: Followups;
}

/** Emoji per objection type, so a phone user spots the type at a glance. */
export const ICON: Record<Label, string> = { timing: '⏳', deal_size: '💰', trust: '🤝', none: '✅' };

export class Turn {
  readonly deps: EngineDeps;
  readonly replies: Reply[] = [];
  readonly events: CoachEvent[] = [];
  state: CoachState;
  /** The id given to this turn by the caller: names the dialog a new quote starts. */
  readonly turnId: string | undefined;
  /** What the rep did this turn (practice commands read what the service added to it). */
  input: CoachInput | undefined;
  /** Set by practice handlers: the turn's audit rows are marked practice. */
  practiceTurn = false;
  /** The caller's clock and the rep's zone (none: no dates are read and no follow-ups planned). */
  readonly clock: Clock | undefined;
  /** Reminders this turn asks the caller to schedule or cancel. */
  readonly followUps: FollowUpPlan = { schedule: [], cancel: [] };

  constructor(deps: EngineDeps, state: CoachState, turnId?: string, clock?: Clock) {
    this.deps = deps;
    this.state = state;
    this.turnId = turnId;
    this.clock = clock;
  }

  get lang(): Lang {
    return this.state.lang;
  }
  get m(): Messages {
    return MESSAGES[this.state.lang];
  }
  get playbook(): Playbook {
    return this.deps.playbook;
  }
  /** What the rep sells: their own profile, or the team's default as it stands now. */
  get profile(): Profile | null {
    const own = this.state.profile;
    return own?.team && this.deps.team ? { ...this.deps.team, team: true } : own;
  }
  /** The rep's industry pack (the generic one until the rep, or the team, names an industry). */
  get pack(): IndustryPack {
    const id = this.profile?.industry ?? GENERIC_PACK;
    const pack = this.deps.packs.get(id) ?? this.deps.packs.get(GENERIC_PACK);
    if (!pack) throw new Error('the generic industry pack is missing');
    return pack;
  }
  /** The product as customer messages name it: the rep's name for it, or the pack's wording. */
  get product(): string {
    return this.profile?.product ?? this.pack.product_example[this.lang];
  }

  /** A message to the rep. */
  say(text: string, buttons?: Button[]): void {
    this.replies.push(buttons?.length ? { kind: 'message', text, buttons } : { kind: 'message', text });
  }
  reply(reply: Reply): void {
    this.replies.push(reply);
  }
  record(event: CoachEvent): void {
    this.events.push(event);
  }
  /** Moves to another mode, keeping what every mode shares. */
  to(fields: ModeFields): void {
    this.state = withMode(this.state, fields);
  }

  /** A button (its action encoded here, the one way actions become strings). */
  button(label: string, action: Action): Button {
    return { label, action: encodeAction(action) };
  }
  labelName(label: Label): string {
    return this.playbook.labels[label].name[this.lang];
  }
  labelShort(label: Label): string {
    return this.playbook.labels[label].short[this.lang];
  }
  technique(objection: Objection): string {
    return this.playbook.labels[objection].technique?.[this.lang] ?? '';
  }
  /** A step of a walk by id. */
  step(objection: Objection, id: string): WalkStep | undefined {
    return this.playbook.walks[objection].find((s) => s.id === id);
  }
  /** The step a walk stands at (restored states are checked against the playbook first). */
  current(walk: Walk): WalkStep {
    const step = this.step(walk.objection, walk.step);
    if (!step) throw new Error(`walk ${walk.objection} has no step ${walk.step}`);
    return step;
  }
  /** A button press that does not fit where the rep is now. */
  stale(): void {
    this.record({ kind: 'rejected', reason: 'stale_button' });
    this.say(this.m.stale);
  }
}
