/**
 * The end of a practice round: what the rep did (each technique move found, with the line that
 * showed it, or missed, with the principle behind it; each mistake; each compliance mark) and a
 * model answer for the objection, composed from the industry pack's scripts for that type.
 */
import { fillSlots, GENERIC_PACK, type IndustryPack } from '../../data/industries.ts';
import type { Lang, Objection } from '../../data/playbook.ts';
import { mistakes, techniques, type Move } from '../../data/practice.ts';
import { PRACTICE_MESSAGES } from './messages.ts';
import type { PracticeKit, PracticeResult, PracticeState } from './types.ts';

/** The first round (1-based) and sentence in which `move` was shown, if it was. */
export function firstShown(state: PracticeState, move: Move): { round: number; clause: string } | undefined {
  for (const [i, turn] of state.turns.entries()) {
    const shown = turn.moves.find((m) => m.move === move);
    if (shown) return { round: i + 1, clause: shown.clause };
  }
  return undefined;
}

/** The round's result: what was found, missed and done wrong. */
export function resultOf(state: PracticeState, kit: PracticeKit): PracticeResult {
  const answered = state.turns.filter((t) => t.answer !== null);
  const techniqueMoves = techniques(kit.practice, state.type);
  const found = techniqueMoves.filter((m) => firstShown(state, m));
  return {
    type: state.type,
    lang: state.lang,
    industry: state.industry,
    source: state.source,
    rounds: answered.length,
    found,
    missed: techniqueMoves.filter((m) => !found.includes(m)),
    mistakes: mistakes(kit.practice, state.type).filter((m) => firstShown(state, m)),
    compliance: [...new Set(answered.flatMap((t) => t.compliance.map((c) => c.ruleId)))],
  };
}

/** The scorecard as text for the rep. */
export function scorecardText(state: PracticeState, kit: PracticeKit): string {
  const t = PRACTICE_MESSAGES[state.lang];
  const lang = state.lang;
  const result = resultOf(state, kit);
  const info = kit.practice.moves;
  const lines = [t.scorecardTitle(t.typeName[state.type], result.rounds)];
  for (const move of techniques(kit.practice, state.type)) {
    const shown = firstShown(state, move);
    lines.push(shown ? t.found(info[move].name[lang], shown.round, shown.clause) : t.missed(info[move].name[lang], info[move].principle[lang]));
  }
  for (const move of result.mistakes) {
    const shown = firstShown(state, move)!;
    lines.push(t.mistake(info[move].name[lang], shown.round, shown.clause, info[move].principle[lang]));
  }
  state.turns.forEach((turn, i) => {
    for (const c of turn.compliance) {
      const rule = kit.compliance.rules.find((r) => r.id === c.ruleId);
      lines.push(t.complianceLine(i + 1, c.matched, rule?.title[lang] ?? c.ruleId));
    }
  });
  const pack = kit.packs.get(state.industry) ?? kit.packs.get(GENERIC_PACK);
  if (pack) lines.push('', t.modelAnswer, modelAnswer(pack, state.type, lang));
  return lines.join('\n');
}

/** A model answer to an objection of `type`, from the pack's scripts for that type. */
export function modelAnswer(pack: IndustryPack, type: Objection, lang: Lang): string {
  const t = PRACTICE_MESSAGES[lang];
  const slots = { product: pack.product_example[lang], time: t.sampleTime };
  const space = lang === 'zh' ? '' : ' ';
  if (type === 'timing') {
    return [t.timingLead, ...pack.timing.usage_questions[lang].slice(0, 2)].join(space);
  }
  if (type === 'deal_size') {
    const d = pack.deal_size;
    const downsides = d.downsides[lang];
    const listed = downsides.length > 1 ? `${downsides.slice(0, -1).join(t.listSeparator)}${t.and}${downsides.at(-1)}` : downsides.join('');
    return [d.follow[lang], d.push_forward[lang], `${t.reverseLead}${listed}${t.sentenceEnd}`, d.hand_over[lang]].join(space);
  }
  const promise = pack.trust.promises.find((p) => p.kind === 'refund') ?? pack.trust.promises[0]!;
  const script = fillSlots(pack.trust.symptoms.slipping_meetings.script[lang], slots);
  return `${t.promiseLead}${promise.text[lang]}${t.sentenceEnd}${space}${script}`;
}
