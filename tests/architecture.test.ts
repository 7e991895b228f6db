/**
 * The layering of docs/architecture.md, checked on the real import graph: every relative
 * `import … from` / `import(…)` / `export … from` of every source file is resolved to its folder
 * and held against the rules below. A new arrow that runs the wrong way fails here, by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const SOURCE_FOLDERS = ['data', 'intents', 'dialogs', 'store', 'bot'];

/** What each layer may not import (by path prefix, relative to the repository root). */
const FORBIDDEN: { from: RegExp; to: RegExp; why: string }[] = [
  { from: /^data\//, to: /^(intents|dialogs|store|bot)\//, why: 'data/ is the ground floor' },
  { from: /^intents\//, to: /^(dialogs|store|bot)\//, why: 'intents/ sits under the engine' },
  { from: /^dialogs\//, to: /^(store|bot)\//, why: 'the engine is pure: no store, no channel' },
  { from: /^store\//, to: /^(intents|dialogs|bot)\//, why: 'engine state is opaque to the store' },
  { from: /^bot\/(telegram|teams|console|channels)\//, to: /^store\//, why: 'adapters reach the store only through the service' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of the source tree, as repository-relative paths. */
function importGraph(): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? '';
        if (!specifier.startsWith('.')) continue;
        edges.push({ from: relative(ROOT, file), to: relative(ROOT, resolve(dirname(file), specifier)) });
      }
    }
  }
  return edges;
}

describe('the import graph', () => {
  const edges = importGraph();

  it('is read from the real sources', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges).toContainEqual({ from: 'bot/runtime.ts', to: expect.stringMatching(/^dialogs\//) });
  });

  it.each(FORBIDDEN)('$why', (rule) => {
    const wrong = edges.filter((e) => rule.from.test(e.from) && rule.to.test(e.to)).map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('catches a forbidden arrow (the check itself works)', () => {
    const fake = { from: 'dialogs/engine.ts', to: 'store/sessions.ts' };
    expect(FORBIDDEN.some((rule) => rule.from.test(fake.from) && rule.to.test(fake.to))).toBe(true);
  });
});

describe('source files', () => {
  it('are at most 300 lines each', () => {
    const long = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))
      .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
