/**
 * Process start-up shared by every entry point: load and validate the playbook, build the
 * classifier, and turn a broken playbook into one clear message and exit code 2.
 */
import { DEFAULT_DATA_DIR, loadPlaybook, PlaybookError, type Playbook } from '../data/playbook.ts';
import type { ObjectionClassifier } from '../intents/classifier.ts';
import { loadClassifier } from '../intents/model-cache.ts';

export interface Coach {
  playbook: Playbook;
  classifier: ObjectionClassifier;
}

/** Exit code for invalid configuration or playbook (DESIGN.md). */
export const EXIT_CONFIG = 2;

/** The playbook folder: `PLAYBOOK_DIR` when set, else the shipped `data/`. */
export function playbookDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLAYBOOK_DIR?.trim() || DEFAULT_DATA_DIR;
}

/** Loads the playbook and builds the classifier, or prints why not and exits with code 2. */
export function startCoach(env: NodeJS.ProcessEnv = process.env): Coach {
  try {
    const playbook = loadPlaybook(playbookDir(env));
    return { playbook, classifier: loadClassifier(playbook) };
  } catch (err) {
    if (err instanceof PlaybookError) {
      process.stderr.write(`objection-coach: the playbook is invalid, not starting.\n  ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
}
