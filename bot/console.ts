/**
 * The console chat: a rep types (or pipes) customer quotes, one per line, and gets the
 * objection type, the confidence, the reason and the technique to use, in the language of the
 * quote. Colours when stdout is a terminal, plain text when piped; exits at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Classification } from '../intents/classifier.ts';
import { checkQuote } from '../intents/input.ts';
import { detectLanguage } from '../intents/normalise.ts';
import type { Lang, Playbook } from '../data/playbook.ts';
import type { Coach } from './startup.ts';

const TEXT = {
  zh: {
    welcome: '贴上客户的原话（或描述情况），我来判断是哪类异议。Ctrl+D 退出。',
    unsure: '不太确定，可能是：',
    why: '依据：',
    technique: '技巧：',
    none: '这不像异议，照常推进即可。',
    empty: '请输入客户说的话。',
    too_long: '太长了（超过 4096 字），请只贴客户的原话。',
    binary: '这看起来不是文字，请贴客户说的话。',
    sure: (p: number) => `把握 ${p}%`,
    quote: (s: string) => `“${s}”`,
    sep: '、',
  },
  en: {
    welcome: 'Paste what the customer said (or describe the situation) and I will tag the objection. Ctrl+D quits.',
    unsure: 'Not sure — could be: ',
    why: 'Why: ',
    technique: 'Technique: ',
    none: 'Not an objection — carry on.',
    empty: 'Type what the customer said.',
    too_long: 'Too long (over 4096 characters): paste just the customer’s words.',
    binary: 'That does not look like text: paste what the customer said.',
    sure: (p: number) => `${p}% sure`,
    quote: (s: string) => `"${s}"`,
    sep: ', ',
  },
} as const;

/** The answer to one quote, as the console shows it. */
export function describe(result: Classification, playbook: Playbook): string {
  const t = TEXT[result.lang];
  const info = playbook.labels[result.label];
  const lines: string[] = [];
  if (result.unsure) {
    lines.push(t.unsure + result.candidates.map((c) => playbook.labels[c].name[result.lang]).join(' / '));
  } else {
    // Never claim certainty: 0.999 shows as 99%.
    lines.push(`${info.name[result.lang]} · ${t.sure(Math.min(99, Math.round(result.confidence * 100)))}`);
  }
  if (result.matched.length) lines.push(t.why + result.matched.map(t.quote).join(t.sep));
  if (!result.unsure) lines.push(result.label === 'none' ? t.none : t.technique + info.technique![result.lang]);
  return lines.join('\n');
}

/** Runs the console chat on stdin/stdout until the input ends. */
export async function runConsole({ playbook, classifier }: Coach): Promise<void> {
  const tty = process.stdout.isTTY === true;
  const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lang: Lang = /^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en';
  process.stdout.write(`${paint('2', TEXT[lang].welcome)}\n`);
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: tty && process.stdin.isTTY === true, prompt: tty ? '> ' : '' });
  input.prompt();
  for await (const line of input) {
    const problem = checkQuote(line);
    if (problem) {
      const t = TEXT[detectLanguage(line)];
      process.stdout.write(`${paint('33', t[problem])}\n`);
    } else {
      process.stdout.write(`${paint('36', describe(classifier.classify(line), playbook))}\n`);
    }
    input.prompt();
  }
}
