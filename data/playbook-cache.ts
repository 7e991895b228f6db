/**
 * The validated playbook, kept on disk between processes — as the trained classifier is
 * (intents/model-cache.ts). Parsing ~700 KB of YAML with positions (for file:line errors) and
 * validating it is most of a start; a later start with the same files reads one JSON file.
 *
 * The snapshot is named by a hash of everything the result depends on: the bytes of every file
 * `loadPlaybook` reads (playbook.yaml, utterances/*.yaml, walks.yaml, knowledge.yaml,
 * feedback.yaml — a missing one included as missing), the loader's own source (data/*.ts), the
 * folder and the working directory (which the `source` of each utterance names). Any change —
 * a line added to a YAML file, an accepted correction, a new loader — is a new name, so a stale
 * snapshot is never used. A broken playbook throws as before and is never cached.
 *
 * Where: `CLASSIFIER_CACHE_DIR`, else `node_modules/.cache/objection-coach` of this checkout,
 * else the system's temporary folder (the classifier's folders). Writes are atomic.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlaybook, type Playbook } from './playbook.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FORMAT = 'playbook-snapshot-1';

/** The folders tried in turn (those of the classifier's snapshots). */
function cacheDirs(env: NodeJS.ProcessEnv): string[] {
  return env.CLASSIFIER_CACHE_DIR ? [env.CLASSIFIER_CACHE_DIR] : [join(HERE, '..', 'node_modules', '.cache', 'objection-coach'), join(tmpdir(), 'objection-coach-cache')];
}

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
}

/** The hash of what `loadPlaybook(dataDir)` depends on. */
export function playbookKey(dataDir: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${process.cwd()}\0${resolve(dataDir)}\0`);
  const add = (name: string, file: string) => {
    let bytes: Buffer | string;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = '\0missing';
    }
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  };
  for (const name of readdirSync(HERE).filter((f) => f.endsWith('.ts')).sort()) add(`src:${name}`, join(HERE, name));
  for (const name of ['playbook.yaml', 'walks.yaml', 'knowledge.yaml', 'feedback.yaml']) add(name, join(dataDir, name));
  for (const name of listYaml(join(dataDir, 'utterances'))) add(`utterances/${name}`, join(dataDir, 'utterances', name));
  return hash.digest('hex').slice(0, 16);
}

/** The playbook of `dataDir`: from a snapshot of the same files when there is one, else loaded (and kept). */
export function loadPlaybookCached(dataDir: string, env: NodeJS.ProcessEnv = process.env): Playbook {
  const name = `playbook-${playbookKey(dataDir)}.json`;
  const dirs = cacheDirs(env);
  for (const dir of dirs) {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Playbook;
    } catch {
      // missing or unreadable: the next folder, then the YAML itself
    }
  }
  const playbook = loadPlaybook(dataDir); // throws PlaybookError: nothing is cached
  const text = JSON.stringify(playbook);
  for (const dir of dirs) {
    const temporary = join(dir, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, text);
      renameSync(temporary, join(dir, name));
      break;
    } catch {
      // a read-only folder: try the next one (or keep it in memory only)
    }
  }
  return playbook;
}
