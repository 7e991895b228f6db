/**
 * The baseline for `npm run bench`'s start-up figures: a bare grammY bot (one text handler) with
 * a /healthz, started the same way as the project (`node FILE`). It prints the ready line it is given
 * (READY_TEXT: bench/startup.ts passes the console chat's greeting) once it could answer, and answers /healthz on PORT.
 */
import { createServer } from 'node:http';
import { Bot } from 'grammy';

const bot = new Bot('1:bare', { client: { apiRoot: 'http://127.0.0.1:9' } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
const server = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(`${process.env.READY_TEXT ?? 'ready'}\n`));
// Like bot/main.ts: with no channel configured (TEAMS_DEV unset here) it lives as long as stdin.
if (!process.env.TEAMS_DEV) {
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
process.on('SIGTERM', () => server.close(() => process.exit(0)));
