/**
 * Learning from the team: every instance retrains its classifier on the corrections managers
 * accepted (store/corrections.ts) and swaps the new model in without a restart.
 *
 * - Each instance polls a cheap value of the corrections table (count and newest time) every
 *   LEARNING_POLL_SECONDS (default 30; 0: no polling), and checks at once after an accept on its
 *   own dashboard. When the set changed, it reads the corrections and trains in a worker thread
 *   (learning-worker.ts: the snapshot cache first, so instances sharing a cache folder train
 *   once), off the thread that answers reps; the new model replaces the old between two
 *   classifications. Replies never wait for a retrain.
 * - The live model's version — the pipeline's, `+` a hash of the corrections — is what /readyz,
 *   /healthz and new audit rows report.
 * - Only the service's live model learns: `objection-coach eval` and the held-out sets use the
 *   playbook alone, so an accepted correction never enters (or is scored against) a held-out set.
 */
import { Worker } from 'node:worker_threads';
import { LABELS, type Label, type Playbook } from '../data/playbook.ts';
import { ObjectionClassifier, type Classification, type ClassifierSnapshot, type LabelledText } from '../intents/classifier.ts';
import type { Store } from '../store/store.ts';
import { ConfigError } from './config.ts';
import type { Logger } from './logger.ts';

/** How often an instance asks the database whether the corrections changed, by default. */
export const DEFAULT_POLL_SECONDS = 30;

/** LEARNING_POLL_SECONDS: seconds between polls (0: never poll; an accept on this instance still retrains). */
export function learningPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.LEARNING_POLL_SECONDS?.trim();
  if (!text) return DEFAULT_POLL_SECONDS * 1000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) throw new ConfigError('LEARNING_POLL_SECONDS', `must be a number of seconds from 0 to 86400 (got "${text}")`);
  return Math.round(seconds * 1000);
}

/** The classifier the engine holds: always the newest model this instance has, swapped in whole. */
export class LiveClassifier {
  #current: ObjectionClassifier;

  constructor(initial: ObjectionClassifier) {
    this.#current = initial;
  }

  classify(text: string): Classification {
    return this.#current.classify(text);
  }

  get version(): string {
    return this.#current.version;
  }

  get current(): ObjectionClassifier {
    return this.#current;
  }

  swap(next: ObjectionClassifier): void {
    this.#current = next;
  }
}

export interface LearnerOptions {
  store: Pick<Store, 'corrections'>;
  playbook: Playbook;
  /** The model to serve until the first retrain (the playbook's, from the snapshot cache). */
  initial: ObjectionClassifier;
  logger: Logger;
  /** Milliseconds between polls; 0: none. */
  pollMs: number;
  /** Trains a model (default: in a worker thread). */
  train?: (playbook: Playbook, extra: LabelledText[]) => Promise<ClassifierSnapshot>;
}

/** The latest retrain, for benches and logs. */
export interface Retrain {
  version: string;
  corrections: number;
  /** From the check to the new model answering. */
  ms: number;
  /** Of which on the thread that answers reps: the snapshot turned into a model and swapped in. */
  swapMs: number;
}

export class Learner {
  readonly classifier: LiveClassifier;
  /** The latest retrain, once there was one. */
  last: Retrain | undefined;
  readonly #options: LearnerOptions;
  /** The corrections' value last learnt from (undefined: not yet asked). */
  #seen: string | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #workers = new Set<Worker>();
  #closed = false;

  constructor(options: LearnerOptions) {
    this.#options = options;
    this.classifier = new LiveClassifier(options.initial);
  }

  /** Checks now (corrections accepted while the instance was down), then at every poll. */
  start(): this {
    void this.check();
    if (this.#options.pollMs > 0) {
      this.#timer = setInterval(() => void this.check(), this.#options.pollMs);
      this.#timer.unref();
    }
    return this;
  }

  /**
   * Asks whether the corrections changed and, when they did, retrains and swaps. Never throws (a
   * failure is logged and retried at the next check). Resolves when this check's retrain (or,
   * if one was running, the one after it) is done.
   */
  check(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running.then(() => this.#running);
    }
    const run = this.#learn()
      .catch((err: unknown) => {
        if (!this.#closed) this.#options.logger.error({ err }, 'retraining the classifier failed; the current model stays (retried at the next check)');
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again && !this.#closed) {
          this.#again = false;
          void this.check();
        }
      });
    this.#running = run;
    return run;
  }

  async #learn(): Promise<void> {
    const { store, playbook, logger } = this.#options;
    const seen = await store.corrections.version();
    if (seen === this.#seen) return;
    const extra: LabelledText[] = (await store.corrections.all())
      .filter((c) => (LABELS as readonly string[]).includes(c.label) && c.text.trim())
      .map((c) => ({ text: c.text, label: c.label as Label }));
    const version = ObjectionClassifier.versionFor(playbook, { extra });
    if (version !== this.classifier.version) {
      const started = performance.now();
      const snapshot = await (this.#options.train ?? this.#inWorker.bind(this))(playbook, extra);
      if (this.#closed) return;
      const swapping = performance.now();
      this.classifier.swap(ObjectionClassifier.fromSnapshot(playbook, snapshot, this.classifier.current)); // same playbook: its keyword lists are reused
      const now = performance.now();
      this.last = { version: snapshot.version, corrections: extra.length, ms: Math.round(now - started), swapMs: Math.round((now - swapping) * 10) / 10 };
      logger.info(this.last, 'classifier retrained on the accepted corrections');
    }
    this.#seen = seen;
  }

  /** Trains in a worker thread (unref'd: it never keeps the process alive). */
  #inWorker(playbook: Playbook, extra: LabelledText[]): Promise<ClassifierSnapshot> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./learning-worker.ts', import.meta.url), { workerData: { playbook, extra } });
      this.#workers.add(worker);
      worker.unref();
      worker.once('message', (snapshot: ClassifierSnapshot) => resolve(snapshot));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        this.#workers.delete(worker);
        reject(new Error(`the training worker stopped (exit code ${code})`)); // no-op once resolved
      });
    });
  }

  /** Stops polling and any training in progress; resolves when nothing of it touches the store any more. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.all([...this.#workers].map((w) => w.terminate()));
    await this.#running;
  }
}
