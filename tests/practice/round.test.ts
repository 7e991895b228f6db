/** The practice round's rules: openings, team quotes, the end, the scorecard's model answer, stats. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS, OBJECTIONS } from '../../data/playbook.ts';
import { branchOf, createPractice, formatPracticeStats, isoWeek, loadPracticeKit, modelAnswer, practiceStats, type Practice, type PracticeKit, type PracticeResult } from '../../dialogs/practice/index.ts';
import { runCli } from '../helpers.ts';

let kit: PracticeKit;
let practice: Practice;
beforeAll(() => {
  kit = loadPracticeKit();
  practice = createPractice(kit);
}, 60_000);

describe('starting a round', () => {
  it('opens with a line of the rep’s industry, of the chosen type, in the rep’s language', () => {
    const { state, replies, events } = practice.startPractice({ lang: 'zh', type: 'trust', industry: 'cars', pick: 1 });
    expect(kit.practice.openings.get('cars')!.trust.zh).toContain(replies.find((r) => r.kind === 'customer')!.text);
    expect(state).toMatchObject({ type: 'trust', industry: 'cars', source: 'playbook', done: false });
    expect(events).toEqual([{ kind: 'practice_started', practice: true, type: 'trust', lang: 'zh', industry: 'cars', source: 'playbook' }]);
  });

  it('falls back to the generic pack for an unknown industry, and picks a type when none is given', () => {
    const types = new Set([0, 1, 2].map((pick) => practice.startPractice({ lang: 'en', industry: 'spaceships', pick }).state.type));
    expect(types).toEqual(new Set(OBJECTIONS));
    expect(practice.startPractice({ lang: 'en', industry: 'spaceships' }).state.industry).toBe('generic');
  });

  it('opens with a team quote when one is given, marked as real but never saying who', () => {
    const { state, replies } = practice.startPractice({ lang: 'en', type: 'timing', teamQuotes: ['  we will decide after the board meeting  '] });
    expect(state.source).toBe('team');
    expect(replies.map((r) => r.text)).toContain('we will decide after the board meeting');
    expect(replies.some((r) => r.kind === 'note' && r.text.includes('not shown'))).toBe(true);
  });
});

describe('answering', () => {
  it('asks again for an empty answer without spending a round', () => {
    const { state } = practice.startPractice({ lang: 'en', type: 'timing' });
    const out = practice.answerPractice(state, '   ');
    expect(out.state).toBe(state);
    expect(out.events).toEqual([]);
  });

  it('ends after four answers at the latest, with the scorecard, and then refuses more', () => {
    let { state } = practice.startPractice({ lang: 'en', type: 'trust' });
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const out = practice.answerPractice(state, 'Okay, I understand.');
      state = out.state;
      kinds.push(...out.events.map((e) => e.kind));
    }
    expect(state.done).toBe(true);
    expect(kinds.filter((k) => k === 'practice_answer')).toHaveLength(4);
    expect(kinds.at(-1)).toBe('practice_finished');
    expect(practice.answerPractice(state, 'hello').replies[0]!.kind).toBe('note');
  });

  it('ends on request with a scorecard of what was answered', () => {
    const { state } = practice.startPractice({ lang: 'zh', type: 'timing' });
    const out = practice.endPractice(practice.answerPractice(state, '您平时主要在哪儿用？').state);
    expect(out.state.done).toBe(true);
    expect(out.replies.at(-1)!.kind).toBe('scorecard');
    const finished = out.events.find((e) => e.kind === 'practice_finished');
    expect(finished?.kind === 'practice_finished' && finished.result.found).toEqual(['asks_usage']);
  });

  it('lets a mistake outweigh a technique shown in the same answer', () => {
    expect(branchOf(['follow', 'price_first'], ['follow', 'push_forward'], ['price_first'], false)).toBe('price_first');
    expect(branchOf(['follow'], ['follow', 'push_forward'], ['price_first'], false)).toBe('follow');
    expect(branchOf([], ['follow', 'push_forward'], ['price_first'], true)).toBe('all');
    expect(branchOf([], ['follow', 'push_forward'], ['price_first'], false)).toBe('none');
  });
});

describe('the model answer', () => {
  it('is composed from every pack’s scripts, with no slot left unfilled', () => {
    for (const pack of kit.packs.values()) {
      for (const type of OBJECTIONS) {
        for (const lang of LANGS) {
          const text = modelAnswer(pack, type, lang);
          expect(text, `${pack.id} ${type} ${lang}`).not.toMatch(/[{}]/);
          expect(text.length).toBeGreaterThan(40);
        }
      }
    }
  });
});

describe('practice stats', () => {
  const result = (found: PracticeResult['found'], missed: PracticeResult['missed']): PracticeResult => ({ type: 'trust', lang: 'en', industry: 'generic', source: 'playbook', rounds: 2, found, missed, mistakes: [], compliance: [] });

  it('counts rounds and moves hit per type, week by week', () => {
    const stats = practiceStats([
      { at: '2026-11-23T10:00:00Z', result: result([], ['commitment', 'fixed_time']) },
      { at: '2026-11-30', result: result(['commitment'], ['fixed_time']) },
      { at: '2026-12-01', result: result(['commitment', 'fixed_time'], []) },
    ]);
    expect(stats.rounds).toBe(3);
    expect(stats.byType.trust!.hits).toEqual({ commitment: 2, fixed_time: 1 });
    expect(stats.byType.trust!.weeks).toEqual([
      { week: '2026-W48', rounds: 1, hitRate: 0 },
      { week: '2026-W49', rounds: 2, hitRate: 0.75 },
    ]);
    expect(formatPracticeStats(stats, kit.practice, 'en')).toContain('2026-W49 75%');
    expect(formatPracticeStats(practiceStats([]), kit.practice, 'zh')).toContain('/practice');
  });

  it('numbers ISO weeks across a year end', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });
});

describe('objection-coach moves', () => {
  it('prints precision and recall per move and language on a labelled file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moves-'));
    const file = join(dir, 'answers.jsonl');
    const lines = [
      { lang: 'en', type: 'timing', answer: 'How often would you use it, and with whom?', moves: ['asks_usage'] },
      { lang: 'en', type: 'timing', answer: 'I can give you 10% off today.', moves: ['price_first'] },
      { lang: 'zh', type: 'trust', answer: '周四下午三点见一面可以吗？', moves: ['fixed_time'] },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const run = runCli(['moves', file]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\[en\][\s\S]*asks_usage\s+1\.000\s+1\.000/);
    expect(run.stdout).toMatch(/\[zh\][\s\S]*fixed_time\s+1\.000\s+1\.000/);
    expect(run.stdout).not.toContain('How often');
    const json = JSON.parse(runCli(['moves', file, '--json']).stdout);
    expect(json.byLang.en.price_first.tp).toBe(1);
  }, 120_000);

  it('names the bad line of a broken file without printing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moves-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ lang: 'en', type: 'timing', answer: 'secret words', moves: ['asks_usage'] })}\n${JSON.stringify({ lang: 'fr', type: 'timing', answer: 'secret words', moves: [] })}\n`);
    const run = runCli(['moves', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(':2: "lang" must be zh or en');
    expect(run.stderr).not.toContain('secret');
  }, 60_000);
});
