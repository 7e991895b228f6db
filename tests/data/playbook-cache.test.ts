/**
 * The playbook snapshot (data/playbook-cache.ts): a start with the same files gets the same
 * playbook as parsing them; an edited file is read anew at the next start; a broken playbook is
 * refused with its file and line even when an earlier, valid version of it was kept.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook, PlaybookError } from '../../data/playbook.ts';
import { loadPlaybookCached } from '../../data/playbook-cache.ts';
import { playbookCopy } from '../helpers.ts';

describe('the playbook snapshot', () => {
  const env = { CLASSIFIER_CACHE_DIR: mkdtempSync(join(tmpdir(), 'playbook-cache-')) };
  const dir = playbookCopy();

  it('gives the same playbook as the YAML, the second time from one snapshot file', () => {
    const parsed = loadPlaybook(dir);
    expect(loadPlaybookCached(dir, env)).toEqual(parsed);
    expect(readdirSync(env.CLASSIFIER_CACHE_DIR).filter((f) => f.startsWith('playbook-'))).toHaveLength(1);
    expect(loadPlaybookCached(dir, env)).toEqual(parsed);
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
