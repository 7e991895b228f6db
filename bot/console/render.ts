/**
 * How the coach's replies look in the console, as pure functions: the text (a team post marked
 * "→ team:"), the buttons numbered for the rep to answer with, a file's saved path, and a failed
 * message's explanation — coloured by `paint` on a terminal, plain when piped.
 */
import type { Reply } from '../../dialogs/engine.ts';

/** Colours a text with an ANSI code (a terminal), or leaves it (a pipe). */
export type Paint = (code: string, text: string) => string;

export const plain: Paint = (_, text) => text;

/** A reply as the console prints it. */
export function renderReply(reply: Reply, paint: Paint = plain): string {
  const lines = [paint('36', reply.kind === 'team_post' ? `→ team:\n${reply.text}` : reply.text)];
  reply.buttons?.forEach((button, i) => lines.push(paint('33', `  [${i + 1}] ${button.label}`)));
  return lines.join('\n');
}

/** Where a reply's file was saved. */
export function renderSaved(path: string, paint: Paint = plain): string {
  return paint('32', `→ ${path}`);
}

/** What the rep is told when a message failed (the service's text, in their language). */
export function renderFailure(text: string, paint: Paint = plain): string {
  return paint('31', text);
}

/** What was typed, echoed when the input is piped (so the output reads as a conversation). */
export function renderEcho(line: string, paint: Paint = plain): string {
  return paint('2', `> ${line}`);
}
