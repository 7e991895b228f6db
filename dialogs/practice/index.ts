/**
 * Practice mode's public API (issue 16): build the kit once, then run rounds with
 * `createPractice(kit)`; summarise stored results with `practiceStats` / `formatPracticeStats`.
 */
import { join } from 'node:path';
import { loadComplianceRulesCached, loadIndustryPacksCached, loadPracticeCached } from '../../data/load-cache.ts';
import { loadMoveDetector } from '../../intents/moves-cache.ts';
import type { PracticeKit } from './types.ts';

export { createPractice, branchOf, type Practice, type StartOptions } from './round.ts';
export { modelAnswer, resultOf, scorecardText } from './scorecard.ts';
export { formatPracticeStats, isoWeek, practiceStats, type PracticeRecord, type PracticeStats, type TypeStats } from './stats.ts';
export * from './types.ts';

/**
 * Loads the practice data (of `dataDir`, default the shipped data/) and trains the move detector
 * (a few seconds: do it once per process).
 */
export function loadPracticeKit(dataDir?: string): PracticeKit {
  const packs = loadIndustryPacksCached(dataDir === undefined ? undefined : join(dataDir, 'industries'));
  const practice = loadPracticeCached(dataDir, packs.keys());
  return { practice, packs, detector: loadMoveDetector(practice), compliance: loadComplianceRulesCached(dataDir) };
}

let shared: PracticeKit | undefined;
/** The kit of the shipped data, built once per process on first use. */
export function sharedPracticeKit(): PracticeKit {
  return (shared ??= loadPracticeKit());
}
