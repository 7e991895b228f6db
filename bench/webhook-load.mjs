// The other side of the webhook bench, in a worker thread so the server under test keeps its
// core: (1) a Bot API that answers at once (getMe, sendMessage, true for the rest), standing in
// for Telegram's servers; (2) the load generator that posts `total` Telegram updates,
// `concurrency` at a time, and reports each one's latency.
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';

let messageId = 1;
const api = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const method = req.url.split('/').pop();
    const result =
      method === 'getMe'
        ? { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
        : method === 'sendMessage'
          ? { message_id: messageId++, date: 0, chat: { id: JSON.parse(body || '{}').chat_id, type: 'private' }, text: '' }
          : true;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, result }));
  });
});
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
parentPort.postMessage({ apiPort: api.address().port });

parentPort.once('message', async ({ url, secret, total, concurrency, quotes, firstUpdateId }) => {
  let next = 0;
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const id = firstUpdateId + n;
        const chat = 1000 + (n % 400);
        const t0 = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'B', language_code: 'en' }, text: quotes[n % quotes.length] } }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies });
  api.close();
});
