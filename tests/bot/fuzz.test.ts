/**
 * A seeded fuzz of hostile bodies at both chat doors of the real server process (hostile.ts,
 * fuzz-run.ts): no body gets a 5xx or goes unanswered, the server still answers /healthz, and
 * its log — which saw every body, personal data included — holds neither the bot token, the
 * webhook secret, the personal data, nor a rep's words. The full-size run (≥ 10,000 per
 * channel, with the event-loop stall and memory) is `npm run bench` (bench/fuzz.ts).
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_SECRET, FUZZ_TOKEN, fuzzChannel, leaks } from './fuzz-run.ts';
import { PII } from './hostile.ts';

const COUNT = 500;
const SEED = 20_251_129;

describe.each(['telegram', 'teams'] as const)('%s door under a seeded fuzz', (channel) => {
  it(`answers ${COUNT} hostile bodies without a single 5xx, and logs none of their content`, async () => {
    const report = await fuzzChannel(channel, { seed: SEED, count: COUNT });
    expect(report.failures).toEqual([]);
    expect(Object.values(report.byStatus).reduce((a, b) => a + b, 0)).toBe(COUNT);
    // Some bodies were well-formed and answered, some refused: the fuzz reached both sides.
    expect(report.byStatus['200']).toBeGreaterThan(COUNT / 10);
    expect(report.byStatus['400']).toBeGreaterThan(COUNT / 10);
    expect(report.output).toMatch(/"msg":"event loop delay"/);
    expect(leaks(report.output, [FUZZ_TOKEN, FUZZ_SECRET, ...PII, '老婆不同意', 'let me compare other quotes'])).toEqual([]);
  }, 180_000);
});
