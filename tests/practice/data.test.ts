/** data/practice/: loads, covers every move and pack, and points at the line of a mistake. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndustryPacks } from '../../data/industries.ts';
import { LANGS, OBJECTIONS, PlaybookError } from '../../data/playbook.ts';
import { loadPractice, MOVES, techniques } from '../../data/practice.ts';
import { lineOf, playbookCopy, ROOT, thrownBy } from '../helpers.ts';

const data = loadPractice();

function loadError(edits: Parameters<typeof playbookCopy>[0]): PlaybookError {
  return thrownBy(PlaybookError, () => loadPractice(playbookCopy(edits)), 'the broken copy loaded');
}

describe('the practice data', () => {
  it('has at least 40 example answers per move and language', () => {
    for (const lang of LANGS) {
      for (const move of MOVES) {
        const n = data.examples.filter((e) => e.lang === lang && e.moves.includes(move)).length;
        expect(n, `${lang} ${move}`).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('gives every industry pack openings for every type and language', () => {
    const packs = [...loadIndustryPacks().keys()];
    expect(packs.length).toBe(readdirSync(join(ROOT, 'data', 'industries')).filter((f) => f.endsWith('.yaml')).length);
    for (const id of packs) {
      for (const type of OBJECTIONS) for (const lang of LANGS) expect(data.openings.get(id)?.[type][lang].length, `${id} ${type} ${lang}`).toBeGreaterThan(0);
    }
  });

  it('has a principle and scripted replies for every move of every type', () => {
    for (const type of OBJECTIONS) {
      expect(techniques(data, type).length).toBeGreaterThan(0);
      for (const move of data.types[type].moves) {
        for (const lang of LANGS) {
          expect(data.moves[move].principle[lang].length).toBeGreaterThan(10);
          expect(data.types[type].replies[move]?.[lang].length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('names the file and line of a move that does not exist', () => {
    let source = '';
    const err = loadError({ 'practice/rubric.yaml': (t) => (source = t.replace('moves: [asks_usage, repitch, price_first]', 'moves: [asks_usage, repitch, discount]')) });
    expect(err.file.endsWith(join('practice', 'rubric.yaml'))).toBe(true);
    expect(err.line).toBe(lineOf(source, 'discount]'));
  });

  it('refuses a type without replies for one of its moves', () => {
    const err = loadError({ 'practice/rubric.yaml': (t) => t.replace('      price_first:\n        zh:\n          - "不是钱的事', '      price_firstx:\n        zh:\n          - "不是钱的事') });
    expect(err.message).toMatch(/price_firstx|replies for "price_first"/);
  });

  it('refuses an example labelled with a move of another type, naming its line', () => {
    let source = '';
    const err = loadError({ 'practice/examples/en.yaml': (t) => (source = t.replace('{moves: [asks_usage], text: "Sure. Who else at home', '{moves: [hand_over], text: "Sure. Who else at home')) });
    expect(err.message).toContain('"hand_over" is not a move of timing');
    expect(err.line).toBe(lineOf(source, 'Sure. Who else at home'));
  });

  it('refuses openings for a pack that does not exist, and a pack without openings', () => {
    expect(loadError({ 'practice/openings.yaml': (t) => `${t}\nspaceships:\n  timing: {zh: ["再说"], en: ["later"]}\n  deal_size: {zh: ["贵"], en: ["pricey"]}\n  trust: {zh: ["不见"], en: ["no"]}\n` }).message).toContain('no industry pack "spaceships"');
    expect(loadError({ 'practice/openings.yaml': (t) => t.replace(/\ncars:[\s\S]*?\n\n/, '\n\n') }).message).toContain('"cars" has no openings');
  });
});
