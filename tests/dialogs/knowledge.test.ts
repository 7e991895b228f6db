/** Tips, knowledge topics (by key or title, never an object's own properties) and the reply language. */
import { describe, expect, it } from 'vitest';
import { findTopic, knowledge, parseLanguage, setLanguage, tip } from '../../dialogs/knowledge.ts';
import { initialState } from '../../dialogs/state.ts';
import { playbook, textOf, turnAt } from './fixtures.ts';

const topics = playbook.knowledge.topics;

describe('findTopic', () => {
  it('finds a topic by key, by its title in either language, or by a part of one title', () => {
    expect(findTopic(topics, 'margin_rules')).toBe('margin_rules');
    expect(findTopic(topics, '融资融券')).toBe('margin');
    expect(findTopic(topics, '融资融券规则')).toBe('margin_rules');
    expect(findTopic(topics, 'Margin trading rules')).toBe('margin_rules');
    expect(findTopic(topics, '高净值')).toBe('hnw');
    expect(findTopic(topics, '满意度')).toBe('satisfaction');
  });

  it('finds nothing for names that are not topics, or parts of several', () => {
    for (const query of ['constructor', '__proto__', 'toString', '', 'margin trad']) expect(findTopic(topics, query), query).toBeUndefined();
  });

  it('shows the topic, or the list of topics as buttons', () => {
    const found = turnAt(initialState('zh'));
    knowledge(found, ['融资融券']);
    expect(textOf(found)).toMatch(/^📘 融资融券\n/);
    const list = turnAt();
    knowledge(list, ['nothing', 'here']);
    expect(list.replies[0]!.buttons?.map((b) => b.action)).toEqual(Object.keys(topics).map((k) => `kb:${k}`));
  });
});

describe('the reply language', () => {
  it('reads 中文 / 英文 / chinese / english / zh / en / auto', () => {
    expect(['中文', '英文', 'Chinese', 'ENGLISH', 'zh', 'en', 'zh-CN', 'auto', '自动'].map(parseLanguage)).toEqual(['zh', 'en', 'zh', 'en', 'zh', 'en', 'zh', 'auto', 'auto']);
    expect(parseLanguage(undefined)).toBe('toggle');
    expect(parseLanguage('klingon')).toBeUndefined();
    expect(parseLanguage('constructor')).toBeUndefined();
  });

  it('/lang 中文 answers in Chinese, /lang english in English, and holds it', () => {
    const turn = turnAt(initialState('en'));
    setLanguage(turn, ['中文']);
    expect(turn.state).toMatchObject({ lang: 'zh', langLocked: true });
    expect(textOf(turn)).toBe('好的，之后用中文回复。');
    setLanguage(turn, ['english']);
    expect(turn.state.lang).toBe('en');
    setLanguage(turn, ['auto']);
    expect(turn.state.langLocked).toBe(false);
  });

  it('explains the usage for a word it does not know, changing nothing', () => {
    const turn = turnAt(initialState('zh'));
    setLanguage(turn, ['法语']);
    expect(turn.state).toMatchObject({ lang: 'zh', langLocked: false });
    expect(textOf(turn)).toContain('用法：/lang 中文');
  });
});

describe('tips', () => {
  it('rotate through the playbook and start over', () => {
    const turn = turnAt();
    const seen = new Set<string>();
    for (let i = 0; i < playbook.knowledge.tips.length + 1; i++) tip(turn);
    for (const reply of turn.replies) seen.add(reply.text);
    expect(seen.size).toBe(playbook.knowledge.tips.length);
    expect(turn.state.tipIndex).toBe(1);
  });
});
