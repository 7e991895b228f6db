/**
 * The command table and command parsing: slash, full-width slash and "、", /cmd@bot, word
 * commands, Teams' bare menu words; the menus, the help and the Teams manifest read the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGER_COMMANDS } from '../../bot/service/manager-tools.ts';
import { COMMANDS, helpLines, inputFromText, isManagerCommand, menuCommands, parseCommand, parseMenuCommand, wordCommand } from '../../dialogs/commands.ts';
import { ROOT } from '../helpers.ts';

describe('parseCommand', () => {
  it('reads a slash command with its arguments', () => {
    expect(parseCommand('/margin 200 40%')).toEqual({ name: 'margin', args: ['200', '40%'] });
    expect(parseCommand('  /TIP  ')).toEqual({ name: 'tip', args: [] });
  });

  it('reads the full-width slash and full-width letters a Chinese keyboard types', () => {
    expect(parseCommand('／tip')).toEqual({ name: 'tip', args: [] });
    expect(parseCommand('／ｋｂ 融资融券')).toEqual({ name: 'kb', args: ['融资融券'] });
  });

  it('reads "、" as a slash only before a command name', () => {
    expect(parseCommand('、tip')).toEqual({ name: 'tip', args: [] });
    expect(parseCommand('、lang 中文')).toEqual({ name: 'lang', args: ['中文'] });
    expect(parseCommand('、下次再说吧')).toBeUndefined();
  });

  it("separates the bot a group command is addressed to (Telegram's /cmd@bot)", () => {
    expect(parseCommand('/tip@TestNameBot')).toEqual({ name: 'tip', args: [], bot: 'TestNameBot' });
    expect(parseCommand('/stats@OtherBot 7')).toEqual({ name: 'stats', args: ['7'], bot: 'OtherBot' });
  });

  it('passes unknown names on (the engine answers them), and leaves plain text alone', () => {
    expect(parseCommand('/frobnicate now')).toEqual({ name: 'frobnicate', args: ['now'] });
    expect(parseCommand('/帮助')).toEqual({ name: 'help', args: [] });
    for (const text of ['太贵了', 'next time', '/', '1/2 of the price', '']) expect(parseCommand(text), text).toBeUndefined();
  });
});

describe('word commands and menu words', () => {
  it('knows the words that work at any step, in both languages, with or without "?"', () => {
    expect(['返回', '上一步', 'Back'].map(wordCommand)).toEqual(['back', 'back', 'back']);
    expect(['为什么？', '为什么', 'why?', 'WHY'].map(wordCommand)).toEqual(['why', 'why', 'why', 'why']);
    expect(['重来', 'restart', '取消', 'cancel', '帮助', 'help'].map(wordCommand)).toEqual(['restart', 'restart', 'cancel', 'cancel', 'help', 'help']);
    expect(['tip', 'ok', '好的', 'back to the price'].map(wordCommand)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the bare words Teams menus send, only for menu commands', () => {
    expect(parseMenuCommand('margin 200 40%')).toEqual({ name: 'margin', args: ['200', '40%'] });
    expect(parseMenuCommand('Export csv')).toEqual({ name: 'export', args: ['csv'] });
    expect(parseMenuCommand('start')).toBeUndefined();
    expect(parseMenuCommand('why')).toBeUndefined();
    expect(parseMenuCommand('too expensive')).toBeUndefined();
  });

  it('turns a message into the engine input a channel sends', () => {
    expect(inputFromText('／tip', { context: 'group' })).toEqual({ type: 'command', name: 'tip', args: [], context: 'group' });
    expect(inputFromText('太贵了', { langHint: 'zh' })).toEqual({ type: 'text', text: '太贵了', langHint: 'zh' });
  });
});

describe('the command table', () => {
  it('names each command and each word once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const words = COMMANDS.flatMap((c) => [...c.words.zh, ...c.words.en]);
    expect(new Set(words).size).toBe(words.length);
  });

  it("lists the managers' commands the service answers", () => {
    const managers = COMMANDS.filter((c) => isManagerCommand(c.name)).map((c) => c.name);
    expect(managers.sort()).toEqual([...MANAGER_COMMANDS, 'dashboard'].sort());
  });

  it("gives the reps' menu without managers' commands, and managers' with them, in both languages", () => {
    for (const lang of ['zh', 'en'] as const) {
      const reps = menuCommands(lang).map((c) => c.command);
      expect(reps).toEqual(expect.arrayContaining(['start', 'help', 'tip', 'kb', 'margin', 'profile', 'lang']));
      expect(reps).not.toContain('stats');
      expect(menuCommands(lang, { managers: true }).map((c) => c.command)).toEqual(expect.arrayContaining(['stats', 'audit', 'export', 'dashboard']));
      for (const entry of menuCommands(lang, { managers: true })) {
        expect(entry.command).toMatch(/^[a-z0-9_]{1,32}$/); // Telegram's rule for command names
        expect(entry.description.length).toBeLessThanOrEqual(128); // the tighter of Telegram (256) and Teams (128)
        expect(entry.description).not.toMatch(/\//); // Teams menus send the bare word
      }
    }
    expect(menuCommands('zh').find((c) => c.command === 'margin')?.description).toBe('融资计算器，例：margin 200 40%');
  });

  it('is what the Teams app manifest lists (regenerate the manifest when the table changes)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8'));
    const listed = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    const expected = menuCommands('en', { managers: true, withOpener: false, teams: true }).map((c) => ({ title: c.command, description: c.description }));
    expect(listed).toEqual(expected);
    expect(listed.length).toBeLessThanOrEqual(10); // Teams' limit per command list
  });

  it('gives the help its lines: the words for any step, the commands with examples', () => {
    const en = helpLines('en');
    expect(en.words.join(' · ')).toBe('back · restart · cancel · why · help');
    expect(en.commands.join('\n')).toContain('/margin 200 40% · /margin 1:1 — Margin calculator');
    const zh = helpLines('zh');
    expect(zh.words[0]).toBe('返回 back');
    expect(zh.commands.join('\n')).toContain('/kb 融资融券');
    expect(zh.commands.join('\n')).toContain('/lang 中文');
  });
});
