/**
 * The console chat: the coaching engine in a terminal. Replies are printed as text with their
 * buttons numbered; the rep answers with a number, a button's label, a command or free text.
 * On a terminal (stdin and stdout both TTYs) it is an interactive line editor: a "> " prompt,
 * what the rep types echoed as they type it, colours. Piped or redirected, it is scriptable
 * (one line per message): each line is printed after "> " so the output reads as a transcript,
 * no colours, and it exits at the end of input. The conversation lives in the store (SQLite under
 * DATA_DIR by default): quit and start again, and the walk resumes where it was. The local
 * console counts as a manager: whoever runs it owns the database file anyway. Reminders for the
 * console that came due while it was closed are shown when it starts (and marked sent).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Lang } from '../../data/playbook.ts';
import { inputFromText } from '../../dialogs/commands.ts';
import type { CoachInput } from '../../dialogs/engine.ts';
import type { ProactiveSender } from '../channels/proactive.ts';
import { REMINDER_MESSAGES } from '../reminders/messages.ts';
import type { OutboundReply } from '../service/coach-service.ts';
import type { Runtime } from '../runtime.ts';
import { renderEcho, renderFailure, renderReply, renderSaved, type Paint } from './render.ts';

export { renderReply } from './render.ts';

/** Runs the console chat on stdin/stdout until the input ends; the conversation persists in the store. */
export async function runConsole(runtime: Runtime): Promise<void> {
  const { service, config, logger } = runtime;
  const tty = process.stdout.isTTY === true;
  // Interactive only when both ends are a terminal: readline then prompts and echoes what is typed.
  const interactive = tty && process.stdin.isTTY === true;
  const paint: Paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  const langHint: Lang = /^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en';
  const user = userInfo().username || 'local';
  const party = { channel: 'console', chatId: 'local', chatType: 'console', userId: user, userName: user };

  const respond = async (input: CoachInput) => {
    let replies: OutboundReply[];
    try {
      ({ replies } = await service.handle({ ...party, input }));
    } catch (err) {
      logger.error({ err }, 'console turn failed');
      const { text } = await service.failureReply(party, err, { langHint, text: input.type === 'text' ? input.text : undefined });
      process.stdout.write(`${renderFailure(text, paint)}\n`);
      return;
    }
    for (const reply of replies) {
      process.stdout.write(`${renderReply(reply, paint)}\n`);
      if (reply.attachment) {
        const file = join(config.dataDir, 'exports', reply.attachment.filename);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, reply.attachment.content);
        process.stdout.write(`${renderSaved(file, paint)}\n`);
      }
    }
  };

  // Reminders due while the console was closed: shown first, marked sent (late when they were).
  let heading = false;
  const reminders: ProactiveSender = {
    async send(target, message) {
      if (!heading) process.stdout.write(`${paint('35', REMINDER_MESSAGES[target.lang].consoleHeading)}\n`);
      heading = true;
      process.stdout.write(`${renderReply(message, paint)}\n`);
    },
  };
  await runtime.startReminders({ console: reminders }, { poll: false }).tick();

  await respond({ type: 'command', name: 'start', langHint });
  const input = interactive
    ? createInterface({ input: process.stdin, output: process.stdout, terminal: true, prompt: paint('2', '> ') })
    : createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  input.prompt();
  for await (const line of input) {
    // Piped: the line as typed, so the output reads as a transcript (a terminal echoed it already).
    if (!interactive) process.stdout.write(`${renderEcho(line, paint)}\n`);
    // A number or a button's label presses that button (the engine maps them).
    await respond(inputFromText(line));
    input.prompt();
  }
}
