/** The move detector's snapshot: a second process loads what the first trained, and judges the same. */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPractice } from '../../data/practice.ts';
import { loadMoveDetector } from '../../intents/moves-cache.ts';
import { MoveDetector } from '../../intents/moves.ts';

describe('the move detector snapshot', () => {
  it('is written once, loaded after, judges exactly as the trained one, and is stale when an example changes', () => {
    const data = loadPractice();
    const dir = join(mkdtempSync(join(tmpdir(), 'moves-cache-')), 'cache');
    const trained = loadMoveDetector(data, [dir]);
    expect(readdirSync(dir)).toEqual([`${MoveDetector.versionFor(data)}.json`]);
    const loaded = loadMoveDetector(data, [dir]);
    expect(loaded.calibration).toEqual(trained.calibration);
    const answers: [string, 'timing' | 'deal_size' | 'trust'][] = [
      ['Thursday at 3pm then, nothing to sign.', 'trust'],
      ['确实，SUV坐着舒服。不过油耗要高不少，您看哪种更适合？', 'deal_size'],
      ['Our product is the market leader, and I can do 10% off today.', 'timing'],
    ];
    for (const [text, type] of answers) expect(loaded.detect(text, type)).toEqual(trained.detect(text, type));
    const changed = { ...data, examples: [...data.examples.slice(1), { ...data.examples[0]!, text: `${data.examples[0]!.text} ok` }] };
    expect(MoveDetector.versionFor(changed)).not.toBe(MoveDetector.versionFor(data));
    expect(existsSync(join(dir, `${MoveDetector.versionFor(changed)}.json`))).toBe(false);
  }, 120_000);
});
