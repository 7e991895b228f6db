/**
 * `npm run bench`: prints the project's speed and memory figures. Targets (from the issues)
 * are printed beside the figures; nothing here asserts, tests never time anything.
 */
import { benchClassifier } from './classifier.ts';
import { benchStore } from './store.ts';
import { benchTelegram } from './telegram.ts';

const sections: [string, () => string[] | Promise<string[]>][] = [
  ['classifier (target: median ≤ 50 µs per quote)', benchClassifier],
  ['store: audit log and sessions', benchStore],
  ['Telegram webhook (target: ≥ 1,000 updates/s on one core)', benchTelegram],
];

for (const [title, run] of sections) {
  console.log(`== ${title}`);
  for (const line of await run()) console.log(line);
}
