/** The action codec: every action survives the trip through a button, within Telegram's 64 bytes. */
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../data/playbook.ts';
import { loadPlaybook } from '../../data/playbook.ts';
import { answersInPlace, BUTTON_COMMANDS, DEAL_OPS, decodeAction, encodeAction, isNavigation, MAX_ACTION_BYTES, type Action, type DealOp } from '../../dialogs/actions.ts';
import { OUTCOMES } from '../../dialogs/types.ts';

const playbook = loadPlaybook();
const choices = Object.values(playbook.walks).flatMap((steps) => steps.flatMap((s) => s.choices ?? []).map((c) => c.id));
const topics = Object.keys(playbook.knowledge.topics);

/** Every action the shipped playbook can put on a button. */
const ALL: Action[] = [
  { kind: 'start' },
  { kind: 'retype' },
  ...LABELS.map((label) => ({ kind: 'as', label }) as const),
  ...choices.map((id) => ({ kind: 'choice', id }) as const),
  { kind: 'next' },
  { kind: 'skip' },
  { kind: 'keep' },
  ...OUTCOMES.map((outcome) => ({ kind: 'outcome', outcome }) as const),
  { kind: 'switch', to: true },
  { kind: 'switch', to: false },
  ...topics.map((topic) => ({ kind: 'topic', topic }) as const),
  { kind: 'share' },
  ...BUTTON_COMMANDS.map((name) => ({ kind: 'command', name }) as const),
  // Deals: the deal's id (the service's turn id: base-36 time, a dash, 10 hex digits) inside.
  ...(Object.values(DEAL_OPS) as DealOp[]).map((op) => ({ kind: 'deal', op, deal: 'mx2k9ls0-3db1edd4d9' }) as const),
  ...OUTCOMES.map((outcome) => ({ kind: 'dealOutcome', outcome, deal: 'mx2k9ls0-3db1edd4d9' }) as const),
  { kind: 'which', deal: 'mx2k9ls0-3db1edd4d9' },
  { kind: 'which', deal: null },
  { kind: 'when', ok: true },
  { kind: 'when', ok: false },
];

describe('the action codec', () => {
  it('round-trips every action of the playbook, each within 64 bytes', () => {
    expect(choices.length).toBeGreaterThan(5);
    for (const action of ALL) {
      const wire = encodeAction(action);
      expect(Buffer.byteLength(wire)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      expect(decodeAction(wire)).toEqual(action);
    }
    expect(new Set(ALL.map(encodeAction)).size).toBe(ALL.length);
  });

  it('reads a deal action back only with a deal id and a known operation or outcome', () => {
    expect(decodeAction('do:open:mx2k9ls0-3db1edd4d9')).toEqual({ kind: 'dealOutcome', outcome: 'open', deal: 'mx2k9ls0-3db1edd4d9' });
    expect(decodeAction('dl:z:d1')).toEqual({ kind: 'deal', op: 'snooze', deal: 'd1' });
    for (const bad of ['dl:q', 'dl:?:d1', 'do:won:d1', 'do:open:', 'dw:', 'dw:a b', 'dl:r:<script>', `dl:r:${'x'.repeat(41)}`]) expect(decodeAction(bad), bad).toBeUndefined();
  });

  it('keeps the wire form of buttons already sent to reps', () => {
    expect(['go', 'fix', 'as:trust', 'c:special', 'next', 'skip', 'keep', 'out:booked', 'sw:yes', 'sw:no', 'kb:margin_rules', 'share', 'why', 'back', 'tip'].map(decodeAction)).toEqual([
      { kind: 'start' },
      { kind: 'retype' },
      { kind: 'as', label: 'trust' },
      { kind: 'choice', id: 'special' },
      { kind: 'next' },
      { kind: 'skip' },
      { kind: 'keep' },
      { kind: 'outcome', outcome: 'booked' },
      { kind: 'switch', to: true },
      { kind: 'switch', to: false },
      { kind: 'topic', topic: 'margin_rules' },
      { kind: 'share' },
      { kind: 'command', name: 'why' },
      { kind: 'command', name: 'back' },
      { kind: 'command', name: 'tip' },
    ]);
  });

  it('decodes nothing it did not make', () => {
    for (const wire of ['', 'go:1', 'as:maybe', 'out:won', 'sw:maybe', 'c:', 'c:Bad-Id', 'kb:__proto__', 'frobnicate', 'x'.repeat(65), 'c:' + 'a'.repeat(70), 'noop', 'constructor']) {
      expect(decodeAction(wire), wire).toBeUndefined();
    }
  });

  it('refuses to build an action longer than a button carries', () => {
    expect(() => encodeAction({ kind: 'choice', id: 'a'.repeat(63) })).toThrow(/64 bytes/);
  });

  it('tells the channels which buttons navigate and which answer in place', () => {
    expect(['next', 'skip', 'why', 'back'].every(isNavigation)).toBe(true);
    expect(['go', 'c:special', 'out:lost', 'tip'].some(isNavigation)).toBe(false);
    expect(['why', 'tip'].every(answersInPlace)).toBe(true);
    expect(['next', 'c:special', 'share'].some(answersInPlace)).toBe(false);
  });
});
