/**
 * Practice mode's vocabulary: what a practice round remembers between turns, what it answers
 * with and what it reports for the audit log. Plain JSON-friendly data, channel-neutral; every
 * event says `practice: true` so nothing of a practice round counts in real statistics.
 */
import type { ComplianceRules } from '../../data/compliance.ts';
import type { IndustryPack } from '../../data/industries.ts';
import type { Lang, Objection } from '../../data/playbook.ts';
import type { Move, PracticeData } from '../../data/practice.ts';
import type { MoveDetector } from '../../intents/moves.ts';

/** What practice needs, built once at start-up. */
export interface PracticeKit {
  practice: PracticeData;
  packs: Map<string, IndustryPack>;
  detector: MoveDetector;
  compliance: ComplianceRules;
}

/** A move the rep showed, with the sentence that showed it. */
export interface ShownMove {
  move: Move;
  clause: string;
}

/** One exchange: the customer spoke, the rep answered. */
export interface PracticeTurn {
  customer: string;
  answer: string | null;
  moves: ShownMove[];
  /** Compliance findings in the answer: the rule and the words that broke it. */
  compliance: { ruleId: string; matched: string }[];
}

export const PRACTICE_STATE_VERSION = 1;
export const MIN_ROUNDS = 2;
export const MAX_ROUNDS = 4;

export interface PracticeState {
  v: typeof PRACTICE_STATE_VERSION;
  lang: Lang;
  type: Objection;
  /** The industry pack the customer comes from. */
  industry: string;
  /** Where the opening came from: the pack's openings, or a real (redacted) quote of the team. */
  source: 'playbook' | 'team';
  turns: PracticeTurn[];
  done: boolean;
}

/** How a round ended, for the scorecard, the audit log and /practice stats. */
export interface PracticeResult {
  type: Objection;
  lang: Lang;
  industry: string;
  source: 'playbook' | 'team';
  rounds: number;
  /** Technique moves shown at least once. */
  found: Move[];
  /** Technique moves never shown. */
  missed: Move[];
  /** Mistakes made, at least once. */
  mistakes: Move[];
  /** Compliance rules broken. */
  compliance: string[];
}

/**
 * What the rep sees: the customer speaking, a coach's note (a compliance mark, a hint about
 * what to do), or the scorecard. Adapters may style them differently; all are plain text.
 */
export interface PracticeReply {
  kind: 'customer' | 'note' | 'compliance' | 'scorecard';
  text: string;
}

export type PracticeEvent =
  | { kind: 'practice_started'; practice: true; type: Objection; lang: Lang; industry: string; source: 'playbook' | 'team' }
  | { kind: 'practice_answer'; practice: true; type: Objection; round: number; moves: Move[]; compliance: string[] }
  | { kind: 'practice_finished'; practice: true; result: PracticeResult };

export interface PracticeOutcome {
  state: PracticeState;
  replies: PracticeReply[];
  events: PracticeEvent[];
}
