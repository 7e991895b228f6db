/**
 * The logger keeps secrets and customer text out of every line: errors are reduced to their
 * facts (grammY's context with the bot token and the raw update never reaches the log), keys
 * that hold raw requests are blanked, configured secrets are cut out, and what an error message
 * quotes is redacted.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';

const TOKEN = '123456789:AAHsecret-token_valueXYZ';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  const logger = createLogger('debug', { secrets: [TOKEN, 'webhook-secret-1'], destination: { write: (line: string) => lines.push(line) } });
  write(logger);
  return lines.join('');
}

describe('the logger', () => {
  it("logs a grammY update error as its facts: the cause, the update id and the chat id — not the context's token or update", () => {
    const cause = Object.assign(new Error("Call to 'sendMessage' failed! (400: Bad Request: chat not found)"), {
      name: 'GrammyError', error_code: 400, description: 'Bad Request: chat not found', method: 'sendMessage',
      payload: { chat_id: 42, text: '客户电话 13812345678' },
    });
    const botError = Object.assign(new Error('wrapped'), { name: 'BotError', error: cause, ctx: { api: { token: TOKEN }, me: {}, update: { update_id: 77, message: { text: 'li.lei@example.com 说太贵' } }, chat: { id: 42 } } });
    const line = JSON.parse(logged((logger) => logger.error({ err: botError }, 'Telegram update failed')));
    expect(line.err).toEqual({ type: 'BotError(GrammyError)', message: "Call to 'sendMessage' failed! (400: Bad Request: chat not found)", error_code: 400, method: 'sendMessage', description: 'Bad Request: chat not found', updateId: 77, chatId: 42 });
    const text = JSON.stringify(line);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/13812345678|li\.lei|说太贵/);
  });

  it('logs a body-parser error by its type, never the body it carries', () => {
    const err = Object.assign(new SyntaxError('Unexpected token } in JSON: {"text":"call 13812345678"'), { type: 'entity.parse.failed', status: 400, body: '{"text":"call 13812345678"' });
    const text = logged((logger) => logger.info({ err }, 'HTTP request refused'));
    expect(JSON.parse(text).err).toEqual({ type: 'SyntaxError', message: 'entity.parse.failed', status: 400 });
  });

  it('redacts what an error message quotes, and shortens it', () => {
    const err = new Error(`could not send to li.lei@example.com: ${'x'.repeat(2000)}`);
    const { err: out } = JSON.parse(logged((logger) => logger.error({ err })));
    expect(out.message).toContain('[email]');
    expect(out.message).not.toContain('li.lei@example.com');
    expect(out.message.length).toBeLessThan(400);
  });

  it('blanks keys that hold raw requests, updates, contexts or credentials, wherever they are', () => {
    const text = logged((logger) => logger.info({ ctx: { token: TOKEN }, update: { text: 'x' }, body: 'raw', headers: { authorization: 'Bearer abc.def' }, nested: { payload: 'p', token: 't' } }, 'something'));
    const line = JSON.parse(text);
    expect(line).toMatchObject({ ctx: '[redacted]', update: '[redacted]', body: '[redacted]', headers: '[redacted]', nested: { payload: '[redacted]', token: '[redacted]' } });
  });

  it('cuts the configured secrets out of any line, whatever logged them', () => {
    const text = logged((logger) => logger.warn(`calling https://api.telegram.org/bot${TOKEN}/getMe with webhook-secret-1`));
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('webhook-secret-1');
    expect(text).toContain('/bot[secret]/getMe');
  });

  it('logs a thrown non-error value as its type and text', () => {
    expect(JSON.parse(logged((logger) => logger.error({ err: 'plain string' }))).err).toEqual({ type: 'string', message: 'plain string' });
  });
});
