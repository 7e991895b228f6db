/** Stored states: the current shape checked, version 1 migrated mode by mode, anything else refused. */
import { describe, expect, it } from 'vitest';
import { initialState, languageOf, migrateV1, restoreState } from '../../dialogs/state.ts';
import { STATE_VERSION, type CoachState } from '../../dialogs/types.ts';
import { playbook, quote, walkAt, walking } from './fixtures.ts';

const v1 = { v: 1, lang: 'zh', langLocked: true, tipIndex: 3, dialog: 'd1', origin: '-100', offered: [{ label: '下一步', action: 'next' }] };

describe('restoreState', () => {
  it('takes a current state as it is, after a trip through JSON', () => {
    const states: CoachState[] = [
      initialState('zh'),
      { ...initialState('en'), mode: 'classified', quote: quote(), label: 'trust' },
      { ...initialState('en'), mode: 'choosing', quote: quote(), label: 'timing', candidates: ['timing', 'trust', 'none'] },
      walking(walkAt('timing', 'usage', ['dont_repeat'])),
      { ...walking(walkAt('timing', 'need', ['dont_repeat', 'usage'])), mode: 'switch', pending: { ...quote('太贵了', 'deal_size'), unsure: false, candidates: ['deal_size'] } },
      { ...walking(walkAt('trust', 'meeting', ['symptom'])), mode: 'outcome' },
    ];
    for (const state of states) expect(restoreState(JSON.parse(JSON.stringify(state)), playbook)).toEqual(state);
  });

  it('loads a state stored before deals (no deals, no current deal, no zone), and keeps deals with a parked walk and a confirmed date', () => {
    const { deals: _deals, deal: _deal, zone: _zone, ...before } = walking(walkAt('timing', 'usage', ['dont_repeat']));
    expect(restoreState(JSON.parse(JSON.stringify(before)), playbook)).toMatchObject({ mode: 'walk', deals: [], deal: null, zone: null });
    const parked = { mode: 'walk' as const, quote: quote(), walk: { ...walkAt('trust', 'meeting_time', ['symptom']), when: { at: 1_800_000_000_000, text: 'Thursday 3pm', confirmed: true } } };
    const deal = { id: 'd1', alias: '王总', named: true, quotes: [{ text: '再看看', label: 'trust' as const, dialog: 'd1' }], messages: ['您好'], next: null, need: null, followUps: [{ kind: 'repropose' as const, at: 1 }], sent: false, outcome: null, closed: false, followedUp: false, openedAt: 1, updatedAt: 2, parked };
    const state = { ...initialState('zh'), deals: [deal], deal: 'd1', zone: 'Asia/Shanghai' };
    expect(restoreState(JSON.parse(JSON.stringify(state)), playbook)).toEqual(state);
    // A parked walk the playbook can no longer continue is dropped; the deal stays.
    const gone = { ...state, deals: [{ ...deal, parked: { ...parked, walk: { ...parked.walk, step: 'removed_step' } } }] };
    expect(restoreState(gone, playbook)).toMatchObject({ deals: [{ id: 'd1', alias: '王总', parked: null }] });
  });

  it('refuses states it cannot continue', () => {
    const bad: unknown[] = [
      null,
      'not even an object',
      { v: 0, mode: 'walk', step: 3 },
      { v: 3, lang: 'en', mode: 'idle' },
      { ...initialState('en'), mode: 'walk' }, // a walk without the walk
      { ...initialState('en'), mode: 'classified', quote: quote() }, // no label
      walking(walkAt('timing', 'removed_step')),
      walking(walkAt('timing', 'need', ['dont_repeat', 'gone'])),
      { ...initialState('en'), lang: 'fr' },
    ];
    for (const raw of bad) expect(restoreState(raw, playbook), JSON.stringify(raw)).toBeUndefined();
  });
});

describe('migrating version 1 states', () => {
  it('keeps what every mode shares', () => {
    expect(migrateV1({ ...v1, mode: 'idle' })).toEqual({ v: STATE_VERSION, lang: 'zh', langLocked: true, tipIndex: 3, dialog: 'd1', origin: '-100', offered: v1.offered, lastWalk: null, profile: null, traditional: false, deals: [], deal: null, zone: null, mode: 'idle' });
  });

  it('moves a classified quote into the quote', () => {
    const old = { ...v1, mode: 'classified', quote: '太贵了', predicted: 'deal_size', label: 'trust', confidence: 0.8, matched: ['太贵'], candidates: ['deal_size'] };
    expect(migrateV1(old)).toMatchObject({ mode: 'classified', quote: { text: '太贵了', predicted: 'deal_size', confidence: 0.8, matched: ['太贵'] }, label: 'trust' });
    expect(migrateV1({ ...old, mode: 'choosing' })).toMatchObject({ mode: 'choosing', label: 'trust', candidates: ['deal_size'] });
  });

  it('continues a walk mid-way, with its answers and a held answer', () => {
    const walk = { objection: 'trust', step: 'meeting_time', history: ['symptom', 'principle', 'promise'], answers: { symptom: 'no_boss', promise: '退服务费' }, held: '保本' };
    const migrated = migrateV1({ ...v1, mode: 'walk', quote: '见不到老板', predicted: 'trust', label: 'trust', walk });
    expect(migrated).toMatchObject({ mode: 'walk', quote: { text: '见不到老板', predicted: 'trust' }, walk: { ...walk, held: '保本' } });
    expect(restoreState({ ...v1, mode: 'walk', walk: { ...walk, held: undefined } }, playbook)).toMatchObject({ walk: { held: null }, quote: { text: '', predicted: 'trust' } });
  });

  it('keeps the pending quote of a switch question, and the last walk to share', () => {
    const walk = { objection: 'timing', step: 'usage', history: ['dont_repeat'], answers: {} };
    const pending = { quote: '太贵了', label: 'deal_size', confidence: 0.7, unsure: false, candidates: ['deal_size'], matched: ['太贵'] };
    const lastWalk = { objection: 'timing', quote: '下次再说' };
    expect(migrateV1({ ...v1, mode: 'switch', quote: '下次再说', predicted: 'timing', walk, pending, lastWalk })).toMatchObject({
      mode: 'switch',
      pending: { text: '太贵了', predicted: 'deal_size', confidence: 0.7, unsure: false, candidates: ['deal_size'], matched: ['太贵'] },
      lastWalk: { objection: 'timing', quote: '下次再说', script: null },
    });
    expect(migrateV1({ ...v1, mode: 'switch', walk })).toBeUndefined();
  });

  it('refuses a version 1 state whose mode lacks what it needs', () => {
    expect(migrateV1({ ...v1, mode: 'walk' })).toBeUndefined();
    expect(migrateV1({ ...v1, mode: 'classified' })).toBeUndefined();
    expect(migrateV1({ ...v1, mode: 'dancing' })).toBeUndefined();
  });
});

describe('languageOf', () => {
  it('reads the language of any stored state, English when there is none', () => {
    expect(languageOf(initialState('zh'))).toBe('zh');
    expect(languageOf({ v: 1, lang: 'zh' })).toBe('zh');
    expect([undefined, null, 'x', { lang: 'fr' }].map(languageOf)).toEqual(['en', 'en', 'en', 'en']);
  });
});
