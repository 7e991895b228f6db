/**
 * The real conversation service for the adapters' in-process tests: the shipped playbook and
 * classifier, SQLite in memory, redaction on, and a logger whose lines are kept (to check that
 * no customer text reaches them). No process, no network: each adapter test feeds its channel's
 * real update JSON straight into the adapter and captures what it sends.
 */
import { loadPlaybook } from '../../data/playbook.ts';
import { createEngine, type Engine } from '../../dialogs/engine.ts';
import { createLogger } from '../../bot/logger.ts';
import { CoachService } from '../../bot/service/coach-service.ts';
import { loadClassifier } from '../../intents/model-cache.ts';
import { Store } from '../../store/store.ts';

let engine: Engine | undefined;

export interface InProcessService {
  service: CoachService;
  store: Store;
  logger: ReturnType<typeof createLogger>;
  /** Every log line so far (JSON, one per entry). */
  logs: string[];
  close(): Promise<void>;
}

/** A conversation service over a fresh in-memory store; `managers` are `channel:userId`. */
export async function inProcessService(managers: string[] = []): Promise<InProcessService> {
  if (!engine) {
    const playbook = loadPlaybook();
    engine = createEngine(playbook, loadClassifier(playbook));
  }
  const store = await Store.openSqlite(':memory:');
  const logs: string[] = [];
  const logger = createLogger('info', { destination: { write: (line: string) => void logs.push(line) } });
  const service = new CoachService({ engine, store, logger, managerIds: new Set(managers), redaction: true });
  return { service, store, logger, logs, close: () => store.close() };
}
