/**
 * The diagnosis decides the coaching: each buying habit and each trust symptom leads to its own
 * tactic and its own message, for every industry pack and both languages; "too expensive" is
 * coached as deal size (listen first, then answer on value, never a discount); promises are
 * framed by their kind, not by one sentence for all.
 */
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang, type Objection } from '../../data/playbook.ts';
import { createEngine, type CoachState, type TurnResult } from '../../dialogs/engine.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { initialState } from '../../dialogs/state.ts';
import { compliance, packs, playbook, quote, stubClassifier } from './fixtures.ts';

const engine = createEngine(playbook, stubClassifier('none'), { packs, compliance });

/** Runs button actions and typed texts from the start of a walk; returns every turn's result. */
function run(industry: string, lang: Lang, objection: Objection, inputs: string[]): TurnResult[] {
  let state: CoachState = { ...initialState(lang), profile: { industry, product: null }, mode: 'classified', quote: quote('x', objection), label: objection };
  return ['go', ...inputs].map((input) => {
    const result = engine.handle(state, input.startsWith('@') ? { type: 'text', text: input.slice(1) } : { type: 'action', action: input });
    state = result.state;
    return result;
  });
}

/** The message under "send this to the customer" in a turn's replies. */
function message(result: TurnResult, lang: Lang): string {
  const part = result.replies.flatMap((r) => r.text.split('\n\n')).find((p) => p.startsWith(MESSAGES[lang].composeHeader));
  return part?.split('\n')[1] ?? '';
}
const texts = (result: TurnResult) => result.replies.map((r) => r.text).join('\n');

const HABITS = ['asks_others', 'keeps_looking', 'avoids_price', 'too_expensive'] as const;
const SYMPTOMS = ['shallow_questions', 'no_decision_maker', 'slipping_meetings', 'doubts_company'] as const;
const DISCOUNT: Record<Lang, RegExp> = { zh: /打折|折扣|优惠|降价|便宜点给您|少收/u, en: /discount|% off|knock .* off|lower the price/i };
const TIME: Record<Lang, string> = { zh: '周四下午三点', en: 'Thursday at 3pm' };

describe.each([...packs.keys()])('the %s pack', (industry) => {
  it.each(LANGS)('gives each buying habit its own tactic and message (%s); "too expensive" is heard first and answered on value', (lang) => {
    const seen = HABITS.map((habit) => {
      const turns = run(industry, lang, 'deal_size', habit === 'too_expensive' ? [`c:${habit}`, 'next'] : [`c:${habit}`]);
      const last = turns.at(-1)!;
      if (habit === 'too_expensive') {
        expect(turns[1]!.state).toMatchObject({ walk: { step: 'price_listen' } }); // listen before answering
        expect(message(last, lang)).not.toMatch(DISCOUNT[lang]);
      }
      const pack = packs.get(industry)!;
      expect(texts(last)).toContain(pack.deal_size.habits[habit].tactic[lang]);
      return { tactic: pack.deal_size.habits[habit].tactic[lang], message: message(last, lang) };
    });
    expect(new Set(seen.map((s) => s.message)).size).toBe(HABITS.length);
    expect(new Set(seen.map((s) => s.tactic)).size).toBe(HABITS.length);
    expect(seen.every((s) => s.message.length > 0)).toBe(true);
  });

  it.each(LANGS)('gives each trust symptom its own tactic and message (%s); a slipping meeting is tied to the one time typed', (lang) => {
    const seen = SYMPTOMS.map((symptom) => {
      const turns = run(industry, lang, 'trust', [`c:${symptom}`, 'next', 'c:trial', 'c:o1', `@${TIME[lang]}`]);
      const last = turns.at(-1)!;
      expect(last.state).toMatchObject({ walk: { step: 'symptom_move' } });
      const text = message(last, lang);
      if (symptom === 'slipping_meetings') expect(text).toContain(TIME[lang]);
      return text;
    });
    expect(new Set(seen).size).toBe(SYMPTOMS.length);
  });

  it.each(LANGS)('frames each kind of promise its own way, never "if in the end it does not suit you, <promise>" (%s)', (lang) => {
    const pack = packs.get(industry)!;
    const commitments = pack.trust.promises.map((p) => {
      const turns = run(industry, lang, 'trust', ['c:shallow_questions', 'next', `c:${p.kind}`, 'c:o1', `@${TIME[lang]}`, 'next']);
      const text = message(turns.at(-1)!, lang);
      expect(text).toContain(p.text[lang]);
      expect(text).not.toMatch(/如果最后您发现不合适|if in the end it doesn't work for you|at a good price|好价格/u);
      return text.slice(0, text.indexOf(p.text[lang]));
    });
    expect(new Set(commitments).size).toBe(commitments.length);
  });
});
