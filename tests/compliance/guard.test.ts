/**
 * What a rep sees from the compliance guard: which rule, the words that broke it (as typed),
 * why, and what to say instead; negation read per clause; rules a compliance officer extends
 * by editing YAML.
 */
import { describe, expect, it } from 'vitest';
import { loadComplianceRules } from '../../data/compliance.ts';
import { checkCompliance } from '../../dialogs/compliance.ts';
import { playbookCopy } from '../helpers.ts';

const rules = loadComplianceRules();
const ids = (text: string) => checkCompliance(rules, text).map((f) => f.ruleId);

describe('checkCompliance', () => {
  it('explains a finding with its rule, the words as typed, and a compliant alternative in both languages', () => {
    const [finding, ...rest] = checkCompliance(rules, '放心，这款产品保证年化7%。');
    expect(rest).toEqual([]);
    expect(finding!.ruleId).toBe('guaranteed_return');
    expect('放心，这款产品保证年化7%。').toContain(finding!.matched);
    expect(finding!.matched).toMatch(/^保证/);
    for (const field of ['title', 'explanation', 'alternative'] as const) {
      expect(finding![field].zh).toMatch(/\p{Script=Han}/u);
      expect(finding![field].en).toMatch(/[a-z]{3}/i);
    }
    // The alternative itself passes the guard.
    for (const rule of rules.rules) {
      expect(checkCompliance(rules, rule.alternative.zh), rule.id).toEqual([]);
      expect(checkCompliance(rules, rule.alternative.en), rule.id).toEqual([]);
    }
  });

  it('quotes traditional Chinese and full-width text as the rep typed it', () => {
    const [finding] = checkCompliance(rules, '這款理財穩賺不賠');
    expect(finding!.matched).toBe('穩賺');
    const [wide] = checkCompliance(rules, 'ＷＥ　ＧＵＡＲＡＮＴＥＥ　ＲＥＴＵＲＮＳ');
    expect(wide!.matched).toBe('ＧＵＡＲＡＮＴＥＥ　ＲＥＴＵＲＮＳ');
  });

  it('reports each broken rule once, in the order they appear', () => {
    expect(ids('本金安全，年化8%稳稳的，本金一分不会少')).toEqual(['principal_guarantee', 'guaranteed_return', 'no_loss']);
  });

  it('reads negation per clause: a denial covers its own clause, not the next one', () => {
    expect(ids('我们不保证收益')).toEqual([]);
    expect(ids('我们不保证收益，但本金安全')).toEqual(['principal_guarantee']);
    expect(ids('收益不保证，本金也不保证')).toEqual([]);
    expect(ids("We can't guarantee returns, but your principal is safe.")).toEqual(['principal_guarantee']);
    expect(ids("We can't guarantee returns or that your principal is safe.")).toEqual([]);
  });

  it('treats a promise of no loss as a promise, and its denial as a denial', () => {
    expect(ids('您放心，不会亏的')).toEqual(['no_loss']);
    expect(ids('我不能保证您不会亏')).toEqual([]);
    expect(ids("You won't lose a cent.")).toEqual(['no_loss']);
    expect(ids("Nobody can promise you won't lose money.")).toEqual([]);
  });

  it('lets promises the rep controls pass: refunds of fees, trials, service times, cancelling', () => {
    for (const text of ['办不成全额退还服务费', '先免费试用一个月', '保证两小时内响应', 'Cancel any time.', 'Risk-free 30-day trial.', 'We guarantee a reply within 2 hours.']) {
      expect(ids(text), text).toEqual([]);
    }
  });

  it('reads a long text without trouble (no pattern backtracks over the whole text)', () => {
    const long = '保证'.repeat(5_000) + '年化7%';
    expect(ids(long)).toEqual(['guaranteed_return']);
    expect(ids('a '.repeat(20_000))).toEqual([]);
  });
});

describe('rules a compliance officer edits', () => {
  it('a synonym added to a word list is found by every pattern that uses the list', () => {
    expect(ids('收益稳如泰山')).toEqual([]);
    const dir = playbookCopy({ 'compliance.yaml': (text) => text.replace('zh: [有保障, 保障,', 'zh: [稳如泰山, 有保障, 保障,') });
    const edited = loadComplianceRules(dir);
    expect(checkCompliance(edited, '收益稳如泰山').map((f) => f.ruleId)).toEqual(['guaranteed_return']);
    expect(checkCompliance(edited, '收益不会稳如泰山')).toEqual([]);
  });

  it('an exception added lets a wording pass', () => {
    const text = '保证理财收益的计算方式透明';
    expect(ids(text)).toEqual(['guaranteed_return']);
    const dir = playbookCopy({ 'compliance.yaml': (yaml) => yaml.replace('    - 保证金\n', '    - 保证金\n    - "{yield} … 计算方式"\n') });
    expect(checkCompliance(loadComplianceRules(dir), text)).toEqual([]);
  });
});
