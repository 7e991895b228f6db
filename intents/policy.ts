/**
 * The confidence policy: when the bot answers on its own and when it asks the rep to choose.
 *
 * An answer is `unsure` when the top probability is below `minConfidence` or leads the runner-up
 * by less than `minMargin`. When unsure, the candidates are the most likely labels until they
 * hold `candidateMass` of the probability (at least two, at most three).
 *
 * The three rates that matter to a rep, on labelled lines:
 * - confidently wrong: share of all lines answered without asking, and wrongly;
 * - ask rate: share of lines where the bot asks;
 * - candidate hit: share of asked lines whose right label is among the candidates.
 * `fitPolicy` picks the thresholds on held-out predictions (the classifier uses out-of-fold
 * predictions of lines the keyword authors never saw): the setting that misses the three
 * targets (less a little slack) by the least, in points summed; among settings that meet all
 * three, the one with the fewest confidently wrong answers plus asks.
 */
import { LABELS, type Label } from '../data/playbook.ts';

export interface Policy {
  minConfidence: number;
  minMargin: number;
  candidateMass: number;
}

export interface PolicyRates {
  count: number;
  confidentlyWrong: number;
  askRate: number;
  /** Among asked lines; 1 when nothing was asked. */
  candidateHit: number;
}

export interface Decision {
  label: Label;
  unsure: boolean;
  candidates: Label[];
}

/** The targets of issue 12; fitting aims a little inside them (FIT_SLACK) to leave room. */
export const TARGET = { confidentlyWrong: 0.05, askRate: 0.15, candidateHit: 0.97 };
const FIT_SLACK = 0.01;

export const DEFAULT_POLICY: Policy = { minConfidence: 0.5, minMargin: 0.15, candidateMass: 0.95 };

/** The decision on calibrated probabilities (in LABELS order). */
export function decide(probabilities: ArrayLike<number>, policy: Policy = DEFAULT_POLICY): Decision {
  const ranked = LABELS.map((label, i) => ({ label, p: probabilities[i]! })).sort((a, b) => b.p - a.p);
  const [top, second] = [ranked[0]!, ranked[1]!];
  const unsure = top.p < policy.minConfidence || top.p - second.p < policy.minMargin;
  if (!unsure) return { label: top.label, unsure, candidates: [top.label] };
  const candidates: Label[] = [];
  let mass = 0;
  for (const r of ranked) {
    if (candidates.length >= 3 || (candidates.length >= 2 && mass >= policy.candidateMass)) break;
    candidates.push(r.label);
    mass += r.p;
  }
  return { label: top.label, unsure, candidates };
}

/** The policy's rates on decisions against gold labels. */
export function policyRates(decisions: Decision[], gold: Label[]): PolicyRates {
  let wrong = 0;
  let asked = 0;
  let hit = 0;
  decisions.forEach((d, i) => {
    if (!d.unsure) {
      if (d.label !== gold[i]) wrong++;
    } else {
      asked++;
      if (d.candidates.includes(gold[i]!)) hit++;
    }
  });
  const n = decisions.length || 1;
  return { count: decisions.length, confidentlyWrong: wrong / n, askRate: asked / n, candidateHit: asked ? hit / asked : 1 };
}

/** Thresholds for the three targets on predictions with known labels (see the top of the file). */
export function fitPolicy(probabilities: ArrayLike<number>[], gold: Label[]): Policy {
  const masses = [0.9, 0.95, 0.98];
  // Per line, once: top probability, lead over the runner-up, whether the top is right, and
  // for each candidate mass whether the candidates would hold the right label.
  const lines = probabilities.map((p, i) => {
    const ranked = LABELS.map((label, k) => ({ label, p: p[k]! })).sort((a, b) => b.p - a.p);
    const hits = masses.map((mass) => decide(p, { minConfidence: 2, minMargin: 0, candidateMass: mass }).candidates.includes(gold[i]!));
    return { top: ranked[0]!.p, margin: ranked[0]!.p - ranked[1]!.p, right: ranked[0]!.label === gold[i], hits };
  });
  const n = lines.length || 1;
  let best = { policy: DEFAULT_POLICY, miss: Infinity, cost: Infinity };
  for (let c = 0.3; c <= 0.951; c += 0.025) {
    for (let m = 0; m <= 0.501; m += 0.025) {
      masses.forEach((candidateMass, k) => {
        let wrong = 0;
        let asked = 0;
        let hit = 0;
        for (const line of lines) {
          if (line.top < c || line.margin < m) {
            asked++;
            if (line.hits[k]) hit++;
          } else if (!line.right) wrong++;
        }
        const [confidentlyWrong, askRate, candidateHit] = [wrong / n, asked / n, asked ? hit / asked : 1];
        const miss =
          Math.max(0, confidentlyWrong - (TARGET.confidentlyWrong - FIT_SLACK)) +
          Math.max(0, askRate - (TARGET.askRate - FIT_SLACK)) +
          Math.max(0, TARGET.candidateHit + FIT_SLACK - candidateHit);
        const cost = confidentlyWrong + askRate;
        if (miss < best.miss - 1e-9 || (Math.abs(miss - best.miss) <= 1e-9 && cost < best.cost - 1e-9)) {
          best = { policy: { minConfidence: round(c), minMargin: round(m), candidateMass }, miss, cost };
        }
      });
    }
  }
  return best.policy;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
