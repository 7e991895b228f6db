/**
 * Stored states in and out: a fresh state, a stored one checked before use (its shape, and that
 * the steps it points at still exist in the playbook), and version 1 states — one object with
 * optional fields — migrated to the current union by mode. Anything else is not used: the
 * engine restarts politely instead of guessing.
 */
import { z } from 'zod';
import { LABELS, LANGS, OBJECTIONS, type Lang, type Playbook } from '../data/playbook.ts';
import { MOVES } from '../data/practice.ts';
import { PRACTICE_STATE_VERSION } from './practice/types.ts';
import { FOLLOW_UP_KINDS, OUTCOMES, STATE_VERSION, type BaseState, type CoachState, type FollowUpKind, type ModeFields, type Outcome, type Quote, type Walk } from './types.ts';

/** A fresh state; `lang` is the channel's hint. */
export function initialState(lang: Lang = 'en'): CoachState {
  return { v: STATE_VERSION, lang, langLocked: false, tipIndex: 0, dialog: null, origin: null, offered: [], lastWalk: null, profile: null, traditional: false, deals: [], deal: null, zone: null, mode: 'idle' };
}

/** The fields every mode shares, taken from a state. */
export function baseOf(state: CoachState): BaseState {
  const { v, lang, langLocked, tipIndex, dialog, origin, offered, lastWalk, profile, traditional, deals, deal, zone } = state;
  return { v, lang, langLocked, tipIndex, dialog, origin, offered, lastWalk, profile, traditional, deals, deal, zone };
}

/** The state in a new mode, with everything the modes share carried over. */
export function withMode(state: CoachState, fields: ModeFields): CoachState {
  return { ...baseOf(state), ...fields } as CoachState;
}

// ---- shapes ------------------------------------------------------------------------------------

const label = z.enum(LABELS);
const objection = z.enum(OBJECTIONS);
const lang = z.enum(LANGS);
const button = z.object({ label: z.string(), action: z.string() });
const quote = z.object({ text: z.string(), predicted: label, confidence: z.number(), matched: z.array(z.string()) });
const walk = z.object({
  objection,
  step: z.string(),
  history: z.array(z.string()),
  answers: z.record(z.string(), z.string()),
  held: z.string().nullable(),
  marks: z.record(z.string(), z.object({ override: z.array(z.string()).optional(), alternative: z.boolean().optional() })).optional(),
  when: z.object({ at: z.number(), text: z.string(), confirmed: z.boolean() }).optional(),
});
const deal = z.object({
  id: z.string().min(1),
  alias: z.string().nullable(),
  named: z.boolean(),
  quotes: z.array(z.object({ text: z.string(), label: objection, dialog: z.string().nullable() })),
  messages: z.array(z.string()),
  next: z.object({ at: z.number(), text: z.string() }).nullable(),
  need: z.string().nullable(),
  followUps: z.array(z.object({ kind: z.enum(FOLLOW_UP_KINDS as [FollowUpKind, ...FollowUpKind[]]), at: z.number() })),
  sent: z.boolean(),
  outcome: z.enum(OUTCOMES as [Outcome, ...Outcome[]]).nullable(),
  closed: z.boolean(),
  followedUp: z.boolean(),
  openedAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
  parked: z.object({ mode: z.enum(['walk', 'outcome']), quote, walk }).nullable(),
});
const profile = z.object({ industry: z.string().regex(/^[a-z][a-z0-9_]*$/), product: z.string().nullable(), team: z.boolean().optional() });
const finished = z.object({ objection, quote: z.string(), script: z.string().nullable() });

const practice = z.object({
  v: z.literal(PRACTICE_STATE_VERSION),
  lang,
  type: objection,
  industry: z.string(),
  source: z.enum(['playbook', 'team']),
  turns: z.array(
    z.object({
      customer: z.string(),
      answer: z.string().nullable(),
      moves: z.array(z.object({ move: z.enum(MOVES), clause: z.string() })),
      compliance: z.array(z.object({ ruleId: z.string(), matched: z.string() })),
    }),
  ).min(1),
  done: z.boolean(),
});

const base = {
  v: z.literal(STATE_VERSION),
  lang,
  langLocked: z.boolean(),
  tipIndex: z.number().int().nonnegative(),
  dialog: z.string().nullable(),
  origin: z.string().nullable(),
  offered: z.array(button),
  lastWalk: finished.nullable(),
  // Added within version 2: states stored before have neither, and read as "not set yet".
  profile: profile.nullable().default(null),
  traditional: z.boolean().default(false),
  // Added with deals: states stored before have none.
  deals: z.array(deal).default([]),
  deal: z.string().nullable().default(null),
  zone: z.string().nullable().default(null),
};

const stateSchema = z.discriminatedUnion('mode', [
  z.object({ ...base, mode: z.literal('idle') }),
  z.object({ ...base, mode: z.literal('classified'), quote, label }),
  z.object({ ...base, mode: z.literal('choosing'), quote, label, candidates: z.array(label) }),
  z.object({ ...base, mode: z.literal('walk'), quote, walk }),
  z.object({ ...base, mode: z.literal('switch'), quote, walk, pending: quote.extend({ unsure: z.boolean(), candidates: z.array(label) }) }),
  z.object({ ...base, mode: z.literal('outcome'), quote, walk }),
  z.object({ ...base, mode: z.literal('profile'), stage: z.enum(['industry', 'product']), resume: z.object({ quote, label: objection }).nullable() }),
  // Added within version 2 (a new mode): states stored before never have it and load as they did.
  z.object({ ...base, mode: z.literal('practice'), practice }),
  z.object({ ...base, mode: z.literal('which'), quote, label: objection }),
]);

/** Version 1: one object, a mode, and optional fields that the mode implied. */
const v1Schema = z.object({
  v: z.literal(1),
  lang,
  langLocked: z.boolean().catch(false),
  mode: z.enum(['idle', 'classified', 'choosing', 'walk', 'switch', 'outcome']),
  tipIndex: z.number().int().nonnegative().catch(0),
  quote: z.string().optional(),
  predicted: label.optional(),
  label: label.optional(),
  candidates: z.array(label).optional(),
  confidence: z.number().optional(),
  matched: z.array(z.string()).optional(),
  walk: z
    .object({ objection, step: z.string(), history: z.array(z.string()), answers: z.record(z.string(), z.string()), held: z.string().optional() })
    .optional(),
  pending: z.object({ quote: z.string(), label, confidence: z.number(), unsure: z.boolean(), candidates: z.array(label), matched: z.array(z.string()) }).optional(),
  origin: z.string().optional(),
  dialog: z.string().optional(),
  offered: z.array(button).optional(),
  lastWalk: z.object({ objection, quote: z.string(), script: z.string().optional() }).optional(),
});
type V1State = z.infer<typeof v1Schema>;

// ---- loading -----------------------------------------------------------------------------------

/**
 * The stored state as a current state this playbook can continue, or undefined when it cannot
 * be used (unknown version or shape, a step the playbook no longer has).
 */
export function restoreState(raw: unknown, playbook: Playbook, industries?: ReadonlySet<string>): CoachState | undefined {
  const current = stateSchema.safeParse(raw);
  const state = current.success ? (current.data as CoachState) : migrateV1(raw);
  if (state?.profile && industries && !industries.has(state.profile.industry)) state.profile = null; // a pack since removed: ask again
  for (const d of state?.deals ?? []) if (d.parked && !walkFits(d.parked.walk, playbook, d.parked.mode === 'outcome')) d.parked = null; // the deal stays, its walk cannot
  return state && fitsPlaybook(state, playbook) ? state : undefined;
}

/** A version 1 state in the current shape, or undefined when its mode lacks what it needs. */
export function migrateV1(raw: unknown): CoachState | undefined {
  const parsed = v1Schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const old = parsed.data;
  const shared: BaseState = {
    v: STATE_VERSION,
    lang: old.lang,
    langLocked: old.langLocked,
    tipIndex: old.tipIndex,
    dialog: old.dialog ?? null,
    origin: old.origin ?? null,
    offered: old.offered ?? [],
    lastWalk: old.lastWalk ? { objection: old.lastWalk.objection, quote: old.lastWalk.quote, script: old.lastWalk.script ?? null } : null,
    profile: null,
    traditional: false,
    deals: [],
    deal: null,
    zone: null,
  };
  const fields = v1Mode(old);
  return fields ? ({ ...shared, ...fields } as CoachState) : undefined;
}

function v1Mode(old: V1State): ModeFields | undefined {
  const q: Quote = {
    text: old.quote ?? '',
    predicted: old.predicted ?? old.label ?? old.walk?.objection ?? 'none',
    confidence: old.confidence ?? 1,
    matched: old.matched ?? [],
  };
  const w: Walk | undefined = old.walk && { ...old.walk, held: old.walk.held ?? null };
  switch (old.mode) {
    case 'idle':
      return { mode: 'idle' };
    case 'classified':
      return old.label ? { mode: 'classified', quote: q, label: old.label } : undefined;
    case 'choosing':
      return old.label ? { mode: 'choosing', quote: q, label: old.label, candidates: old.candidates ?? [] } : undefined;
    case 'walk':
    case 'outcome':
      return w ? { mode: old.mode, quote: q, walk: w } : undefined;
    case 'switch': {
      const p = old.pending;
      if (!w || !p) return undefined;
      return { mode: 'switch', quote: q, walk: w, pending: { text: p.quote, predicted: p.label, confidence: p.confidence, matched: p.matched, unsure: p.unsure, candidates: p.candidates } };
    }
  }
}

/** Whether the steps a state points at exist in the playbook. */
function fitsPlaybook(state: CoachState, playbook: Playbook): boolean {
  if (state.mode !== 'walk' && state.mode !== 'switch' && state.mode !== 'outcome') return true;
  return walkFits(state.walk, playbook, state.mode === 'outcome');
}

function walkFits(walk: Walk, playbook: Playbook, finished: boolean): boolean {
  const ids = new Set(playbook.walks[walk.objection].map((s) => s.id));
  if (!finished && !ids.has(walk.step)) return false;
  return walk.history.every((id) => ids.has(id));
}

/** The language a stored state (any version) answers in: English when it names none. */
export function languageOf(raw: unknown): Lang {
  const value = typeof raw === 'object' && raw !== null ? (raw as { lang?: unknown }).lang : undefined;
  return value === 'zh' ? 'zh' : 'en';
}
