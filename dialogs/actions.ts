/**
 * Button actions as typed values, and their wire form: the only place an action string is built
 * or read. A channel carries the string (Telegram's callback data allows 64 bytes, a Teams card
 * a small JSON value) and hands it back when the button is pressed.
 *
 * The wire form is short and stable — buttons already in reps' chat histories keep working
 * across versions: `go`, `fix`, `as:<label>`, `c:<choice>`, `next`, `skip`, `keep`,
 * `out:<outcome>`, `sw:yes|no`, `kb:<topic>`, `share`, `ind:<industry>`, `noprod`, `alt`, `edit`,
 * `ans`, `pr[:<type>|stats]` (practice), and the word commands (`why`, `back`…); for deals (the deal's id inside, so a reminder's
 * button days later still acts on its deal): `dl:<op>:<deal>`, `do:<outcome>:<deal>`,
 * `dw:<deal>` / `dn` (which deal a walk is for), and `wy` / `wn` (the understood date is right /
 * change it).
 */
import { LABELS, OBJECTIONS, type Label, type Objection } from '../data/playbook.ts';
import { OUTCOMES, type Outcome } from './types.ts';

/** Commands a button may run directly (the same names as in commands.ts). */
export const BUTTON_COMMANDS = ['tip', 'why', 'back', 'restart', 'cancel', 'help', 'profile', 'deals', 'last'] as const;

/** What a deal's button does: show its card, resume its walk, ask its outcome, snooze, close, "message sent". */
export const DEAL_OPS = { o: 'card', r: 'resume', q: 'ask', z: 'snooze', x: 'close', s: 'sent' } as const;
export type DealOp = (typeof DEAL_OPS)[keyof typeof DEAL_OPS];
const DEAL_OP_CODE = Object.fromEntries(Object.entries(DEAL_OPS).map(([code, op]) => [op, code])) as Record<DealOp, string>;
/** Deal ids: the dialog id that opened the deal (the service's turn ids: base-36 time, a dash, hex). */
const DEAL_ID = /^[A-Za-z0-9_.+-]{1,40}$/;
export type ButtonCommand = (typeof BUTTON_COMMANDS)[number];

export type Action =
  /** Start the walk for the type shown. */
  | { kind: 'start' }
  /** "Other type": pick the type by hand. */
  | { kind: 'retype' }
  /** This type (a correction when it differs from the prediction). */
  | { kind: 'as'; label: Label }
  /** A step's choice, by id. */
  | { kind: 'choice'; id: string }
  | { kind: 'next' }
  | { kind: 'skip' }
  /** Use a typed answer a check held back. */
  | { kind: 'keep' }
  | { kind: 'outcome'; outcome: Outcome }
  /** Switch to the new quote pasted mid-walk, or stay. */
  | { kind: 'switch'; to: boolean }
  | { kind: 'topic'; topic: string }
  | { kind: 'share' }
  /** The rep's industry (an industry pack id). */
  | { kind: 'industry'; id: string }
  /** No product name: use the pack's wording. */
  | { kind: 'noproduct' }
  /** Use the compliance rule's alternative instead of the flagged answer. */
  | { kind: 'alt' }
  /** Write the flagged answer again. */
  | { kind: 'edit' }
  /** The text typed at a question was the answer, not a new customer quote. */
  | { kind: 'answer' }
  /** A practice round (of a type, or any), or the rep's practice history. */
  | { kind: 'practice'; what?: Objection | 'stats' }
  | { kind: 'command'; name: ButtonCommand }
  /** Something done to a deal, named by its id. */
  | { kind: 'deal'; op: DealOp; deal: string }
  /** A deal's outcome (from /deals or a reminder, any time later). */
  | { kind: 'dealOutcome'; outcome: Outcome; deal: string }
  /** The walk about to start is for this deal (null: a new customer). */
  | { kind: 'which'; deal: string | null }
  /** The date understood from a typed time is right (or not). */
  | { kind: 'when'; ok: boolean };

/** Telegram's limit on callback data, the tightest of the channels. */
export const MAX_ACTION_BYTES = 64;

/** Ids inside actions (step choices, topics): the playbook's id alphabet. */
const ID = /^[a-z][a-z0-9_]*$/;

/** The wire form of an action. Throws if it would not fit in a button. */
export function encodeAction(action: Action): string {
  const wire = wireOf(action);
  if (Buffer.byteLength(wire) > MAX_ACTION_BYTES) throw new RangeError(`action "${wire.slice(0, 80)}" is longer than ${MAX_ACTION_BYTES} bytes`);
  return wire;
}

function wireOf(action: Action): string {
  switch (action.kind) {
    case 'start':
      return 'go';
    case 'retype':
      return 'fix';
    case 'as':
      return `as:${action.label}`;
    case 'choice':
      return `c:${action.id}`;
    case 'next':
    case 'skip':
    case 'keep':
    case 'share':
    case 'alt':
    case 'edit':
      return action.kind;
    case 'noproduct':
      return 'noprod';
    case 'answer':
      return 'ans';
    case 'industry':
      return `ind:${action.id}`;
    case 'outcome':
      return `out:${action.outcome}`;
    case 'switch':
      return action.to ? 'sw:yes' : 'sw:no';
    case 'topic':
      return `kb:${action.topic}`;
    case 'practice':
      return action.what ? `pr:${action.what}` : 'pr';
    case 'command':
      return action.name;
    case 'deal':
      return `dl:${DEAL_OP_CODE[action.op]}:${action.deal}`;
    case 'dealOutcome':
      return `do:${action.outcome}:${action.deal}`;
    case 'which':
      return action.deal === null ? 'dn' : `dw:${action.deal}`;
    case 'when':
      return action.ok ? 'wy' : 'wn';
  }
}

/** A deal action's wire form read back ("dl:r:<id>", "do:open:<id>"). */
function decodeDeal(verb: string, arg: string): Action | undefined {
  const colon = arg.indexOf(':');
  const [head, id] = colon < 0 ? ['', ''] : [arg.slice(0, colon), arg.slice(colon + 1)];
  if (!DEAL_ID.test(id)) return undefined;
  if (verb === 'dl') {
    const op = (DEAL_OPS as Record<string, DealOp>)[head];
    return op ? { kind: 'deal', op, deal: id } : undefined;
  }
  return (OUTCOMES as readonly string[]).includes(head) ? { kind: 'dealOutcome', outcome: head as Outcome, deal: id } : undefined;
}

/** The action a pressed button sent, or undefined when it is not one this engine makes. */
export function decodeAction(wire: string): Action | undefined {
  if (typeof wire !== 'string' || Buffer.byteLength(wire) > MAX_ACTION_BYTES) return undefined;
  const colon = wire.indexOf(':');
  const verb = colon < 0 ? wire : wire.slice(0, colon);
  const arg = colon < 0 ? undefined : wire.slice(colon + 1);
  if (arg === undefined) {
    if (verb === 'go') return { kind: 'start' };
    if (verb === 'fix') return { kind: 'retype' };
    if (verb === 'next' || verb === 'skip' || verb === 'keep' || verb === 'share' || verb === 'alt' || verb === 'edit') return { kind: verb };
    if (verb === 'noprod') return { kind: 'noproduct' };
    if (verb === 'ans') return { kind: 'answer' };
    if (verb === 'pr') return { kind: 'practice' };
    if (verb === 'dn') return { kind: 'which', deal: null };
    if (verb === 'wy' || verb === 'wn') return { kind: 'when', ok: verb === 'wy' };
    if ((BUTTON_COMMANDS as readonly string[]).includes(verb)) return { kind: 'command', name: verb as ButtonCommand };
    return undefined;
  }
  switch (verb) {
    case 'as':
      return (LABELS as readonly string[]).includes(arg) ? { kind: 'as', label: arg as Label } : undefined;
    case 'c':
      return ID.test(arg) ? { kind: 'choice', id: arg } : undefined;
    case 'out':
      return (OUTCOMES as readonly string[]).includes(arg) ? { kind: 'outcome', outcome: arg as Outcome } : undefined;
    case 'sw':
      return arg === 'yes' ? { kind: 'switch', to: true } : arg === 'no' ? { kind: 'switch', to: false } : undefined;
    case 'kb':
      return ID.test(arg) ? { kind: 'topic', topic: arg } : undefined;
    case 'ind':
      return ID.test(arg) ? { kind: 'industry', id: arg } : undefined;
    case 'pr':
      return arg === 'stats' || (OBJECTIONS as readonly string[]).includes(arg) ? { kind: 'practice', what: arg as Objection | 'stats' } : undefined;
    case 'dl':
    case 'do':
      return decodeDeal(verb, arg);
    case 'dw':
      return DEAL_ID.test(arg) ? { kind: 'which', deal: arg } : undefined;
    default:
      return undefined;
  }
}

/** Whether a button moves within the walk (next, skip, why, back) rather than choosing something. */
export function isNavigation(wire: string): boolean {
  const action = decodeAction(wire);
  return action?.kind === 'next' || action?.kind === 'skip' || (action?.kind === 'command' && (action.name === 'why' || action.name === 'back'));
}

/** Whether a button answers without moving on (why, another tip): its buttons stay usable. */
export function answersInPlace(wire: string): boolean {
  const action = decodeAction(wire);
  return action?.kind === 'command' && (action.name === 'why' || action.name === 'tip');
}
