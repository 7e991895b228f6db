/**
 * The team's default profile: a rep who has not said what they sell is not asked — the walk
 * starts on the team's pack, saying once whose default it is — follows the default as it changes,
 * and keeps their own once they set one with /profile.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type CoachState, type Reply, type TurnResult } from '../../dialogs/engine.ts';
import { compliance, idle, packs, playbook, stubClassifier } from './fixtures.ts';

const textOf = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
const engineFor = (team: { industry: string; product?: string | null } | null) => createEngine(playbook, stubClassifier('deal_size'), { packs, compliance, team });

/** A deal-size quote, started (for a new customer, when other deals are open), at the first step: "avoids price" chosen. */
function walk(engine: ReturnType<typeof engineFor>, state: CoachState, lang: 'zh' | 'en' = 'en'): { start: TurnResult; habit: TurnResult } {
  const classified = engine.handle(state, { type: 'text', text: lang === 'zh' ? '他从来不谈价格' : 'he never talks price' });
  const pressed = engine.handle(classified.state, { type: 'action', action: 'go' });
  const start = pressed.state.mode === 'which' ? engine.handle(pressed.state, { type: 'action', action: 'dn' }) : pressed;
  const habit = engine.handle(start.state, { type: 'action', action: 'c:avoids_price' });
  return { start, habit };
}

describe('the team default profile', () => {
  it('starts the first walk on the team pack without asking, and says so once', () => {
    const engine = engineFor({ industry: 'insurance', product: 'SafeLife' });
    const first = walk(engine, idle('en', false));
    expect(textOf(first.start.replies)).toMatch(/^Scripts are written for your team's default: Insurance · SafeLife\. Selling something else\? Change it any time with \/profile\.\n👤 Which customer is this\?[^\n]*\n\n💰 Step 1/);
    expect(textOf(first.start.replies)).not.toMatch(/what do you sell/i);
    expect(textOf(first.habit.replies)).toBe(textOf(walk(engineFor(null), { ...idle('en'), profile: { industry: 'insurance', product: 'SafeLife' } }).habit.replies));
    const second = walk(engine, { ...first.habit.state, mode: 'idle' } as CoachState);
    expect(textOf(second.start.replies)).not.toMatch(/team's default/);
    expect(textOf(second.start.replies)).toMatch(/^(?:👤[^\n]*\n\n)?💰 Step 1/);
  });

  it('in Chinese too', () => {
    const { start } = walk(engineFor({ industry: 'wealth_management' }), idle('zh', false), 'zh');
    expect(textOf(start.replies)).toMatch(/^话术按团队默认来写：财富管理\/私行。你卖的不一样？随时用 \/profile 修改。\n👤 这是哪位客户？[^\n]*\n\n💰 第1步/);
  });

  it('follows the team default when it changes, until the rep sets their own with /profile', () => {
    const given = walk(engineFor({ industry: 'insurance' }), idle('en', false)).habit.state;
    // The team moves on to another product line: reps on the default follow it.
    const moved = walk(engineFor({ industry: 'b2b_software', product: 'CloudLedger' }), { ...given, mode: 'idle' } as CoachState);
    expect(textOf(moved.habit.replies)).toMatch(/departments/);
    // The rep says what they sell: /profile → Cars, no product name. The team default no longer applies.
    const engine = engineFor({ industry: 'insurance' });
    const asked = engine.handle({ ...given, mode: 'idle' } as CoachState, { type: 'command', name: 'profile' });
    expect(textOf(asked.replies)).toMatch(/^Now: Insurance/);
    const product = engine.handle(asked.state, { type: 'action', action: 'ind:cars' });
    const own = engine.handle(product.state, { type: 'action', action: 'noprod' });
    expect(own.state.profile).toEqual({ industry: 'cars', product: null });
    const after = walk(engine, own.state);
    expect(textOf(after.start.replies)).not.toMatch(/team's default/);
    expect(textOf(after.habit.replies)).toMatch(/test drive|trim|car/i);
  });

  it('asks as before when the team has no default', () => {
    const { start } = walk(engineFor(null), idle('en', false));
    expect(textOf(start.replies)).toMatch(/what do you sell/i);
  });

  it('refuses a default the packs or the compliance rules cannot take', () => {
    expect(() => engineFor({ industry: 'fintech' })).toThrow(/"fintech" is not an industry pack/);
    expect(() => engineFor({ industry: 'wealth_management', product: '保本理财' })).toThrow(/principal_guarantee/);
  });
});
