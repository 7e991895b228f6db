// The other side of the channel benches, in a worker thread so the server under test keeps its
// core: (1) the upstream the bot replies to — a Telegram Bot API or a Teams Bot Connector that
// answers at once; (2) the load generator, posting `total` Telegram updates or Teams activities,
// `concurrency` at a time, and reporting each one's latency.
import { Agent, createServer, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const kind = workerData.kind; // 'telegram' | 'teams'
let messageId = 1;
const upstream = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (kind === 'teams') return res.end(JSON.stringify({ id: `reply-${messageId++}` }));
    const method = req.url.split('/').pop();
    const result =
      method === 'getMe'
        ? { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
        : method === 'sendMessage'
          ? { message_id: messageId++, date: 0, chat: { id: JSON.parse(body || '{}').chat_id, type: 'private' }, text: '' }
          : true;
    res.end(JSON.stringify({ ok: true, result }));
  });
});
await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
parentPort.postMessage({ upstreamUrl });

/** The n-th request body: a Telegram update or a Teams message activity from one of 400 users. */
function body(n, quotes, firstId) {
  const id = firstId + n;
  const user = 1000 + (n % 400);
  const text = quotes[n % quotes.length];
  if (kind === 'teams') {
    return {
      type: 'message', id: String(id), channelId: 'msteams', serviceUrl: `${upstreamUrl}/`, locale: 'en-US', text,
      from: { id: `29:user-${user}`, name: `Rep ${user}` }, recipient: { id: '28:bench-bot', name: 'Bench' },
      conversation: { id: `a:1on1-${user}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    };
  }
  return { update_id: id, message: { message_id: id, date: 0, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'B', language_code: 'en' }, text } };
}

/** POSTs JSON with node:http on keep-alive sockets (lighter than fetch); resolves with the status. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
function post(url, headers, json) {
  const payload = Buffer.from(JSON.stringify(json));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

parentPort.once('message', async ({ url, headers, total, concurrency, quotes, firstId }) => {
  let next = 0;
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const t0 = performance.now();
        const status = await post(url, headers, body(n, quotes, firstId));
        if (status !== 200) throw new Error(`the server answered ${status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies });
  agent.destroy();
  upstream.close();
});
