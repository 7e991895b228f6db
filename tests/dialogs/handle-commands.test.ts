/** What each rep command does where the rep is: /start, cancel, why, and a name that is no command. */
import { describe, expect, it } from 'vitest';
import { handleCommand, why } from '../../dialogs/handle-commands.ts';
import { initialState } from '../../dialogs/state.ts';
import { quote, textOf, turnAt, walkAt, walking } from './fixtures.ts';

describe('rep commands', () => {
  it('/start welcomes a new rep with the help, and shows a returning rep where they were', () => {
    const fresh = turnAt(initialState('zh'));
    handleCommand(fresh, 'start', []);
    expect(textOf(fresh)).toMatch(/^你好！[\s\S]*辅导中随时可用/);
    const returning = turnAt(walking(walkAt('trust', 'promise', ['symptom', 'principle'])));
    handleCommand(returning, 'start', []);
    expect(textOf(returning)).toMatch(/^Welcome back[\s\S]*Step 3 · What can you promise\?/);
  });

  it('cancel ends the walk, or says there is nothing to cancel', () => {
    const turn = turnAt(walking(walkAt('timing', 'usage', ['dont_repeat'])));
    handleCommand(turn, 'CANCEL', []);
    expect(turn.state.mode).toBe('idle');
    handleCommand(turn, 'cancel', []);
    expect(textOf(turn)).toMatch(/Cancelled[\s\S]*No coaching in progress/);
  });

  it("why gives the step's principle in a walk, the technique for a tagged quote, the help otherwise", () => {
    const inWalk = turnAt(walking(walkAt('timing', 'dont_repeat')));
    why(inWalk);
    expect(textOf(inWalk)).toMatch(/^💡 If they still hesitate/);
    const tagged = turnAt({ ...initialState('en'), mode: 'classified', quote: quote(), label: 'trust' });
    why(tagged);
    expect(textOf(tagged)).toMatch(/^💡 Mine the relationship/i);
    const idle = turnAt();
    why(idle);
    expect(textOf(idle)).toMatch(/^Paste a customer's words/);
  });

  it("answers managers' commands and unknown names as unknown here (the service answers managers)", () => {
    const turn = turnAt();
    handleCommand(turn, 'stats', []);
    expect(turn.events).toEqual([{ kind: 'rejected', reason: 'unknown_command' }]);
  });
});
