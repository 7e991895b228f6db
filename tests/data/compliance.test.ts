/**
 * Loading data/compliance.yaml: the shipped rules, and broken edits reported with the file,
 * the line and what is wrong — never a half-loaded guard.
 */
import { describe, expect, it } from 'vitest';
import { loadComplianceRules, parsePattern } from '../../data/compliance.ts';
import { PlaybookError } from '../../data/playbook.ts';
import { lineOf, playbookCopy, thrownBy } from '../helpers.ts';

function loadError(edit: (text: string) => string): PlaybookError {
  return thrownBy(PlaybookError, () => loadComplianceRules(playbookCopy({ 'compliance.yaml': edit })), 'the rules loaded');
}

describe('the shipped compliance rules', () => {
  const rules = loadComplianceRules();

  it('cover principal, returns, no loss, covering losses, performance and claims, each explained in both languages', () => {
    expect(rules.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['principal_guarantee', 'guaranteed_return', 'no_loss', 'loss_compensation', 'guaranteed_performance', 'guaranteed_claim']),
    );
    for (const rule of rules.rules) {
      for (const field of [rule.title, rule.explanation, rule.alternative]) {
        expect(field.zh).toMatch(/\p{Script=Han}/u);
        expect(field.en).toMatch(/[a-z]/i);
      }
      expect(rule.patterns.zh.length, rule.id).toBeGreaterThan(0);
      expect(rule.patterns.en.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('records where each pattern is written', () => {
    expect(rules.rules[0]!.patterns.zh[0]!.where).toMatch(/compliance\.yaml:\d+$/);
  });
});

describe('compliance rules validation', () => {
  it('names the file and line of a YAML syntax error', () => {
    let line = 0;
    const error = loadError((text) => {
      line = lineOf(text, '  - id: no_loss');
      return text.replace('  - id: no_loss', '  - id: [no_loss');
    });
    expect(error.file).toMatch(/compliance\.yaml$/);
    expect(error.line).toBeGreaterThanOrEqual(line);
    expect(error.line).toBeLessThanOrEqual(line + 1);
  });

  it('names the line and path of a pattern using a word list that does not exist', () => {
    let line = 0;
    const error = loadError((text) => {
      line = lineOf(text, '"{yield} … {assured}"');
      return text.replace('"{yield} … {assured}"', '"{yeild} … {assured}"');
    });
    expect(error.line).toBe(line);
    expect(error.path).toMatch(/^rules\.\d+\.patterns\.zh\.\d+$/);
    expect(error.problem).toMatch(/no word list "yeild"/);
    expect(error.message).toContain(`compliance.yaml:${line}:`);
  });

  it('refuses a rule id used twice', () => {
    const error = loadError((text) => text.replace('  - id: no_loss', '  - id: principal_guarantee'));
    expect(error.path).toMatch(/^rules\.\d+\.id$/);
    expect(error.problem).toMatch(/used twice/);
  });

  it('refuses a rule without its compliant alternative', () => {
    const error = loadError((text) => text.replace(/(  - id: no_loss\n(?:.*\n)*?)    alternative:\n      zh: .*\n      en: .*\n/, '$1'));
    expect(error.path).toMatch(/^rules\.\d+\.alternative$/);
    expect(error.problem).toMatch(/expected object/);
  });

  it('refuses a gap out of range', () => {
    const error = loadError((text) => text.replace('gap: {zh: 10, en: 6}', 'gap: {zh: 10, en: 60}'));
    expect(error.path).toBe('matching.gap.en');
    expect(error.problem).toMatch(/at most 12/);
  });
});

describe('pattern syntax', () => {
  const words = { yield: { zh: ['收益'], en: ['return'] }, only_zh: { zh: ['保证'] } };

  it('reads text, word lists, numbers, gaps, the next clause and the clause end', () => {
    expect(parsePattern('{yield} … , 稳{number}% .', words, 'zh')).toEqual([
      { kind: 'words', name: 'yield' },
      { kind: 'gap' },
      { kind: 'next' },
      { kind: 'text', text: '稳' },
      { kind: 'number' },
      { kind: 'text', text: '%' },
      { kind: 'end' },
    ]);
  });

  it('says what is wrong with a broken pattern', () => {
    expect(parsePattern('… {yield}', words, 'zh')).toMatch(/begin or end/);
    expect(parsePattern('{yield} … … 稳', words, 'zh')).toMatch(/two "…"/);
    expect(parsePattern('{yield', words, 'zh')).toMatch(/unbalanced/);
    expect(parsePattern('{only_zh} … {yield}', words, 'en')).toMatch(/no en entries/);
    expect(parsePattern('a … b … c … d … e', words, 'en')).toMatch(/at most 3/);
  });
});
