/**
 * `npm run bench`: prints the project's speed and memory figures. Targets (from the issues)
 * are printed beside the figures; nothing here asserts, tests never time anything.
 */
import { benchClassifier } from './classifier.ts';

const sections: [string, () => string[]][] = [['classifier (target: median ≤ 50 µs per quote)', benchClassifier]];

for (const [title, run] of sections) {
  console.log(`== ${title}`);
  for (const line of run()) console.log(line);
}
