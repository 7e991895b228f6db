/**
 * Practice through the engine, as every channel runs it: `/practice <type>` (parsed as the
 * channels parse it), the rep's answers as typed text, the state stored as JSON between turns.
 * The rounds are those of tests/practice/transcripts/*.yaml (one file per type and language):
 * after each answer the moves found, the customer's reply from the rubric's branch for what the
 * rep did (a good answer warms them up; a re-pitch or price-first answer makes them push back),
 * and at the end the scorecard — and every turn is practice, in no real dialog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputFromText } from '../../dialogs/commands.ts';
import type { CoachEvent, CoachInput, CoachState, Engine, TurnResult } from '../../dialogs/engine.ts';
import { PRACTICE_MESSAGES } from '../../dialogs/practice/messages.ts';
import { sharedPracticeKit, type PracticeKit, type PracticeResult } from '../../dialogs/practice/index.ts';
import { ROOT } from '../helpers.ts';
import { engineWith, GENERIC_PROFILE } from '../dialogs/fixtures.ts';

type Lang = 'zh' | 'en';
interface Turn {
  rep: string;
  moves?: string[];
  not?: string[];
  customer?: string;
  bot?: string[];
  compliance?: boolean;
}
interface Round {
  title: string;
  industry?: string;
  turns: Turn[];
  found?: string[];
  missed?: string[];
  mistakes?: string[];
}

const dir = join(ROOT, 'tests', 'practice', 'transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
/** How a rep names each type in a command, per language (the Chinese words of parsePracticeArgs). */
const TYPE_WORD: Record<Lang, Record<string, string>> = { en: { timing: 'timing', deal_size: 'deal_size', trust: 'trust' }, zh: { timing: '时间', deal_size: '金额', trust: '信任' } };

let engine: Engine;
let kit: PracticeKit;
beforeAll(() => {
  kit = sharedPracticeKit();
  engine = engineWith('none'); // practice never classifies: a classifier that would tag anything is never asked
}, 60_000);

let turnNo = 0;
function run(state: unknown, input: CoachInput): { result: TurnResult; state: unknown; text: string } {
  const result = engine.handle(JSON.parse(JSON.stringify(state)), { ...input, turnId: `t${++turnNo}` });
  return { result, state: JSON.parse(JSON.stringify(result.state)), text: result.replies.map((r) => r.text).join('\n---\n') };
}
const eventOf = <K extends CoachEvent['kind']>(result: TurnResult, kind: K) => result.events.find((e): e is Extract<CoachEvent, { kind: K }> => e.kind === kind);

describe.each(files)('%s through the engine', (file) => {
  const { lang, type, rounds } = parse(readFileSync(join(dir, file), 'utf8')) as { lang: Lang; type: 'timing' | 'deal_size' | 'trust'; rounds: Round[] };
  const words = PRACTICE_MESSAGES[lang];

  it.each(rounds.map((r) => [r.title, r] as const))('%s', (_, round) => {
    let state: unknown = { ...engine.initialState(lang), profile: { industry: round.industry ?? 'generic', product: null }, dialog: 'a-real-dialog' };
    const opened = run(state, inputFromText(`/practice ${TYPE_WORD[lang][type]}`, { langHint: lang }));
    state = opened.state;
    expect((state as CoachState).mode).toBe('practice');
    expect(opened.result).toMatchObject({ practice: true, dialog: null, lang });
    expect(eventOf(opened.result, 'practice_started')).toMatchObject({ type, lang, industry: round.industry ?? 'generic', source: 'playbook' });
    const openings = kit.practice.openings.get(round.industry ?? 'generic')![type][lang];
    expect(openings.some((line) => opened.text.includes(words.customer(line))), `opening from the pack's lines:\n${opened.text}`).toBe(true);

    let result: PracticeResult | undefined;
    round.turns.forEach((turn, i) => {
      const where = `${file} / ${round.title} / answer ${i + 1}`;
      expect((state as CoachState).mode, `${where}: the round ended early`).toBe('practice');
      const out = run(state, inputFromText(turn.rep, { langHint: lang }));
      state = out.state;
      expect(out.result.practice, where).toBe(true);
      expect(out.result.dialog, where).toBeNull();
      expect(out.result.events.map((e) => e.kind).filter((k) => !k.startsWith('practice_')), `${where}: nothing but practice happened`).toEqual([]);
      const answer = eventOf(out.result, 'practice_answer')!;
      for (const m of turn.moves ?? []) expect(answer.moves, `${where}: ${m} not found`).toContain(m);
      for (const m of turn.not ?? []) expect(answer.moves, `${where}: ${m} found`).not.toContain(m);
      if (turn.compliance !== undefined) expect(answer.compliance.length > 0, `${where}: compliance`).toBe(turn.compliance);
      if (turn.customer) {
        const rubric = kit.practice.types[type];
        const expected = turn.customer === 'warm' || turn.customer === 'cold' ? [rubric.closing[turn.customer][lang]] : rubric.replies[turn.customer as keyof typeof rubric.replies]![lang];
        const said = out.result.replies.map((r) => r.text).filter((t) => t.startsWith(words.customer('')));
        expect(said, `${where}: the customer said nothing or too much`).toHaveLength(1);
        expect(expected.map(words.customer), `${where}: the customer's reply is not from the "${turn.customer}" branch`).toContain(said[0]);
      }
      for (const needle of turn.bot ?? []) expect(out.text, where).toContain(needle);
      result = eventOf(out.result, 'practice_finished')?.result ?? result;
    });
    if (round.found || round.missed || round.mistakes) {
      expect(result, `${round.title}: no scorecard`).toBeDefined();
      expect((state as CoachState).mode, 'back to idle after the scorecard').toBe('idle');
      if (round.found) expect(result!.found).toEqual(round.found);
      if (round.missed) expect(result!.missed).toEqual(round.missed);
      if (round.mistakes) expect(result!.mistakes).toEqual(round.mistakes);
    }
  });
});

describe('practice in the chat', () => {
  const idle = (lang: Lang = 'en') => ({ ...engine.initialState(lang), profile: GENERIC_PROFILE });

  it('opens with a real quote of the team when the service passes some of the type and language, and says where it comes from', () => {
    const teamQuotes = [
      { type: 'trust' as const, text: '你们上次那个经理就没兑现，我不太信。' },
      { type: 'trust' as const, text: "Your last rep never called back, so I'm wary." },
      { type: 'timing' as const, text: "Let's revisit this after the audit." },
    ];
    const en = run(idle('en'), { ...inputFromText('/practice trust'), practice: { teamQuotes } });
    expect(en.text).toContain(PRACTICE_MESSAGES.en.customer("Your last rep never called back, so I'm wary."));
    expect(en.text).toContain(PRACTICE_MESSAGES.en.teamQuote);
    expect(eventOf(en.result, 'practice_started')).toMatchObject({ source: 'team' });
    const zh = run(idle('zh'), { ...inputFromText('/practice 信任'), practice: { teamQuotes } });
    expect(zh.text).toContain('你们上次那个经理就没兑现');
    // No quote of the type in the rep's language: the pack's lines.
    const deal = run(idle('en'), { ...inputFromText('/practice deal_size'), practice: { teamQuotes } });
    expect(eventOf(deal.result, 'practice_started')).toMatchObject({ source: 'playbook' });
    expect(deal.text).not.toContain(PRACTICE_MESSAGES.en.teamQuote);
  });

  it('stops a round on cancel with the scorecard of what was answered, then offers another', () => {
    let { state } = run(idle(), inputFromText('/practice timing'));
    ({ state } = run(state, inputFromText('What would a normal week with it look like for you?')));
    const stopped = run(state, inputFromText('cancel'));
    expect(stopped.text).toContain('📋 Practice scorecard · Timing · 1 rounds');
    expect(stopped.text).toContain('✅ Asks about the usage scenario');
    expect((stopped.state as CoachState).mode).toBe('idle');
    expect(stopped.result.replies.at(-1)!.buttons!.map((b) => b.label)).toEqual([PRACTICE_MESSAGES.en.btnAgain, PRACTICE_MESSAGES.en.btnOther, PRACTICE_MESSAGES.en.btnStats]);
    const again = run(stopped.state, { type: 'action', action: stopped.result.replies.at(-1)!.buttons![0]!.action });
    expect(eventOf(again.result, 'practice_started')).toMatchObject({ type: 'timing' });
  });

  it('answers why with the principles, shows the customer again on /start, and refuses a round in a group', () => {
    const { state } = run(idle('zh'), inputFromText('/practice 金额'));
    expect(run(state, inputFromText('为什么')).text).toContain('跟随：认同客户');
    const back = run(state, inputFromText('/start'));
    expect(back.text).toContain(PRACTICE_MESSAGES.zh.waiting);
    expect((back.state as CoachState).mode).toBe('practice');
    const group = run(idle(), inputFromText('/practice', { context: 'group' }));
    expect(group.text).toBe(PRACTICE_MESSAGES.en.privateOnly);
    expect((group.state as CoachState).mode).toBe('idle');
    // The help in a group offers no practice button (a round is for a private chat).
    expect(run(idle(), inputFromText('/help', { context: 'group' })).result.replies.flatMap((r) => r.buttons ?? [])).toEqual([]);
  });

  it('shows the practice history the service hands in, and a practice button on the idle help', () => {
    const result: PracticeResult = { type: 'trust', lang: 'en', industry: 'generic', source: 'playbook', rounds: 2, found: ['commitment'], missed: ['fixed_time'], mistakes: [], compliance: [] };
    const stats = run(idle(), { ...inputFromText('/practice stats'), practice: { history: [{ at: '2026-11-24T10:00:00Z', result }] } });
    expect(stats.text).toContain('🎭 Practice history: 1 rounds');
    expect(stats.text).toContain('A no-pressure commitment: 1/1');
    expect(stats.result.practice).toBe(true);
    const help = run(idle(), inputFromText('/help'));
    expect(help.result.replies.at(-1)!.buttons![0]!.label).toBe(PRACTICE_MESSAGES.en.btnPractice);
    const unknown = run(idle(), inputFromText('/practice golf'));
    expect(unknown.text).toContain('I don\'t know “golf”');
  });

  it('practises in the language the command was asked in, unless /lang fixed it', () => {
    expect(eventOf(run(idle('en'), inputFromText('/practice 信任')).result, 'practice_started')).toMatchObject({ lang: 'zh' });
    expect(eventOf(run(idle('zh'), inputFromText('/practice trust')).result, 'practice_started')).toMatchObject({ lang: 'en' });
    expect(eventOf(run({ ...idle('en'), langLocked: true }, inputFromText('/practice 信任')).result, 'practice_started')).toMatchObject({ lang: 'en' });
    expect(eventOf(run(idle('zh'), inputFromText('/practice')).result, 'practice_started')).toMatchObject({ lang: 'zh' });
  });

  it('keeps loading states stored before practice existed', () => {
    const before = { v: 2, lang: 'zh', langLocked: false, tipIndex: 0, dialog: null, origin: null, offered: [], lastWalk: null, mode: 'idle' };
    const out = run(before, inputFromText('/practice 时间'));
    expect(out.text).not.toContain('重新开始'); // no polite restart: the old state was used
    expect((out.state as CoachState).mode).toBe('practice');
    expect(eventOf(out.result, 'practice_started')).toMatchObject({ type: 'timing', lang: 'zh' });
  });
});
