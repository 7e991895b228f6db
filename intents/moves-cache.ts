/**
 * The practice move detector, kept on disk between processes like the classifier
 * (intents/model-cache.ts, the same folders): training and calibrating it on the example
 * answers takes seconds, which the first `/practice` of a process would otherwise wait for. The
 * snapshot is named by the detector's version (a hash of the phrases and examples), so a changed
 * practice folder trains again; written as data/snapshot-cache.ts says.
 */
import type { PracticeData } from '../data/practice.ts';
import { cacheDirs, readSnapshot, writeSnapshot } from '../data/snapshot-cache.ts';
import { MoveDetector, type MoveSnapshot } from './moves.ts';

/** The detector for `data`: from the cache when it holds this version, else trained (and cached). */
export function loadMoveDetector(data: PracticeData, dirs = cacheDirs()): MoveDetector {
  const version = MoveDetector.versionFor(data); // "moves-…": the snapshot's kind and version
  const snapshot = readSnapshot<MoveSnapshot>(version, dirs);
  if (snapshot?.version === version) return MoveDetector.fromSnapshot(data, snapshot);
  const detector = MoveDetector.build(data);
  writeSnapshot(version, detector.toSnapshot(version), dirs);
  return detector;
}
