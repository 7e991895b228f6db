import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containsPhrase, customerTexts, fillSlots, foreignWords, GENERIC_PACK, loadIndustryPacks, repVoiceIn } from '../../data/industries.ts';
import { loadComplianceRules } from '../../data/compliance.ts';
import { PlaybookError } from '../../data/playbook.ts';
import { checkCompliance } from '../../dialogs/compliance.ts';
import { lineOf, playbookCopy, thrownBy } from '../helpers.ts';

const INDUSTRIES = ['online_education', 'b2b_software', 'insurance', 'wealth_management', 'securities', 'real_estate', 'home_renovation', 'cars', 'medical_devices', 'industrial_equipment', GENERIC_PACK];
const HABITS = ['asks_others', 'keeps_looking', 'avoids_price', 'too_expensive'] as const;
const SYMPTOMS = ['shallow_questions', 'slipping_meetings', 'no_decision_maker', 'doubts_company'] as const;

/** A scratch copy of the packs with `edits` applied (file name → text → new text). */
function packsCopy(edits: Record<string, (text: string) => string>): string {
  const prefixed = Object.fromEntries(Object.entries(edits).map(([file, edit]) => [`industries/${file}`, edit]));
  return join(playbookCopy(prefixed), 'industries');
}

function loadError(dir: string): PlaybookError {
  return thrownBy(PlaybookError, () => loadIndustryPacks(dir), 'the packs loaded');
}

/** Replaces the first occurrence of `from` (which must exist) and records the line it is on. */
function edit(from: string, to: string, where: { line: number } = { line: 0 }) {
  return (text: string) => {
    if (!text.includes(from)) throw new Error(`"${from}" is not in the pack`);
    where.line = lineOf(text, from);
    return text.replace(from, to);
  };
}

describe('the shipped industry packs', () => {
  const packs = loadIndustryPacks();

  it('cover the eleven industries, the generic one included', () => {
    expect([...packs.keys()].sort()).toEqual([...INDUSTRIES].sort());
  });

  it('give every buying habit and every trust symptom its own tactic and its own script', () => {
    for (const pack of packs.values()) {
      for (const lang of ['zh', 'en'] as const) {
        const habits = HABITS.map((h) => pack.deal_size.habits[h]);
        expect(new Set(habits.map((h) => h.tactic[lang])).size, `${pack.id} habits ${lang}`).toBe(4);
        expect(new Set(habits.map((h) => h.script[lang])).size, `${pack.id} habit scripts ${lang}`).toBe(4);
        const symptoms = SYMPTOMS.map((s) => pack.trust.symptoms[s]);
        expect(new Set(symptoms.map((s) => s.tactic[lang])).size, `${pack.id} symptoms ${lang}`).toBe(4);
        expect(new Set(symptoms.map((s) => s.script[lang])).size, `${pack.id} symptom scripts ${lang}`).toBe(4);
      }
    }
  });

  it('tie the slipping meeting to one fixed time, and ask the customer a question at the end of every script', () => {
    for (const pack of packs.values()) {
      for (const lang of ['zh', 'en'] as const) {
        expect(pack.trust.symptoms.slipping_meetings.script[lang].match(/\{time\}/g)).toHaveLength(1);
        for (const need of Object.values(pack.timing.needs)) expect(need.persuade[lang]).toMatch(/[？?]$/);
      }
    }
  });

  it('write each industry its own persuasion: no two packs share a special-need message', () => {
    for (const lang of ['zh', 'en'] as const) {
      const special = [...packs.values()].map((p) => p.timing.needs.special.persuade[lang]);
      expect(new Set(special).size).toBe(packs.size);
    }
  });

  it('speak their own industry: every pack but the generic one uses at least three of its own words', () => {
    for (const pack of packs.values()) {
      for (const lang of ['zh', 'en'] as const) {
        const texts = customerTexts(pack).filter((t) => t.lang === lang);
        const used = pack.vocabulary[lang].filter((word) => texts.some((t) => containsPhrase(t.text, word, lang)));
        if (pack.id === GENERIC_PACK) expect(used).toEqual([]);
        else expect(used.length, `${pack.id} ${lang}: ${used.join(', ')}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('keep the rep’s voice and other industries’ words out of every customer-facing text', () => {
    let checked = 0;
    for (const pack of packs.values()) {
      for (const text of customerTexts(pack)) {
        expect(repVoiceIn(text.text, text.lang), `${pack.id} ${text.path.join('.')}`).toBeUndefined();
        expect(foreignWords(text.text, text.lang, pack.id, packs.values()), `${pack.id} ${text.path.join('.')}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(packs.size * 50);
  });

  it('pass the compliance guard: no customer text of any pack promises principal, returns or no loss', () => {
    const rules = loadComplianceRules();
    let checked = 0;
    for (const pack of packs.values()) {
      for (const text of customerTexts(pack)) {
        expect(checkCompliance(rules, text.text), `${pack.id} ${text.path.join('.')}: ${text.text}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(packs.size * 50);
    // The guard is live: a guarantee slipped into a financial pack's promise is caught.
    const promise = packs.get('wealth_management')!.trust.promises[0]!.text;
    expect(checkCompliance(rules, `${promise.zh}，而且保证年化7%`)).not.toEqual([]);
    expect(checkCompliance(rules, `${promise.en}, and we guarantee a 7% annual yield`)).not.toEqual([]);
  });
});

describe('industry pack validation', () => {
  it('names the file and line of a YAML syntax error', () => {
    const at = { line: 0 };
    const error = loadError(packsCopy({ 'cars.yaml': edit('  trial: {zh:', '\ttrial: {zh:', at) }));
    expect(error.file).toMatch(/cars\.yaml$/);
    expect(error.line).toBeGreaterThanOrEqual(at.line);
    expect(error.line).toBeLessThanOrEqual(at.line + 1);
    expect(error.message).toMatch(/cars\.yaml:\d+:\d+/);
  });

  it('names the line and path of a persuasion too long for a phone screen', () => {
    const at = { line: 0 };
    const error = loadError(packsCopy({ 'insurance.yaml': edit('您要的是万一出事，', `${'您要的是万一出事，'.repeat(30)}`, at) }));
    expect(error.line).toBe(at.line);
    expect(error.path).toBe('timing.needs.general.persuade.zh');
    expect(error.problem).toMatch(/at most 220 characters/);
  });

  it('refuses a pack that lacks a buying habit, so every pack has the same keys', () => {
    const error = loadError(packsCopy({ 'real_estate.yaml': (text) => text.replace(/^    avoids_price:\n(      .*\n)+/m, '') }));
    expect(error.file).toMatch(/real_estate\.yaml$/);
    expect(error.path).toBe('deal_size.habits.avoids_price');
  });

  it('refuses a misspelt key instead of ignoring it', () => {
    const error = loadError(packsCopy({ 'securities.yaml': edit('  hand_over:', '  handover: {zh: "您选哪种？", en: "Which one?"}\n  hand_over:') }));
    expect(error.path).toBe('deal_size');
    expect(error.problem).toMatch(/handover/);
  });

  it('refuses a script in the rep’s voice, in Chinese and in English', () => {
    const zh = { line: 0 };
    const zhError = loadError(packsCopy({ 'b2b_software.yaml': edit('多比几家是对的，', '他说多比几家是对的，', zh) }));
    expect(zhError.message).toContain(`b2b_software.yaml:${zh.line}:`);
    expect(zhError.path).toBe('deal_size.habits.keeps_looking.script.zh');
    expect(zhError.problem).toMatch(/"他说" is the rep talking/);

    const en = { line: 0 };
    const enError = loadError(packsCopy({ 'cars.yaml': edit('en: "I understand it feels expensive', 'en: "She wants to know why it feels expensive', en) }));
    expect(enError.line).toBe(en.line);
    expect(enError.problem).toMatch(/"she wants"/);
  });

  it('refuses a word of another industry in a customer message, naming the industry', () => {
    const at = { line: 0 };
    const error = loadError(packsCopy({ 'b2b_software.yaml': edit('我把这份上线计划发您看看？', '我把这份上线计划发您，顺便约个试驾？', at) }));
    expect(error.line).toBe(at.line);
    expect(error.problem).toMatch(/"试驾" belongs to the cars pack/);

    const enError = loadError(packsCopy({ 'generic.yaml': edit('Which level feels right?', 'Which insurance level feels right?') }));
    expect(enError.file).toMatch(/generic\.yaml$/);
    expect(enError.problem).toMatch(/"insurance" belongs to the insurance pack/);
  });

  it('refuses placeholders other than {product} and {time}, and {time} outside invitations', () => {
    expect(loadError(packsCopy({ 'cars.yaml': edit('路上那一个小时', '{name}路上那一个小时') })).problem).toMatch(/unknown placeholder \{name\}/);
    expect(loadError(packsCopy({ 'cars.yaml': edit('您觉得贵，我理解，买车', '您觉得贵，我理解，{{usage}}买车') })).problem).toMatch(/unknown placeholder/);
    expect(loadError(packsCopy({ 'cars.yaml': edit('两种车都可以试，', '{time}两种车都可以试，') })).problem).toMatch(/only filled in for invitations/);
  });

  it('refuses a {product} that cannot read naturally after an article or at a sentence start', () => {
    const error = loadError(packsCopy({ 'cars.yaml': edit('The looks and reputation of {product}', '{product} has looks and reputation that') }));
    expect(error.path).toBe('timing.needs.social.persuade.en');
    expect(error.problem).toMatch(/must not start a sentence/);
  });

  it('refuses a downside that would break the listed series', () => {
    expect(loadError(packsCopy({ 'cars.yaml': edit('"油耗明显更高"', '"油耗高、噪音大"') })).problem).toMatch(/no 、 or ， inside/);
    expect(loadError(packsCopy({ 'cars.yaml': edit('"tougher parking in town"', '"tougher parking and tighter garages"') })).path).toBe('deal_size.downsides.en.1');
  });

  it('requires the slipping-meeting script to name one fixed time', () => {
    const error = loadError(packsCopy({ 'generic.yaml': edit('就定在{time}，您看行吗？', '改天再约，您看行吗？') }));
    expect(error.path).toBe('trust.symptoms.slipping_meetings.script.zh');
  });

  it('refuses a vocabulary word claimed by two packs, and any vocabulary in the generic pack', () => {
    expect(loadError(packsCopy({ 'cars.yaml': edit('"试驾", ', '"试驾", "装修", ') })).problem).toMatch(/also in the vocabulary of (cars|home_renovation)/);
    expect(loadError(packsCopy({ 'generic.yaml': edit('vocabulary: {zh: [], en: []}', 'vocabulary: {zh: ["方案"], en: []}') })).problem).toMatch(/names no industry/);
  });

  it('refuses a promise kind given twice and a kind it does not know', () => {
    expect(loadError(packsCopy({ 'cars.yaml': edit('- kind: refund', '- kind: trial') })).problem).toMatch(/second promise of kind "trial"/);
    expect(loadError(packsCopy({ 'cars.yaml': edit('- kind: refund', '- kind: guaranteed_return') })).path).toMatch(/^trust\.promises\.\d+\.kind$/);
  });

  it('requires the generic pack and ids that match their file names', () => {
    const noGeneric = packsCopy({});
    renameSync(join(noGeneric, 'generic.yaml'), join(noGeneric, 'generic.yaml.off'));
    expect(loadError(noGeneric).problem).toMatch(/"generic" pack .* is missing/);
    expect(loadError(packsCopy({ 'cars.yaml': edit('id: cars', 'id: autos') })).problem).toMatch(/must match the file name/);
  });
});

describe('phrase matching', () => {
  it('matches whole English words (plurals too) and Chinese substrings', () => {
    expect(containsPhrase('Careful with the cars', 'car', 'en')).toBe(true);
    expect(containsPhrase('Be careful', 'car', 'en')).toBe(false);
    expect(containsPhrase('the fee is refunded', 'fund', 'en')).toBe(false);
    expect(containsPhrase('a test-drive today', 'test drive', 'en')).toBe(true);
    expect(containsPhrase('约个试驾吧', '试驾', 'zh')).toBe(true);
  });

  it('sees the rep’s voice but not the customer’s', () => {
    expect(repVoiceIn('You said she wants to show her team', 'en')).toBe('she wants');
    expect(repVoiceIn('客户说老板要求每周出报表', 'zh')).toBe('客户说');
    expect(repVoiceIn('您说老板要求每周出报表', 'zh')).toBeUndefined();
  });

  it('finds the pack a foreign word belongs to', () => {
    const packs = loadIndustryPacks();
    const hits = foreignWords('We can add a mortgage calculator', 'en', 'b2b_software', packs.values());
    expect(hits).toEqual([{ word: 'mortgage', pack: 'real_estate' }]);
  });

  it('fills {product} and {time}, and refuses to leave a time slot empty', () => {
    const script = loadIndustryPacks().get('cars')!.trust.symptoms.slipping_meetings.script;
    expect(fillSlots(script.zh, { product: '这款车', time: '周三下午两点' })).toContain('就定在周三下午两点，');
    expect(fillSlots(script.en, { product: 'the Model Y', time: 'Wednesday 2pm' })).toMatch(/Shall we say Wednesday 2pm\?$/);
    expect(() => fillSlots(script.en, { product: 'the Model Y' })).toThrow(/time is needed/);
  });
});
