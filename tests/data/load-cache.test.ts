/**
 * The load snapshots (data/load-cache.ts, data/snapshot-cache.ts): a start with the same files
 * gets exactly what parsing them gives — the playbook, the industry packs, the compliance
 * rules; an edited file is read anew at the next start; a broken file is refused with its file
 * and line even when an earlier, valid version of it was kept; the folder keeps only the newest
 * snapshots of each kind.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComplianceRules } from '../../data/compliance.ts';
import { loadIndustryPacks } from '../../data/industries.ts';
import { loadComplianceRulesCached, loadIndustryPacksCached, loadPlaybookCached, loadPracticeCached } from '../../data/load-cache.ts';
import { loadPlaybook, PlaybookError } from '../../data/playbook.ts';
import { loadPractice } from '../../data/practice.ts';
import { KEEP_PER_KIND, readSnapshot, writeSnapshot } from '../../data/snapshot-cache.ts';
import { playbookCopy } from '../helpers.ts';

const snapshotsOf = (dir: string, kind: string) => readdirSync(dir).filter((f) => f.startsWith(`${kind}-`));

describe('the playbook snapshot', () => {
  const env = { CLASSIFIER_CACHE_DIR: mkdtempSync(join(tmpdir(), 'playbook-cache-')) };
  const dir = playbookCopy();

  it('gives the same playbook as the YAML, the second time from one snapshot file', () => {
    const parsed = loadPlaybook(dir);
    expect(loadPlaybookCached(dir, env)).toStrictEqual(parsed);
    expect(snapshotsOf(env.CLASSIFIER_CACHE_DIR, 'playbook')).toHaveLength(1);
    expect(loadPlaybookCached(dir, env)).toStrictEqual(parsed);
  });

  it('reads an edited file anew: a training line added is in the next start’s playbook', () => {
    const before = loadPlaybookCached(dir, env).utterances.length;
    appendFileSync(join(dir, 'feedback.yaml'), '- text: "the zorblat renewal again"\n  label: trust\n  was: none\n  accepted_by: "telegram:1"\n  accepted_at: "2026-11-30T00:00:00Z"\n  dialog: d1\n');
    const after = loadPlaybookCached(dir, env);
    expect(after.utterances.length).toBe(before + 1);
    expect(after.utterances.at(-1)).toMatchObject({ text: 'the zorblat renewal again', label: 'trust' });
  });

  it('refuses a broken playbook with its file and line, whatever was kept of an earlier version', () => {
    const file = join(dir, 'playbook.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^keywords:/m, 'keywords: [broken\n'));
    expect(() => loadPlaybookCached(dir, env)).toThrow(PlaybookError);
    expect(() => loadPlaybookCached(dir, env)).toThrow(/playbook\.yaml:\d+/);
  });
});

describe('the industry packs, compliance rules and practice data snapshots', () => {
  const env = { CLASSIFIER_CACHE_DIR: mkdtempSync(join(tmpdir(), 'packs-cache-')) };
  const dir = playbookCopy();
  const packsDir = join(dir, 'industries');

  it('give exactly what the YAML gives (every field, every pattern with its file:line), from one snapshot each', () => {
    const packs = loadIndustryPacks(packsDir);
    const rules = loadComplianceRules(dir);
    const practice = loadPractice(dir, packs.keys());
    for (let start = 0; start < 2; start++) {
      expect(loadIndustryPacksCached(packsDir, env)).toStrictEqual(packs);
      expect(loadComplianceRulesCached(dir, env)).toStrictEqual(rules);
      expect(loadPracticeCached(dir, packs.keys(), env)).toStrictEqual(practice);
    }
    for (const kind of ['industries', 'compliance', 'practice']) expect(snapshotsOf(env.CLASSIFIER_CACHE_DIR, kind)).toHaveLength(1);
    // Checked against other pack ids, the same files are another snapshot (an opening for an unknown pack is refused).
    expect(() => loadPracticeCached(dir, ['generic'], env)).toThrow(PlaybookError);
    expect(rules.rules[0]!.patterns.zh[0]!.where).toMatch(/compliance\.yaml:\d+$/);
  });

  it('read an edited pack anew, and refuse a broken one with its file and line', () => {
    const file = join(packsDir, 'insurance.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('en: "Insurance"}', 'en: "Insurance, edited"}'));
    expect(loadIndustryPacksCached(packsDir, env).get('insurance')!.name.en).toBe('Insurance, edited');
    expect(loadIndustryPacksCached(packsDir, env)).toStrictEqual(loadIndustryPacks(packsDir));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nid: [unclosed\n`);
    expect(() => loadIndustryPacksCached(packsDir, env)).toThrow(/industries\/insurance\.yaml:\d+/);
  });

  it('read an edited practice example anew (examples/ is a folder of its own)', () => {
    const own = playbookCopy();
    const ids = [...loadIndustryPacks(join(own, 'industries')).keys()];
    const before = loadPracticeCached(own, ids, env).examples.length;
    const file = join(own, 'practice', 'examples', 'en.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^timing:\n/m, 'timing:\n  - {moves: [], text: "A brand-new example answer, zorblat."}\n'));
    const after = loadPracticeCached(own, ids, env);
    expect(after.examples.length).toBe(before + 1);
    expect(after.examples.some((e) => e.text.includes('zorblat'))).toBe(true);
  });
});

describe('the snapshot folder', () => {
  it(`keeps the newest ${KEEP_PER_KIND} snapshots of a kind, and leaves the other kinds alone`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshots-'));
    writeSnapshot('classifier-v0', { n: 0 }, [dir]);
    for (let n = 1; n <= KEEP_PER_KIND + 2; n++) {
      writeSnapshot(`playbook-v${n}`, { n }, [dir]);
      const at = new Date(Date.now() - 60_000 * (KEEP_PER_KIND + 2 - n)); // older first, a minute apart
      utimesSync(join(dir, `playbook-v${n}.json`), at, at);
    }
    writeSnapshot(`playbook-v${KEEP_PER_KIND + 3}`, { n: KEEP_PER_KIND + 3 }, [dir]);
    expect(snapshotsOf(dir, 'playbook').sort()).toEqual(Array.from({ length: KEEP_PER_KIND }, (_, i) => `playbook-v${i + 4}.json`).sort());
    expect(readSnapshot('playbook-v1', [dir])).toBeUndefined();
    expect(readSnapshot(`playbook-v${KEEP_PER_KIND + 3}`, [dir])).toEqual({ n: KEEP_PER_KIND + 3 });
    expect(readSnapshot('classifier-v0', [dir])).toEqual({ n: 0 });
  });
});
