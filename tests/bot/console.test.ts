import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.ts';

const CHANNEL_VARIABLES = ['TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId'];

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', ...extra };
  for (const name of CHANNEL_VARIABLES) if (!(name in extra)) delete env[name];
  return env;
}

/** Runs `npm start` (no channel configured → the console chat) with `lines` piped to it. */
function start(lines: string[], env: Record<string, string> = {}) {
  return spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', env: cleanEnv(env), timeout: 60_000 });
}

/** Runs `objection-coach chat` with `lines` piped to it. */
function chat(lines: string[]) {
  return spawnSync(process.execPath, [BIN, 'chat'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
}

describe('the console chat, spawned with piped stdin', () => {
  it('walks a timing objection in Chinese by button numbers, then exits at the end of input', () => {
    const result = start(['等着看吧，下次再说', '1', '1', '他想周末打发时间，不想玩游戏', '2', '1', '周六上午十点', '1', '1', '1']);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/成交时间不定 · 把握 \d+%/);
    expect(out).toMatch(/\[1\] 开始辅导 ▶/);
    expect(out).toMatch(/第3步 · 判断需求类型/);
    expect(out).toMatch(/第4步 · 按他的用法重讲[\s\S]*他想周末打发时间，不想玩游戏/);
    expect(out).toMatch(/· 约一次体验：周六上午十点/);
    expect(out).toMatch(/已记录：约成了/);
    expect(out).not.toMatch(/\x1b\[/); // piped: no colour codes
  });

  it('walks a trust objection in English by button labels, warning on a risky promise', () => {
    const result = chat([
      "I can't get a meeting with the boss",
      'Start coaching',
      "Can't reach the boss",
      'next',
      'principal guaranteed, no risk at all',
      'a full refund of our fee if it does not work out',
      'Thursday 3pm, your office',
      'Next',
      'Next',
      'Still open',
    ]);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/Step 1 · Spot the trust gap/);
    expect(out).toMatch(/Careful: .* may not promise principal or returns/);
    expect(out).toMatch(/Step 5 · Send the commitment[\s\S]*a full refund of our fee if it does not work out[\s\S]*Thursday 3pm, your office/);
    expect(out).toMatch(/Logged: still open/);
  });

  it('walks a deal-size objection and computes the margin examples of the source document', () => {
    const result = start(['客户说要跟老婆商量', '1', '2', '1', '颜色太暗', '跳过', '1', '1', '3', '/margin 200 40%', '/margin 1:1']);
    const out = result.stdout;
    expect(out).toMatch(/成交金额不定/);
    expect(out).toMatch(/“颜色太暗”/);
    expect(out).toMatch(/已记录：丢单了/);
    expect(out).toMatch(/200 ÷ 40% = 500/);
    expect(out).toMatch(/1\/\(1\+1\) = 50%/);
  });

  it('answers empty and binary lines clearly and keeps going', () => {
    const result = start(['', '\u0001\u0002\u0003', '好的，合同发我']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Type what the customer said/);
    expect(result.stdout).toMatch(/That doesn't look like text/);
    expect(result.stdout).toMatch(/这不像异议/);
  });

  it('refuses a channel this version cannot run yet, naming the variable', () => {
    const result = start([], { TELEGRAM_BOT_TOKEN: '123:abc' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/TELEGRAM_BOT_TOKEN is set/);
  });
});
