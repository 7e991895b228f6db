import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

/** Runs `npm start` (no channel configured → console chat) with `input` piped to it. */
function start(input: string, env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId']) delete clean[name];
  return spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input, encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
}

describe('npm start with no channel configured: the console', () => {
  it('answers each piped line in its own language, then exits at the end of input', () => {
    const result = start('等着看吧，下次再说\nhe never talks price\n');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/成交时间不定 · 把握 \d+%/);
    expect(out).toMatch(/依据：“下次再说”/);
    expect(out).toMatch(/技巧：从使用场景入手/);
    expect(out).toMatch(/Deal size \(money and the decision\) · \d+% sure/);
    expect(out).toMatch(/Why: "never talks price"/);
    expect(out).not.toMatch(/\x1b\[/); // piped: no colour codes
  });

  it('says clearly when a line is empty or binary, and keeps going', () => {
    const result = start('\n\u0001\u0002\u0003\n好的，合同发我\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Type what the customer said/);
    expect(result.stdout).toMatch(/That does not look like text/);
    expect(result.stdout).toMatch(/不是异议/);
  });

  it('refuses a channel this version cannot run yet, naming the variable', () => {
    const result = start('', { TELEGRAM_BOT_TOKEN: '123:abc' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/TELEGRAM_BOT_TOKEN is set/);
  });
});
