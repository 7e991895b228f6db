/**
 * The trained classifier, kept on disk between processes.
 *
 * Training and calibrating on the ~4,800 playbook lines takes seconds; a bot that starts in
 * under one second cannot spend them at every start. The first process to need a classifier
 * trains it and writes a snapshot named by its version (a hash of the keyword lists and the
 * training lines); every later process with the same playbook loads that file in milliseconds.
 * A changed playbook has a new version, so a stale snapshot is never used.
 *
 * Where, and how it is written: data/snapshot-cache.ts.
 */
import type { Playbook } from '../data/playbook.ts';
import { cacheDirs, readSnapshot, writeSnapshot } from '../data/snapshot-cache.ts';
import { ObjectionClassifier, type BuildOptions, type ClassifierSnapshot } from './classifier.ts';

/** The classifier for `playbook`: from the cache when it holds this version, else trained (and cached). */
export function loadClassifier(playbook: Playbook, options: BuildOptions = {}, dirs = cacheDirs()): ObjectionClassifier {
  const version = ObjectionClassifier.versionFor(playbook, options);
  const snapshot = readSnapshot<ClassifierSnapshot>(`classifier-${version}`, dirs);
  if (snapshot?.version === version) return ObjectionClassifier.fromSnapshot(playbook, snapshot);
  const classifier = ObjectionClassifier.build(playbook, options);
  writeSnapshot(`classifier-${version}`, classifier.toSnapshot(), dirs);
  return classifier;
}
