/**
 * The playbook, the industry packs, the compliance rules, the follow-ups and the practice data,
 * validated once and kept on disk between processes (data/snapshot-cache.ts): parsing ~1 MB of
 * YAML with positions (for file:line errors) and validating it was most of a start, and 0.2 s of
 * the first /practice; a later start with the same files reads JSON files, without loading the
 * YAML parser at all.
 *
 * Each snapshot is named by a hash of everything the result depends on: the bytes of every file
 * its loader reads (a missing one included as missing), the loaders' own source (data/*.ts), the
 * folder and the working directory (which the file names in error messages and in the
 * utterances' `source` are relative to). Any change — a line added to a YAML file, an accepted
 * correction, a new loader — is a new name, so a stale snapshot is never used. A broken file
 * throws as before and is never cached.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadComplianceRules, type ComplianceRules } from './compliance.ts';
import { loadFollowups, type Followups } from './followups.ts';
import { DEFAULT_INDUSTRY_DIR, loadIndustryPacks, type IndustryPack } from './industries.ts';
import { DEFAULT_DATA_DIR, loadPlaybook, type Playbook } from './playbook.ts';
import { loadPractice, type PracticeData } from './practice.ts';
import { cacheDirs, readSnapshot, writeSnapshot } from './snapshot-cache.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FORMAT = 'load-snapshot-2';

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function bytesOf(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch {
    return '\0missing';
  }
}

/** The loaders' sources (data/*.ts), read once per process. */
let loaderSources: [string, Buffer | string][] | undefined;

/** The hash of what a loader reading `inputs` from `dir` depends on. */
export function loadKey(kind: string, dir: string, inputs: string[], extra = ''): string {
  loaderSources ??= readdirSync(HERE).filter((f) => f.endsWith('.ts')).sort().map((f) => [f, bytesOf(join(HERE, f))]);
  const hash = createHash('sha256').update(`${FORMAT}\0${kind}\0${process.cwd()}\0${resolve(dir)}\0${extra}\0`);
  const add = (name: string, bytes: Buffer | string) => hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  for (const [name, bytes] of loaderSources) add(`src:${name}`, bytes);
  for (const file of inputs) add(resolve(file), bytesOf(file));
  return hash.digest('hex').slice(0, 16);
}

/** What `load()` returns for these inputs: from a snapshot when there is one, else loaded (and kept). */
function loadCached<T>(kind: string, dir: string, inputs: string[], load: () => T, env: NodeJS.ProcessEnv, extra = ''): T {
  const name = `${kind}-${loadKey(kind, dir, inputs, extra)}`;
  const dirs = cacheDirs(env);
  const kept = readSnapshot<T>(name, dirs);
  if (kept !== undefined) return kept;
  const value = load(); // throws PlaybookError: nothing is cached
  writeSnapshot(name, value, dirs);
  return value;
}

/** The playbook of `dataDir` (playbook, walks, knowledge, feedback and utterances/*.yaml). */
export function loadPlaybookCached(dataDir: string = DEFAULT_DATA_DIR, env: NodeJS.ProcessEnv = process.env): Playbook {
  const inputs = [...['playbook.yaml', 'walks.yaml', 'knowledge.yaml', 'feedback.yaml'].map((f) => join(dataDir, f)), ...listYaml(join(dataDir, 'utterances'))];
  return loadCached('playbook', dataDir, inputs, () => loadPlaybook(dataDir), env);
}

/** The industry packs of `dir`, keyed by id. */
export function loadIndustryPacksCached(dir: string = DEFAULT_INDUSTRY_DIR, env: NodeJS.ProcessEnv = process.env): Map<string, IndustryPack> {
  return new Map(loadCached('industries', dir, listYaml(dir), () => [...loadIndustryPacks(dir)], env));
}

/** The compliance rules of `dir`'s compliance.yaml. */
export function loadComplianceRulesCached(dir: string = DEFAULT_DATA_DIR, env: NodeJS.ProcessEnv = process.env): ComplianceRules {
  return loadCached('compliance', dir, [join(dir, 'compliance.yaml')], () => loadComplianceRules(dir), env);
}

/** The practice data of `dataDir`'s practice/ folder, checked against the pack ids given. */
export function loadPracticeCached(dataDir: string = DEFAULT_DATA_DIR, packIds?: Iterable<string>, env: NodeJS.ProcessEnv = process.env): PracticeData {
  const ids = packIds === undefined ? undefined : [...packIds];
  const load = () => {
    const data = loadPractice(dataDir, ids);
    return { ...data, openings: [...data.openings] }; // a Map is kept as its entries
  };
  const inputs = [...listYaml(join(dataDir, 'practice')), ...listYaml(join(dataDir, 'practice', 'examples'))];
  const kept = loadCached('practice', dataDir, inputs, load, env, JSON.stringify(ids ?? null));
  return { ...kept, openings: new Map(kept.openings) };
}

/** The follow-up intervals and texts of `dir`'s followups.yaml. */
export function loadFollowupsCached(dir: string = DEFAULT_DATA_DIR, env: NodeJS.ProcessEnv = process.env): Followups {
  const file = join(dir, 'followups.yaml');
  return loadCached('followups', dir, [file], () => loadFollowups(file, relative(process.cwd(), file) || file), env);
}
