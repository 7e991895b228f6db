/**
 * Process start-up shared by every entry point: load and validate the playbook, build the
 * classifier — and the one place that turns a start-up failure into a single line and an exit
 * code. Library code only throws (ConfigError, PlaybookError, StartupError); the entry points
 * (bot/main.ts, bot/cli.ts) decide to exit, with `startupFailure(err)`.
 */
import { DEFAULT_DATA_DIR, PlaybookError, type Playbook } from '../data/playbook.ts';
import { loadPlaybookCached } from '../data/load-cache.ts';
import type { ObjectionClassifier } from '../intents/classifier.ts';
import { loadClassifier } from '../intents/model-cache.ts';
import { ConfigError } from './config.ts';

export interface Coach {
  playbook: Playbook;
  classifier: ObjectionClassifier;
}

/** Exit code for invalid configuration or playbook (DESIGN.md). */
export const EXIT_CONFIG = 2;
/** Exit code for a start-up that failed for another reason (port taken, Bot API unreachable). */
export const EXIT_FAILURE = 1;

/** A start-up step that cannot succeed, with the message an operator needs and the exit code. */
export class StartupError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.exitCode = exitCode;
    this.name = 'StartupError';
  }
}

/** The playbook folder: `PLAYBOOK_DIR` when set, else the shipped `data/`. */
export function playbookDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLAYBOOK_DIR?.trim() || DEFAULT_DATA_DIR;
}

/**
 * Loads the playbook and builds the classifier — each from its snapshot when the files are
 * those of an earlier start (data/load-cache.ts, intents/model-cache.ts); throws
 * PlaybookError when the playbook is broken.
 */
export function startCoach(env: NodeJS.ProcessEnv = process.env): Coach {
  const playbook = loadPlaybookCached(playbookDir(env), env);
  return { playbook, classifier: loadClassifier(playbook) };
}

/**
 * What an entry point prints (one line, no stack) and the exit code, for the failures start-up
 * expects; undefined for anything else (a bug, which should crash loudly).
 */
export function startupFailure(err: unknown): { message: string; exitCode: number } | undefined {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
  if (err instanceof ConfigError) return { message: `invalid configuration: ${oneLine(err.message)}`, exitCode: EXIT_CONFIG };
  if (err instanceof PlaybookError) return { message: `the playbook is invalid, not starting: ${oneLine(err.message)}`, exitCode: EXIT_CONFIG };
  if (err instanceof StartupError) return { message: oneLine(err.message), exitCode: err.exitCode };
  return undefined;
}
