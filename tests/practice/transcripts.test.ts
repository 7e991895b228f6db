/**
 * Practice rounds as transcripts: tests/practice/transcripts/*.yaml, one file per type and
 * language, each a list of rounds a sales manager can read. A round names the customer
 * (type, language, industry pack, `pick` for the opening) and lists what the rep answers; after
 * each answer:
 *   moves: [..]       moves that must be found in the answer
 *   not: [..]         moves that must not be found
 *   customer: branch  the customer must answer from this scripted branch of the rubric (a type
 *                     with one technique, like timing, answers from `all` when it is shown)
 *                     (a move, all, none) — or `warm` / `cold` for the closing line
 *   bot: [..]         texts that must appear in the replies (scorecard included)
 *   compliance: true  the answer must be marked by the compliance guard
 * and at the end of the round:
 *   found / missed / mistakes: [..]   the scorecard's result
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { MOVES } from '../../data/practice.ts';
import { createPractice, loadPracticeKit, type Practice, type PracticeKit, type PracticeResult } from '../../dialogs/practice/index.ts';
import { ROOT } from '../helpers.ts';

const move = z.enum(MOVES);
const turnSchema = z.strictObject({
  rep: z.string().min(1),
  moves: z.array(move).optional(),
  not: z.array(move).optional(),
  customer: z.union([move, z.enum(['all', 'none', 'warm', 'cold'])]).optional(),
  bot: z.array(z.string()).optional(),
  compliance: z.boolean().optional(),
});
const roundSchema = z.strictObject({
  title: z.string(),
  industry: z.string().optional(),
  pick: z.number().int().optional(),
  turns: z.array(turnSchema).min(1),
  found: z.array(move).optional(),
  missed: z.array(move).optional(),
  mistakes: z.array(move).optional(),
});
const fileSchema = z.strictObject({ lang: z.enum(['zh', 'en']), type: z.enum(['timing', 'deal_size', 'trust']), rounds: z.array(roundSchema).min(1) });

/** A practice transcript read from YAML, or an error naming the file and each wrong field (a typo such as `bots:` fails loudly). */
function parseFile(file: string, data: unknown): z.infer<typeof fileSchema> {
  const result = fileSchema.safeParse(data);
  if (result.success) return result.data;
  throw new Error(`${file} is not a valid practice transcript:\n${result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n')}`);
}

describe('the practice transcript format', () => {
  it('rejects a typo loudly, naming the file and the field', () => {
    const typo = { lang: 'en', type: 'timing', rounds: [{ title: 't', turns: [{ rep: 'hello', bots: ['x'] }] }] };
    expect(() => parseFile('typo.yaml', typo)).toThrow(/typo\.yaml[\s\S]*rounds\.0\.turns\.0[\s\S]*bots/);
    expect(() => parseFile('move.yaml', { lang: 'en', type: 'timing', rounds: [{ title: 't', turns: [{ rep: 'x', moves: ['no_such_move'] }] }] })).toThrow(/rounds\.0\.turns\.0\.moves\.0/);
  });
});

const dir = join(ROOT, 'tests', 'practice', 'transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
let kit: PracticeKit;
let practice: Practice;
beforeAll(() => {
  kit = loadPracticeKit();
  practice = createPractice(kit);
}, 60_000);

describe.each(files)('%s', (file) => {
  const { lang, type, rounds } = parseFile(file, parse(readFileSync(join(dir, file), 'utf8')));
  it.each(rounds.map((r) => [r.title, r] as const))('%s', (_, round) => {
    let { state } = practice.startPractice({ lang, type, industry: round.industry, pick: round.pick });
    let result: PracticeResult | undefined;
    round.turns.forEach((turn, i) => {
      const where = `${file} / ${round.title} / answer ${i + 1}`;
      expect(state.done, `${where}: the round ended early`).toBe(false);
      const out = practice.answerPractice(JSON.parse(JSON.stringify(state)), turn.rep);
      state = out.state;
      const answered = state.turns[i]!;
      const shown = answered.moves.map((m) => m.move);
      for (const m of turn.moves ?? []) expect(shown, `${where}: ${m} not found`).toContain(m);
      for (const m of turn.not ?? []) expect(shown, `${where}: ${m} found`).not.toContain(m);
      if (turn.compliance !== undefined) expect(answered.compliance.length > 0, `${where}: compliance`).toBe(turn.compliance);
      const customer = out.replies.filter((r) => r.kind === 'customer').map((r) => r.text);
      if (turn.customer) {
        const rubric = kit.practice.types[type];
        const expected = turn.customer === 'warm' || turn.customer === 'cold' ? [rubric.closing[turn.customer][lang]] : rubric.replies[turn.customer]![lang];
        expect(customer.length, `${where}: the customer said nothing`).toBe(1);
        expect(expected, `${where}: the customer's reply is not from the "${turn.customer}" branch`).toContain(customer[0]);
      }
      const text = out.replies.map((r) => r.text).join('\n');
      for (const needle of turn.bot ?? []) expect(text, where).toContain(needle);
      const finished = out.events.find((e) => e.kind === 'practice_finished');
      if (finished?.kind === 'practice_finished') result = finished.result;
    });
    if (round.found || round.missed || round.mistakes) {
      expect(result, `${file} / ${round.title}: the round did not end with a scorecard`).toBeDefined();
      if (round.found) expect(result!.found).toEqual(round.found);
      if (round.missed) expect(result!.missed).toEqual(round.missed);
      if (round.mistakes) expect(result!.mistakes).toEqual(round.mistakes);
    }
  });
});
