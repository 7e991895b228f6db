/** The classifier snapshot cache: a second process loads what the first trained, and only that. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../data/playbook.ts';
import { loadClassifier } from '../../intents/model-cache.ts';

const playbook = loadPlaybook();
// A small training set keeps the test quick; the mechanism is the same for the full one.
const options = { utterances: playbook.utterances.filter((_, i) => i % 12 === 0) };
const QUOTES = ['等着看吧，下次再说', 'he never talks price', '老板从来不见我们', 'ok send me the contract', '太贵了，再便宜点'];

describe('the classifier cache', () => {
  it('trains once, then loads the same classifier from the snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-cache-'));
    const trained = loadClassifier(playbook, options, [dir]);
    expect(trained.buildMs).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^classifier-.*\.json$/)]);
    const loaded = loadClassifier(playbook, options, [dir]);
    expect(loaded.buildMs).toBe(0); // not trained again
    expect(loaded.version).toBe(trained.version);
    for (const quote of QUOTES) expect(loaded.classify(quote)).toEqual(trained.classify(quote));
  });

  it('never uses a snapshot of other training data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-cache-'));
    const first = loadClassifier(playbook, options, [dir]);
    const other = loadClassifier(playbook, { ...options, extra: [{ text: '客户说要和合伙人商量一下', label: 'deal_size' }] }, [dir]);
    expect(other.version).not.toBe(first.version);
    expect(other.buildMs).toBeGreaterThan(0);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('trains again over a damaged snapshot, and still works in a folder it cannot write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-cache-'));
    const first = loadClassifier(playbook, options, [dir]);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), '{"version": "half a fi');
    const again = loadClassifier(playbook, options, [dir]);
    expect(again.buildMs).toBeGreaterThan(0);
    expect(again.classify(QUOTES[0]!).label).toBe(first.classify(QUOTES[0]!).label);
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, '');
    const unwritable = loadClassifier(playbook, options, [join(notAFolder, 'cache')]);
    expect(unwritable.classify(QUOTES[1]!).label).toBe(first.classify(QUOTES[1]!).label);
  });
});
