/**
 * The one command table: every command's name, the words that also call it in Chinese and
 * English, what it does in both languages, who may use it (reps, or managers only) and whether
 * command menus list it. The engine's dispatch and help text, the Telegram menu, the Teams app
 * manifest (checked by a test) and the console all read this table.
 *
 * Also the pure parsing the channels call before anything reaches the engine: `parseCommand`
 * turns "/tip", "／tip", "、tip" and "/tip@SomeBot" into `{ name, args, bot }`, so the engine only
 * ever sees commands already parsed.
 */
import type { Lang } from '../data/playbook.ts';
import type { CoachInput } from './types.ts';

export interface CommandSpec {
  name: string;
  /**
   * Words that call the command without a slash, at any step (e.g. "返回", "back"). Each
   * language's list is what the help text shows; matching ignores case and a trailing "?".
   */
  words: Record<Lang, readonly string[]>;
  /** What it does, in a few words (menus add the first example). */
  description: Record<Lang, string>;
  /** Arguments shown in the help text, e.g. "200 40%". */
  examples?: Record<Lang, readonly string[]>;
  who: 'rep' | 'manager';
  /** Listed in command menus. */
  menu: boolean;
  /** Listed in the help text though not in menus (Teams' menu is full at 10). */
  help?: boolean;
  /** Answered by the conversation service, not the engine (it reads or writes the store). */
  service?: boolean;
  /** Left out of the Teams app manifest (Teams allows ten commands); still understood when typed. */
  teams?: false;
  /**
   * The command a client itself sends when a chat opens (Telegram's Start button): menus of
   * clients that greet on their own leave it out.
   */
  opener?: boolean;
}

const none = { zh: [], en: [] } as const;

export const COMMANDS = [
  { name: 'start', words: none, description: { zh: '开始，或回到当前进度', en: 'Start, or show where we are' }, who: 'rep', menu: true, opener: true },
  { name: 'tip', words: none, description: { zh: '一条技巧', en: 'A technique tip' }, who: 'rep', menu: true },
  { name: 'kb', words: none, description: { zh: '知识：高净值客户、融资融券', en: 'Knowledge: high-net-worth clients, margin trading' }, examples: { zh: ['融资融券'], en: ['margin'] }, who: 'rep', menu: true },
  { name: 'margin', words: none, description: { zh: '融资计算器', en: 'Margin calculator' }, examples: { zh: ['200 40%', '1:1'], en: ['200 40%', '1:1'] }, who: 'rep', menu: true, teams: false },
  { name: 'profile', words: none, description: { zh: '你卖什么：行业和产品名', en: 'What you sell: industry and product' }, who: 'rep', menu: true },
  // Not in the Teams manifest (ten commands at most; /practice took its place): Teams sends the
  // client's language with every message, and replies follow what the rep writes.
  { name: 'lang', words: none, description: { zh: '回复语言：中文、英文或自动', en: 'Reply language: Chinese, English or auto' }, examples: { zh: ['中文', '英文', 'auto'], en: ['english', 'chinese', 'auto'] }, who: 'rep', menu: true, teams: false },
  { name: 'practice', words: none, description: { zh: '练习：我扮客户，你来应对', en: 'Practice: I play the customer, you answer' }, examples: { zh: ['信任', '统计'], en: ['trust', 'stats'] }, who: 'rep', menu: true },
  { name: 'deals', words: none, description: { zh: '我的客户：跟进中的单子', en: 'My deals: customers in progress' }, who: 'rep', menu: true },
  { name: 'last', words: none, description: { zh: '最近写好的话术，再复制一次', en: 'The last messages composed, to copy again' }, who: 'rep', menu: true, teams: false },
  { name: 'back', words: { zh: ['返回', '上一步'], en: ['back'] }, description: { zh: '回到上一步', en: 'Go back one step' }, who: 'rep', menu: false },
  { name: 'restart', words: { zh: ['重来', '重新开始'], en: ['restart'] }, description: { zh: '从第一步重来', en: 'Start the walk over' }, who: 'rep', menu: false },
  // Not in menus (Teams allows 10 commands; /profile took its place): the word works at any step.
  { name: 'cancel', words: { zh: ['取消'], en: ['cancel'] }, description: { zh: '结束当前辅导', en: 'Stop the current coaching' }, who: 'rep', menu: false },
  { name: 'why', words: { zh: ['为什么'], en: ['why'] }, description: { zh: '这一步的道理', en: 'The reason behind this step' }, who: 'rep', menu: false },
  // Reminder settings, answered by the service (bot/service/remind-command.ts).
  { name: 'remind', words: none, description: { zh: '提醒：开、关、免打扰时段', en: 'Reminders: on, off, quiet hours' }, examples: { zh: ['关', '开', '免打扰 22-8'], en: ['off', 'on', 'quiet 22-8'] }, who: 'rep', menu: false, help: true, service: true },
  { name: 'help', words: { zh: ['帮助'], en: ['help'] }, description: { zh: '我能做什么', en: 'What I can do' }, who: 'rep', menu: true },
  { name: 'stats', words: none, description: { zh: '经理：团队统计', en: 'Managers: team statistics' }, examples: { zh: ['7'], en: ['7'] }, who: 'manager', menu: true },
  { name: 'audit', words: none, description: { zh: '经理：最近对话', en: 'Managers: recent dialogs' }, examples: { zh: ['3'], en: ['3'] }, who: 'manager', menu: true },
  { name: 'export', words: none, description: { zh: '经理：导出日志（csv 或 jsonl）', en: 'Managers: export the audit log (csv or jsonl)' }, examples: { zh: ['csv'], en: ['csv'] }, who: 'manager', menu: true },
  { name: 'dashboard', words: none, description: { zh: '经理：看板登录链接', en: 'Managers: a sign-in link to the team dashboard' }, who: 'manager', menu: true },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];
export type RepCommandName = Extract<(typeof COMMANDS)[number], { who: 'rep' }>['name'];
/** The reps' commands the conversation service answers (they need the store). */
export type ServiceCommandName = Extract<(typeof COMMANDS)[number], { service: true }>['name'];
/** The reps' commands the engine answers. */
export type EngineCommandName = Exclude<RepCommandName, ServiceCommandName>;
export type ManagerCommandName = Extract<(typeof COMMANDS)[number], { who: 'manager' }>['name'];

const BY_NAME = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));

/** The table entry for a command name, if it is one. */
export function commandSpec(name: string): CommandSpec | undefined {
  return BY_NAME.get(name);
}

/** Whether `name` is a reps' command the conversation service answers (e.g. remind). */
export function isServiceCommand(name: string): name is ServiceCommandName {
  return BY_NAME.get(name)?.service === true;
}

/** Whether `name` is a command only managers may use (the conversation service answers those). */
export function isManagerCommand(name: string): name is ManagerCommandName {
  return BY_NAME.get(name)?.who === 'manager';
}

/** A word as typed, for matching: width-folded, lower case, without a trailing question mark. */
function fold(word: string): string {
  return word.normalize('NFKC').trim().toLowerCase().replace(/[?]+$/u, '');
}

const BY_WORD = new Map<string, CommandName>(COMMANDS.flatMap((c) => [...c.words.zh, ...c.words.en].map((w) => [fold(w), c.name] as const)));

/** The command a whole message calls as a word ("返回", "Why?"), if any. */
export function wordCommand(text: string): CommandName | undefined {
  return BY_WORD.get(fold(text));
}

/** A command as a channel received it. */
export interface ParsedCommand {
  /** The command's name (a known word such as "帮助" is given as its command, "help"). */
  name: string;
  args: string[];
  /** The bot the command was addressed to ("/tip@SomeBot"), for group chats with several bots. */
  bot?: string;
}

/** Characters that start a command: '/', the full-width '／' Chinese keyboards type, and '、'. */
const SLASHES = ['/', '／'];
/** '、' is what a Chinese keyboard types for the '/' key: a command only when a known name follows. */
const IME_SLASH = '、';

/**
 * Parses a message that is a command. Returns undefined for anything else, including a bare
 * "/" and "、" followed by something that is not a command name.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim();
  const lead = trimmed[0] ?? '';
  if (!SLASHES.includes(lead) && lead !== IME_SLASH) return undefined;
  const [head = '', ...args] = trimmed.slice(1).split(/\s+/u);
  const [rawName = '', bot] = head.normalize('NFKC').split('@');
  const name = rawName.toLowerCase();
  if (!name) return undefined;
  const known = BY_NAME.has(name) ? name : BY_WORD.get(fold(rawName));
  if (lead === IME_SLASH && !known) return undefined;
  return { name: known ?? name, args: args.filter(Boolean), ...(bot ? { bot } : {}) };
}

/**
 * Parses a command sent from a client's command menu without a slash (Teams sends the bare
 * word: "tip", "margin 200 40%"): the first word must be a menu command.
 */
export function parseMenuCommand(text: string): ParsedCommand | undefined {
  const [head = '', ...args] = text.trim().split(/\s+/u);
  const name = head.toLowerCase();
  const spec = BY_NAME.get(name);
  return spec?.menu && !spec.opener ? { name, args } : undefined;
}

/** The engine input for a message: the command it is, or the text. */
export function inputFromText(text: string, extra: { langHint?: Lang; context?: 'private' | 'group' } = {}): CoachInput {
  const command = parseCommand(text);
  return command ? { type: 'command', name: command.name, args: command.args, ...extra } : { type: 'text', text, ...extra };
}

/** A command menu entry. */
export interface MenuEntry {
  command: string;
  description: string;
}

const FOR_EXAMPLE: Record<Lang, string> = { zh: '，例：', en: ', e.g. ' };

/**
 * The commands a menu lists for one language, each with its first example and no slash (Teams
 * menus send the bare words): the reps' commands, and the managers' too when `managers` is set;
 * `withOpener: false` for clients that greet on their own (Teams); `teams: true` for the Teams
 * app manifest (without the commands it leaves out).
 */
export function menuCommands(lang: Lang, options: { managers?: boolean; withOpener?: boolean; teams?: boolean } = {}): MenuEntry[] {
  const specs: readonly CommandSpec[] = COMMANDS;
  return specs
    .filter((c) => c.menu && (options.managers || c.who === 'rep') && (options.withOpener !== false || !c.opener) && !(options.teams && c.teams === false))
    .map((c) => {
      const example = c.examples?.[lang][0];
      return { command: c.name, description: example ? `${c.description[lang]}${FOR_EXAMPLE[lang]}${c.name} ${example}` : c.description[lang] };
    });
}

/** The help lines for reps: the words that work at any step, then the menu commands with examples. */
export function helpLines(lang: Lang): { words: string[]; commands: string[] } {
  const specs: readonly CommandSpec[] = COMMANDS;
  const reps = specs.filter((c) => c.who === 'rep');
  const words = reps.flatMap((c) => {
    const [zh, en] = [c.words.zh[0], c.words.en[0]];
    if (!zh || !en) return [];
    return [lang === 'en' ? en : `${zh} ${en}`];
  });
  const commands = reps
    .filter((c) => (c.menu || c.help) && !c.opener && !c.words[lang].length)
    .map((c) => {
      const usage = c.examples ? c.examples[lang].map((e) => `/${c.name} ${e}`).join(' · ') : `/${c.name}`;
      return `${usage} — ${c.description[lang]}`;
    });
  return { words, commands };
}
