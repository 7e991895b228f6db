import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.ts';

const dir = join(ROOT, 'appPackage');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const data = readFileSync(join(dir, file));
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('the Teams app package template', () => {
  it('has the fields Teams requires, with placeholder ids to replace', () => {
    expect(manifest.manifestVersion).toBe('1.17');
    for (const field of ['id', 'version', 'developer', 'name', 'description', 'icons', 'accentColor', 'bots']) expect(manifest).toHaveProperty(field);
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(manifest.bots[0].botId).toMatch(/^[0-9a-f-]{36}$/);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('ships icons of the required sizes', () => {
    expect(pngSize(manifest.icons.color)).toEqual([192, 192]);
    expect(pngSize(manifest.icons.outline)).toEqual([32, 32]);
  });

  it('lists the bot commands within Teams limits', () => {
    const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(commands.map((c) => c.title)).toEqual(expect.arrayContaining(['help', 'tip', 'kb', 'practice', 'deals', 'stats', 'export']));
  });
});
