/**
 * The folder where what is slow to build is kept between processes as JSON: the validated
 * playbook, the industry packs and the compliance rules (data/load-cache.ts), the trained
 * classifier (intents/model-cache.ts) and the practice move detector (intents/moves-cache.ts).
 *
 * Each snapshot is named `<kind>-<version>.json`, the version a hash of everything it was built
 * from, so a stale snapshot is never read. Where: `CLASSIFIER_CACHE_DIR`, else
 * `node_modules/.cache/objection-coach` of this checkout (the usual place for tool caches), else
 * the system's temporary folder. Writes are atomic (temporary file, then rename), so processes
 * starting together never read half a file; a damaged or unreadable snapshot is built anew.
 * Every edit of the playbook (each accepted correction) makes new versions: only the newest
 * KEEP_PER_KIND snapshots of a kind are kept, so the folder does not grow without end.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

/** Snapshots of one kind kept in a folder (several playbook folders may share it: tests, CLI runs). */
export const KEEP_PER_KIND = 4;

/** The folders tried in turn. */
export function cacheDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.CLASSIFIER_CACHE_DIR;
  return configured ? [configured] : [join(CHECKOUT, 'node_modules', '.cache', 'objection-coach'), join(tmpdir(), 'objection-coach-cache')];
}

const fileName = (name: string) => `${name.replace(/[^\w.@+-]/g, '_')}.json`;

/** The snapshot called `name` (`<kind>-<version>`) from the first folder holding a readable one. */
export function readSnapshot<T>(name: string, dirs: string[]): T | undefined {
  for (const dir of dirs) {
    try {
      return JSON.parse(readFileSync(join(dir, fileName(name)), 'utf8')) as T;
    } catch {
      // missing, unreadable or half-written by a crashed process: the next folder
    }
  }
  return undefined;
}

/** Keeps `value` as the snapshot `name` in the first writable folder; false when none is (it then lives in memory only). */
export function writeSnapshot(name: string, value: unknown, dirs: string[]): boolean {
  const text = JSON.stringify(value);
  for (const dir of dirs) {
    const file = join(dir, fileName(name));
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, text);
      renameSync(temporary, file);
    } catch {
      continue; // a read-only folder, or not a folder: the next one
    }
    prune(dir, `${name.split('-')[0]}-`);
    return true;
  }
  return false;
}

/** Removes all but the newest KEEP_PER_KIND snapshots whose name starts with `prefix`. */
function prune(dir: string, prefix: string): void {
  try {
    const snapshots = readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => ({ file: join(dir, f), at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { file } of snapshots.slice(KEEP_PER_KIND)) unlinkSync(file);
  } catch {
    // another process pruned meanwhile: nothing to do
  }
}
