/**
 * Building blocks for the engine's unit tests: the shipped playbook, a classifier that answers
 * what the test says (so a test does not depend on the model's figures), and a `Turn` at any
 * state.
 */
import { loadComplianceRules } from '../../data/compliance.ts';
import { loadFollowups } from '../../data/followups.ts';
import { loadIndustryPacks } from '../../data/industries.ts';
import { loadPlaybook, type Label, type Playbook } from '../../data/playbook.ts';
import type { Classification } from '../../intents/classifier.ts';
import { createEngine } from '../../dialogs/engine.ts';
import { initialState } from '../../dialogs/state.ts';
import { Turn, type EngineDeps } from '../../dialogs/turn.ts';
import { createPractice, sharedPracticeKit } from '../../dialogs/practice/index.ts';
import type { CoachState, Engine, Quote, Walk, WalkingState } from '../../dialogs/types.ts';

export const playbook: Playbook = loadPlaybook();
export const packs = loadIndustryPacks();
export const compliance = loadComplianceRules();
/** Practice for unit tests: the shipped kit, built on first use. */
function sharedPractice() {
  const kit = sharedPracticeKit();
  return { kit, round: createPractice(kit) };
}

export const followups = loadFollowups();
/** A rep who named no industry (the generic pack), so walks start without the profile question. */
export const GENERIC_PROFILE = { industry: 'generic', product: null };

/** A classifier that tags every text `label` (unsure among `candidates` when given). */
export function stubClassifier(label: Label, options: { confidence?: number; candidates?: Label[]; matched?: string[] } = {}) {
  return {
    classify: (text: string): Classification => ({
      label,
      confidence: options.confidence ?? 0.9,
      scores: { timing: 0, deal_size: 0, trust: 0, none: 0, [label]: options.confidence ?? 0.9 },
      matched: options.matched ?? [],
      reason: options.matched ?? [],
      unsure: options.candidates !== undefined,
      candidates: options.candidates ?? [label],
      lang: /\p{Script=Han}/u.test(text) ? 'zh' : 'en',
      evidence: [],
      version: 'stub',
    }),
  };
}

export function depsWith(label: Label, options: Parameters<typeof stubClassifier>[1] = {}): EngineDeps {
  return { playbook, classifier: stubClassifier(label, options), packs, compliance, followups, practice: sharedPractice };
}

export function engineWith(label: Label, options: Parameters<typeof stubClassifier>[1] = {}): Engine {
  return createEngine(playbook, stubClassifier(label, options), { packs, compliance });
}

export const quote = (text = 'let me think about it', predicted: Label = 'timing'): Quote => ({ text, predicted, confidence: 0.9, matched: [] });

/** A walk of `objection` standing at `step`, having passed `history`. */
export function walkAt(objection: Walk['objection'], step: string, history: string[] = [], answers: Record<string, string> = {}): Walk {
  return { objection, step, history, answers, held: null };
}

/** An idle state in `lang` whose rep has named no industry yet (the generic profile when `profiled`). */
export function idle(lang: 'zh' | 'en' = 'en', profiled = true): CoachState {
  return { ...initialState(lang), profile: profiled ? GENERIC_PROFILE : null };
}

/** A turn over `state` (idle in English by default, with the generic profile). */
export function turnAt(state: CoachState = idle('en'), deps: EngineDeps = depsWith('timing'), turnId = 't1'): Turn {
  return new Turn(deps, structuredClone(state), turnId);
}

/** The state in a walk. */
export function walking(walk: Walk, lang: 'zh' | 'en' = 'en', q: Quote = quote()): WalkingState {
  return { ...idle(lang), mode: 'walk', quote: q, walk };
}

/** All the replies' texts, one string. */
export const textOf = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join('\n---\n');
