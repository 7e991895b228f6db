/** Text around the walk found by walking it as a rep would: an acknowledgement at a question asks it again; "改一下" at a flagged answer edits it. */
import { describe, expect, it } from 'vitest';
import { engineWith, textOf, walkAt, walking } from './fixtures.ts';

describe('an acknowledgement at a question', () => {
  it('asks the switch question again, with its buttons (not a bare "still waiting")', () => {
    const engine = engineWith('deal_size');
    const asked = engine.handle(walking(walkAt('timing', 'dont_repeat'), 'zh'), { type: 'text', text: '光看不买，就是不下单' });
    expect(asked.state.mode).toBe('switch');
    const again = engine.handle(asked.state, { type: 'text', text: '下一步' });
    expect(textOf(again)).toMatch(/^好的。这一步还在等你：\n---\n这是新的客户原话吗？看起来是「成交金额不定」。要切换过去吗？$/);
    expect(again.replies.at(-1)!.buttons!.map((b) => b.action)).toEqual(['sw:yes', 'sw:no']);
  });

  it('shows the tagged quote again when the type is still to be chosen', () => {
    const engine = engineWith('trust');
    const tagged = engine.handle(null, { type: 'text', text: "I can't get a meeting with the boss" });
    const again = engine.handle(tagged.state, { type: 'text', text: 'ok' });
    expect(textOf(again)).toMatch(/^OK\. This step is still waiting for you:\n---\n🤝 Trust/);
    expect(again.replies.at(-1)!.buttons!.length).toBeGreaterThan(1);
  });
});

describe('a flagged answer', () => {
  it('"改一下" / "let me rewrite it" press Edit — never become the promise', () => {
    for (const [lang, promise, edit] of [['zh', '保证收益7%，稳赚不赔', '改一下'], ['en', 'we guarantee a 7% annual yield', 'let me rewrite it']] as const) {
      const engine = engineWith('none');
      const held = engine.handle(walking(walkAt('trust', 'own_promise', ['symptom', 'principle', 'promise'], { symptom: 'shallow_questions', promise: 'own' }), lang), { type: 'text', text: promise });
      expect(held.state.mode === 'walk' && held.state.walk.held).toBe(promise);
      const edited = engine.handle(held.state, { type: 'text', text: edit });
      expect(edited.state.mode === 'walk' && edited.state.walk.step).toBe('own_promise');
      expect(edited.state.mode === 'walk' && edited.state.walk.answers.own_promise).toBeUndefined();
      expect(edited.replies.at(-1)!.buttons!.map((b) => b.action)).toEqual(['skip']);
    }
  });
});
