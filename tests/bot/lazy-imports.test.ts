/**
 * What a start loads: the Teams SDK (@microsoft/agents-*, ≈ 40 MB and a third of a second) only
 * when Teams is configured, jieba only when chosen, the YAML parser only when a playbook file
 * is not in the snapshot cache. Checked on the static import graph —
 * `import … from` statements followed from the entry points; a dynamic `import()` is where a
 * module is loaded on demand, so it is not followed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

/** Every package (bare specifier) and project file loaded at once by `entry`'s static imports. */
function staticallyLoaded(entry: string): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (statSync(target, { throwIfNoEntry: false })?.isFile()) queue.push(target);
      } else packages.add(specifier);
    }
  }
  return { packages, files: new Set([...files].map((f) => relative(ROOT, f))) };
}

describe('what a start loads', () => {
  it('the server loads the Teams SDK and the Teams adapter only when Teams is configured (dynamic import in bot/serve.ts)', () => {
    const { packages, files } = staticallyLoaded('bot/serve.ts');
    expect([...packages].filter((p) => p.startsWith('@microsoft/'))).toEqual([]);
    expect([...files].filter((f) => f.startsWith('bot/teams/'))).toEqual([]);
    expect(packages).toContain('grammy'); // the graph is followed: the Telegram adapter is there
    expect(readFileSync(join(ROOT, 'bot/serve.ts'), 'utf8')).toMatch(/import\('@microsoft\/agents-hosting'\)/);
  });

  it('the console loads neither the server, the Teams SDK, nor jieba', () => {
    const { packages, files } = staticallyLoaded('bot/main.ts');
    expect([...packages].filter((p) => p.startsWith('@microsoft/') || p === 'express' || p === 'grammy' || p.startsWith('@node-rs/'))).toEqual([]);
    expect(files).not.toContain('bot/serve.ts');
  });

  it('no start loads the YAML parser (the playbook comes from its snapshot; yaml is required on a miss), every language chrono-node knows, the simplified → traditional tables, nor pg without PostgreSQL', () => {
    for (const entry of ['bot/main.ts', 'bot/serve.ts']) {
      const { packages } = staticallyLoaded(entry);
      expect(packages).not.toContain('yaml');
      expect(packages).not.toContain('chrono-node'); // its root loads every locale: only chrono-node/en and /zh
      expect(packages).toContain('chrono-node/zh');
      expect(packages).not.toContain('opencc-js/cn2t'); // 1.1 MB of tables, required for the first rep who writes traditional
      expect(packages).not.toContain('pg'); // only with DATABASE_URL
    }
  });

  it('a start whose playbook snapshots are kept never loads the YAML parser (checked in a real process, twice)', () => {
    const script = `
      const { startRuntime } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'bot/runtime.ts')).href)});
      const runtime = await startRuntime({ trustedChannels: ['console'] });
      await runtime.close();
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/node_modules/yaml/'));
      console.log(loaded.length ? 'yaml loaded' : 'no yaml');`;
    const start = () => execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'lazy-yaml-')), LOG_LEVEL: 'error' }, encoding: 'utf8' }).trim();
    start(); // keeps the snapshots, if an earlier start had not
    expect(start()).toBe('no yaml');
  }, 60_000);
});
