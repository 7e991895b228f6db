/**
 * The trained classifier, kept on disk between processes.
 *
 * Training and calibrating on the ~4,800 playbook lines takes seconds; a bot that starts in
 * under one second cannot spend them at every start. The first process to need a classifier
 * trains it and writes a snapshot named by its version (a hash of the keyword lists and the
 * training lines); every later process with the same playbook loads that file in milliseconds.
 * A changed playbook has a new version, so a stale snapshot is never used.
 *
 * Where: `CLASSIFIER_CACHE_DIR`, else `node_modules/.cache/objection-coach` of this checkout
 * (the usual place for tool caches), else the system's temporary folder. Writes are atomic
 * (temporary file, then rename), so processes starting together never read half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Playbook } from '../data/playbook.ts';
import { ObjectionClassifier, type BuildOptions, type ClassifierSnapshot } from './classifier.ts';

const CHECKOUT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders tried in turn for the snapshot cache. */
export function cacheDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.CLASSIFIER_CACHE_DIR;
  return configured ? [configured] : [join(CHECKOUT, 'node_modules', '.cache', 'objection-coach'), join(tmpdir(), 'objection-coach-cache')];
}

function fileFor(dir: string, version: string): string {
  return join(dir, `classifier-${version.replace(/[^\w.@+-]/g, '_')}.json`);
}

/** The classifier for `playbook`: from the cache when it holds this version, else trained (and cached). */
export function loadClassifier(playbook: Playbook, options: BuildOptions = {}, dirs = cacheDirs()): ObjectionClassifier {
  const version = ObjectionClassifier.versionFor(playbook, options);
  for (const dir of dirs) {
    const snapshot = readSnapshot(fileFor(dir, version));
    if (snapshot?.version === version) return ObjectionClassifier.fromSnapshot(playbook, snapshot);
  }
  const classifier = ObjectionClassifier.build(playbook, options);
  for (const dir of dirs) if (writeSnapshot(dir, classifier.toSnapshot())) break;
  return classifier;
}

function readSnapshot(file: string): ClassifierSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ClassifierSnapshot;
  } catch {
    return undefined; // missing, unreadable or half-written by a crashed process: train instead
  }
}

function writeSnapshot(dir: string, snapshot: ClassifierSnapshot): boolean {
  const file = fileFor(dir, snapshot.version);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, file);
    return true;
  } catch {
    return false; // a read-only folder: try the next one (or keep the classifier in memory only)
  }
}
