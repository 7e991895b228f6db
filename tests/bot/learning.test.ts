/**
 * Learning from the team: a rep corrects a misread quote, a manager accepts the correction (it
 * is stored in the database), and every instance — each with its own store connection — retrains
 * in the background and reads the quote as corrected, without a restart; the version in its
 * audit rows changes. Two instances on PostgreSQL (polling), one on SQLite (the local accept).
 */
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { learningPollMs, Learner } from '../../bot/learning.ts';
import { CoachService } from '../../bot/service/coach-service.ts';
import { createEngine } from '../../dialogs/engine.ts';
import type { Store } from '../../store/store.ts';
import { coach } from '../dashboard/seed.ts';
import { loadClassifier } from '../../intents/model-cache.ts';
import { BACKENDS, sqliteBackend, type Backend } from '../store/backends.ts';

/** A customer quote the playbook's model reads as deal size; the rep and the manager say trust. */
const QUOTE = 'his kid handles all the tech stuff so I have to wait for him';

interface Instance {
  store: Store;
  learner: Learner;
  service: CoachService;
}

function instance(store: Store, pollMs: number): Instance {
  const { playbook, classifier } = coach();
  const learner = new Learner({ store, playbook, initial: classifier, logger: pino({ level: 'silent' }), pollMs }).start();
  const service = new CoachService({ engine: createEngine(playbook, learner.classifier), store, logger: pino({ level: 'silent' }), managerIds: new Set(), redaction: true });
  return { store, learner, service };
}

let rep = 100;
/** A rep pastes the quote into the instance: the label and version its audit row records. */
async function paste(on: Instance, text = QUOTE): Promise<{ label: string | null; version: string | null; dialog: string | null }> {
  const userId = String(rep++);
  await on.service.handle({ channel: 'telegram', chatId: userId, chatType: 'private', userId, userName: 'Rep', input: { type: 'text', text } });
  const row = (await on.store.audit.latest(50, userId)).find((r) => r.kind === 'classified')!;
  return { label: row.label, version: row.classifier_version, dialog: row.dialog };
}

/** The rep corrects the type to trust on the same instance. */
async function correct(on: Instance, dialog: string): Promise<void> {
  const row = (await on.store.audit.transcript(dialog))[0]!;
  await on.service.handle({ channel: 'telegram', chatId: row.chat_id, chatType: 'private', userId: row.user_id, userName: 'Rep', input: { type: 'action', action: 'as:trust' } });
}

const WAIT = { timeout: 240_000, interval: 200 };

for (const { name, make, skip } of BACKENDS) {
  describe.skipIf(skip)(`learning from accepted corrections (${name})`, () => {
    const backend: Backend = make();
    const instances: Instance[] = [];
    afterAll(async () => {
      for (const i of instances) {
        await i.learner.close();
        await i.store.close();
      }
      await backend.cleanup();
    });

    it(
      name === 'postgres' ? 'two instances both read a quote as corrected after a manager accepts, without a restart' : 'the instance that took the accept learns it at once',
      async () => {
        const first = instance(await backend.open(), name === 'postgres' ? 250 : 0);
        instances.push(first);
        if (name === 'postgres') instances.push(instance(await backend.reopen(), 250));
        const before = await Promise.all(instances.map((i) => paste(i)));
        for (const seen of before) expect(seen.label).toBe('deal_size');
        const oldVersion = before[0]!.version!;
        expect(oldVersion).toBe(coach().classifier.version);

        await correct(first, before[0]!.dialog!);
        const accepted = await first.store.dashboard.review(before[0]!.dialog!, 'accepted', 'telegram:1');
        expect(accepted).toMatchObject({ corrected: 'trust', review: 'accepted' });
        expect(await first.store.corrections.all()).toEqual([expect.objectContaining({ text: QUOTE, label: 'trust', was: 'deal_size', acceptedBy: 'telegram:1' })]);
        if (name === 'sqlite') await first.learner.check(); // what the dashboard's accept does on its own instance

        for (const i of instances) await expect.poll(() => i.learner.classifier.version, WAIT).not.toBe(oldVersion);
        const after = await Promise.all(instances.map((i) => paste(i)));
        for (const seen of after) {
          expect(seen.label).toBe('trust');
          expect(seen.version).toMatch(/^kw\+softmax-5@[0-9a-f]{10}\+[0-9a-f]{8}$/);
          expect(seen.version!.startsWith(`${oldVersion}+`)).toBe(true);
        }
        expect(new Set(after.map((s) => s.version)).size).toBe(1); // the same corrections, the same model on every instance
        // A quote the team never corrected still reads as before.
        expect((await paste(first, '等着看吧，下次再说')).label).toBe('timing');
      },
      300_000,
    );
  });
}

describe('a retrain that fails', () => {
  it('leaves the current model answering, and is tried again at the next check', async () => {
    const backend = sqliteBackend();
    const store = await backend.open();
    const { playbook, classifier } = coach();
    let attempts = 0;
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    const learner = new Learner({
      store,
      playbook,
      initial: classifier,
      logger,
      pollMs: 0,
      train: async (p, extra) => {
        if (++attempts === 1) throw new Error('out of memory');
        return loadClassifier(p, { extra }).toSnapshot();
      },
    });
    try {
      await store.corrections.record({ dialog: 'd1', text: QUOTE, label: 'trust', was: 'deal_size', acceptedBy: 'telegram:1', acceptedAt: 1 });
      await learner.check();
      expect(learner.classifier.version).toBe(classifier.version);
      expect(learner.classifier.classify(QUOTE).label).toBe('deal_size');
      expect(logged.join('')).toContain('retraining the classifier failed');
      await learner.check();
      expect(attempts).toBe(2);
      expect(learner.classifier.version).not.toBe(classifier.version);
      expect(learner.classifier.classify(QUOTE)).toMatchObject({ label: 'trust', version: learner.classifier.version });
    } finally {
      await learner.close();
      await store.close();
    }
  }, 120_000);
});

describe('LEARNING_POLL_SECONDS', () => {
  it('defaults to 30 s, takes 0 (no polling) and fractions, and names itself when it is wrong', () => {
    expect(learningPollMs({})).toBe(30_000);
    expect(learningPollMs({ LEARNING_POLL_SECONDS: '0' })).toBe(0);
    expect(learningPollMs({ LEARNING_POLL_SECONDS: '2.5' })).toBe(2500);
    expect(() => learningPollMs({ LEARNING_POLL_SECONDS: 'often' })).toThrow(/LEARNING_POLL_SECONDS must be a number of seconds/);
    expect(() => learningPollMs({ LEARNING_POLL_SECONDS: '-1' })).toThrow(/LEARNING_POLL_SECONDS/);
  });
});
