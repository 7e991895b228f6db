/**
 * Realistic dashboard data, made the way production makes it: reps' conversations through the
 * conversation service (classification, walks, corrections, outcomes) into a real store.
 */
import { pino } from 'pino';
import { loadPlaybook, type Playbook } from '../../data/playbook.ts';
import { createEngine, type CoachInput } from '../../dialogs/engine.ts';
import { CoachService } from '../../bot/service/coach-service.ts';
import type { Store } from '../../store/store.ts';
import type { ObjectionClassifier } from '../../intents/classifier.ts';
import { loadClassifier } from '../../intents/model-cache.ts';

let shared: { playbook: Playbook; classifier: ObjectionClassifier } | undefined;
export function coach() {
  if (!shared) {
    const playbook = loadPlaybook();
    shared = { playbook, classifier: loadClassifier(playbook) };
  }
  return shared;
}

export function serviceFor(store: Store, now?: () => number): CoachService {
  const { playbook, classifier } = coach();
  return new CoachService({ engine: createEngine(playbook, classifier), store, logger: pino({ level: 'silent' }), managerIds: new Set(['telegram:1']), redaction: true, now });
}

type Step = string | { press: string };

/** The conversations: [rep id, rep name, steps]. Presses are action ids ('wy': the time understood is right). */
export const CONVERSATIONS: [string, string, Step[]][] = [
  ['11', 'Li Wei', ['等着看吧，下次再说', { press: 'go' }, { press: 'ind:generic' }, { press: 'noprod' }, { press: 'next' }, '他想周末打发时间', { press: 'c:special' }, { press: 'next' }, '周六十点', { press: 'wy' }, { press: 'next' }, { press: 'out:booked' }]],
  ['12', 'Sam Carter', ['he never talks price', { press: 'go' }, { press: 'ind:generic' }, { press: 'noprod' }, { press: 'c:avoids_price' }, { press: 'next' }, { press: 'next' }, 'the tiles look cheap', { press: 'skip' }, { press: 'next' }, { press: 'next' }, { press: 'out:lost' }]],
  ['13', 'Zhang Min', ['let me compare other quotes', { press: 'fix' }, { press: 'as:trust' }, { press: 'ind:generic' }, { press: 'noprod' }, { press: 'c:doubts_company' }]],
  ['11', 'Li Wei', ['客户说要跟老婆商量', { press: 'go' }, { press: 'ind:generic' }, { press: 'noprod' }, { press: 'c:asks_others' }]],
  ['14', 'Ana <script>alert(1)</script>', ['I can\'t get a meeting with the boss <b>bold</b>', { press: 'go' }, { press: 'ind:generic' }, { press: 'noprod' }, { press: 'c:no_decision_maker' }, { press: 'next' }, { press: 'c:own' }, 'we refund your fee', { press: 'c:o1' }, 'Thursday 3pm', { press: 'wy' }, { press: 'next' }, { press: 'next' }, { press: 'next' }, { press: 'out:open' }]],
  ['12', 'Sam Carter', ['好的，合同发我', { press: 'fix' }, { press: 'as:deal_size' }]],
];

/** Runs the conversations; returns the service used. */
export async function seed(store: Store, now?: () => number): Promise<CoachService> {
  const service = serviceFor(store, now);
  for (const [userId, userName, steps] of CONVERSATIONS) {
    for (const step of steps) {
      const input: CoachInput = typeof step === 'string' ? { type: 'text', text: step } : { type: 'action', action: step.press };
      await service.handle({ channel: 'telegram', chatId: userId, chatType: 'private', userId, userName, input });
    }
  }
  return service;
}
