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

  it('finds a floor, a make-up promise or a certainty in a trailing clause without a certainty word beside the number', () => {
    expect(ids('The fund pays no less than 4% a year.')).toEqual(['guaranteed_return']);
    expect(ids('投100万，每年起码4万进账。')).toEqual(['guaranteed_return']);
    expect(ids('收益不到5%的部分，我们给您补上。')).toEqual(['loss_compensation']);
    expect(ids("If the fund falls short of 5%, we'll pay you the difference.")).toEqual(['loss_compensation']);
    expect(ids("You'll get 5% a year on this, and I can promise you that.")).toEqual(['guaranteed_return']);
    expect(ids('年底前涨20%，没跑。')).toContain('guaranteed_performance');
    // The same words as a fact about the past, a requirement or a risk pass.
    expect(ids('去年这只基金年化至少有4%，但过往业绩不代表未来。')).toEqual([]);
    expect(ids('You need at least 5% a year just to keep up with inflation.')).toEqual([]);
    expect(ids('如果降价了，我们给您补差价。')).toEqual([]);
  });

  it('reads margin and claim slang, bank-backed coupons and redemption at maturity as promises', () => {
    expect(ids('按我说的仓位，绝对不会被追缴保证金。')).toEqual(['guaranteed_performance']);
    expect(ids('Relax, nobody gets margin called on this account.')).toEqual(['guaranteed_performance']);
    expect(ids('这款重疾险理赔包过。')).toEqual(['guaranteed_claim']);
    expect(ids('Our insurer never turns down a claim.')).toEqual(['guaranteed_claim']);
    expect(ids('这款年金保证每月领取3000元。')).toEqual(['guaranteed_return']);
    expect(ids('票息由我行担保。')).toEqual(['guaranteed_return']);
    expect(ids('到期百分之百兑付。')).toEqual(['principal_guarantee']);
    // Explaining the mechanism, or the contract, is not a promise.
    expect(ids('担保比例低于130%会被追缴保证金，您要留意。')).toEqual([]);
    expect(ids('拒赔的情况主要是没有如实告知。')).toEqual([]);
  });

  it('lets a warning about promises, a product that no longer exists and the customer’s own wish pass — but not a promise next to them', () => {
    for (const text of ['任何承诺保本的人都要小心。', '如果有人跟您说稳赚不赔，您一定要警惕。', 'If someone tells you returns are guaranteed, be careful.', 'Beware of anyone who says you can’t lose.',
      '保本理财已经没有了。', 'Principal-protected products were phased out years ago.', 'You mentioned you want something that never goes down.', '您刚才提到想要本金不亏的产品。']) {
      expect(ids(text), text).toEqual([]);
    }
    expect(ids('别信别人说的，我们这款才是真保本。')).toEqual(['principal_guarantee']);
    expect(ids('You said you want safety; this one can’t lose.')).toEqual(['no_loss']);
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
    // A run of numerals is one number, and repeated exceptions are looked up where they stand.
    expect(ids('一'.repeat(20_000))).toEqual([]);
    expect(ids('保证金利息'.repeat(10_000))).toEqual([]);
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
