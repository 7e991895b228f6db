/**
 * The practice move detector, kept on disk between processes like the classifier
 * (intents/model-cache.ts, the same folders): training and calibrating it on the example
 * answers takes seconds, which the first `/practice` of a process would otherwise wait for. The
 * snapshot is named by the detector's version (a hash of the phrases and examples), so a changed
 * practice folder trains again; writes are atomic (temporary file, then rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PracticeData } from '../data/practice.ts';
import { cacheDirs } from './model-cache.ts';
import { MoveDetector, type MoveSnapshot } from './moves.ts';

const fileFor = (dir: string, version: string) => join(dir, `${version.replace(/[^\w.@+-]/g, '_')}.json`);

/** The detector for `data`: from the cache when it holds this version, else trained (and cached). */
export function loadMoveDetector(data: PracticeData, dirs = cacheDirs()): MoveDetector {
  const version = MoveDetector.versionFor(data);
  for (const dir of dirs) {
    try {
      const snapshot = JSON.parse(readFileSync(fileFor(dir, version), 'utf8')) as MoveSnapshot;
      if (snapshot.version === version) return MoveDetector.fromSnapshot(data, snapshot);
    } catch {
      // missing, unreadable or half-written: train instead
    }
  }
  const detector = MoveDetector.build(data);
  const snapshot = JSON.stringify(detector.toSnapshot(version));
  for (const dir of dirs) {
    const file = fileFor(dir, version);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, snapshot);
      renameSync(temporary, file);
      break;
    } catch {
      // a read-only folder: try the next one (or keep the detector in memory only)
    }
  }
  return detector;
}
