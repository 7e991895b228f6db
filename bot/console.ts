/**
 * The console chat: the coaching engine in a terminal. Replies are printed as text with their
 * buttons numbered; the rep answers with a number, a button's label, a command or free text.
 * Colours on a terminal, plain text when piped — so it is scriptable from stdin (one line per
 * message) and exits at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Lang } from '../data/playbook.ts';
import { createEngine, type Button, type CoachInput, type Reply } from '../dialogs/engine.ts';
import type { Coach } from './startup.ts';

/** How a console line maps to an engine input, given the buttons last shown. */
export function consoleInput(line: string, buttons: Button[]): CoachInput {
  const trimmed = line.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const button = buttons[Number(trimmed) - 1];
    if (button) return { type: 'action', action: button.action };
  }
  const byLabel = buttons.find((b) => simplify(b.label) === simplify(trimmed) && simplify(trimmed) !== '');
  if (byLabel) return { type: 'action', action: byLabel.action };
  return { type: 'text', text: line };
}

/** A label without emoji, arrows and case, for matching what the rep typed. */
function simplify(label: string): string {
  return label.replace(/[^\p{L}\p{N}\s?？]/gu, '').trim().toLowerCase();
}

/** A reply as the console prints it. */
export function renderReply(reply: Reply, paint: (code: string, text: string) => string = (_, t) => t): string {
  const lines = [paint('36', reply.text)];
  reply.buttons?.forEach((button, i) => lines.push(paint('33', `  [${i + 1}] ${button.label}`)));
  return lines.join('\n');
}

/** Runs the console chat on stdin/stdout until the input ends. */
export async function runConsole({ playbook, classifier }: Coach): Promise<void> {
  const engine = createEngine(playbook, classifier);
  const tty = process.stdout.isTTY === true;
  const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lang: Lang = /^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en';
  let state: unknown = engine.initialState(lang);
  let buttons: Button[] = [];

  const respond = (input: CoachInput) => {
    const result = engine.handle(state, input);
    state = result.state;
    buttons = [];
    for (const reply of result.replies) {
      process.stdout.write(`${renderReply(reply, paint)}\n`);
      if (reply.buttons?.length) buttons = reply.buttons;
    }
  };

  respond({ type: 'command', name: 'start', langHint: lang });
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: tty && process.stdin.isTTY === true, prompt: tty ? '> ' : '' });
  input.prompt();
  for await (const line of input) {
    if (!tty) process.stdout.write(paint('2', `> ${line}`) + '\n');
    respond(consoleInput(line, buttons));
    input.prompt();
  }
}
