import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../helpers.ts';

const freshDataDir = () => mkdtempSync(join(tmpdir(), 'coach-console-'));

const CHANNEL_VARIABLES = ['TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId'];

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', DATA_DIR: freshDataDir(), ...extra };
  delete env.DATABASE_URL;
  for (const name of CHANNEL_VARIABLES) if (!(name in extra)) delete env[name];
  return env;
}

/** Runs `npm start` (no channel configured → the console chat) with `lines` piped to it. */
function start(lines: string[], env: Record<string, string> = {}) {
  return spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', env: cleanEnv(env), timeout: 60_000 });
}

/** Runs `objection-coach chat` with `lines` piped to it. */
function chat(lines: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, 'chat'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', env: cleanEnv(env), timeout: 60_000 });
}

describe('the console chat, spawned with piped stdin', () => {
  it('walks a timing objection in Chinese by button numbers, then exits at the end of input', () => {
    // The first walk asks what the rep sells: the last industry button (general), then no product name.
    // The time is confirmed (1: 对); after the walk, 1: 已发送, 1: 现在记结果, 1: 约成了.
    const result = start(['等着看吧，下次再说', '1', '11', '1', '1', '他想周末打发时间，不想玩游戏', '2', '1', '周六上午十点', '1', '1', '1', '1', '1']);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/成交时间不定 · 把握 \d+%/);
    expect(out).toMatch(/\[1\] 开始辅导 ▶/);
    expect(out).toMatch(/第3步 · 判断需求类型/);
    expect(out).toMatch(/先说说你卖什么/);
    expect(out).toMatch(/第4步 · 按他的用法重讲[\s\S]*📨 可以直接发给客户/);
    expect(out).toMatch(/· 问清使用场景：他想周末打发时间，不想玩游戏/); // the rep's note: in the summary only
    expect(out).toMatch(/· 约一次体验：周六上午十点/);
    expect(out).toMatch(/先不急着定，咱们先体验一次：周六上午十点/);
    expect(out).toMatch(/📅 我理解的时间是：\d+月\d+日周六 10:00。对吗？/);
    expect(out).toMatch(/已记录 “等着看吧，下次再说”：约成了/);
    expect(out).not.toMatch(/\x1b\[/); // piped: no colour codes
  });

  it('walks a trust objection in English by button labels, holding back a non-compliant promise', () => {
    const result = chat([
      "I can't get a meeting with the boss",
      'Start coaching',
      'Other (general)',
      'No name',
      "Can't reach the boss",
      'next',
      'Write my own',
      'principal guaranteed, no risk at all',
      'a full refund of our fee if it does not work out',
      '30 minutes at your place',
      'Thursday 3pm',
      'Right',
      'Next',
      'Next',
      'Next',
      'Sent',
      'Log outcome now',
      'Still open',
    ]);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/Step 1 · Spot the trust gap/);
    expect(out).toMatch(/⚠️ Compliance: [\s\S]*Say instead:/);
    expect(out).toMatch(/Step 8 · Send the commitment[\s\S]*a full refund of our fee if it does not work out/);
    expect(out).toMatch(/Step 7 · Answer the symptom[\s\S]*Thursday 3pm/);
    expect(out).toMatch(/I understood: \w{3} \d+ \w{3}, 15:00\. Right\?/);
    expect(out).toMatch(/Logged for .+: still open/);
  });

  it('walks a deal-size objection and computes the margin examples of the source document', () => {
    const result = start(['客户说要跟老婆商量', '1', '其他行业（通用）', '不写名字', '1', '1', '1', '颜色太暗', '跳过', '1', '1', '1', '1', '3', '/margin 200 40%', '/margin 1:1']);
    const out = result.stdout;
    expect(out).toMatch(/成交金额不定/);
    expect(out).toMatch(/第2步 · 按习惯应对/);
    expect(out).toMatch(/您提到颜色太暗。/);
    expect(out).toMatch(/已记录 .+：丢单了。这一单已结束/);
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

  it('persists the walk: quit mid-walk, start again, and it resumes where it was', () => {
    const DATA_DIR = freshDataDir();
    const first = chat(['he never talks price', 'Start coaching', 'Other (general)', 'No name', 'Avoids price', 'Next', 'Next'], { DATA_DIR });
    expect(first.stdout).toMatch(/Step 4 · Note their objection/);
    const second = chat(['the tiles feel cheap', 'Skip'], { DATA_DIR });
    expect(second.stdout).toMatch(/Welcome back — here is where we left off:[\s\S]*Step 4 · Note their objection/);
    expect(second.stdout).not.toMatch(/what do you sell/); // the profile is kept with the rep
    expect(second.stdout).toMatch(/Step 6 · Follow, push, reverse[\s\S]*I hear you: the tiles feel cheap\./);
  });

  it('keeps customer phone numbers and e-mails out of the database and the logs', () => {
    const DATA_DIR = freshDataDir();
    const result = chat(['客户张总 13912345678，邮箱 zhang@example.com，说太贵了', '1'], { DATA_DIR, LOG_LEVEL: 'debug' });
    expect(result.stderr).toContain('[phone]'); // debug logging really ran
    expect(result.stderr).not.toMatch(/13912345678|zhang@example\.com/);
    // The bot's own answers (not the echo of what the rep typed) carry only placeholders.
    const answers = result.stdout.split('\n').filter((line) => !line.startsWith('> ')).join('\n');
    expect(answers).not.toMatch(/13912345678|zhang@example\.com/);
    const db = new Database(join(DATA_DIR, 'objection-coach.db'), { readOnly: true });
    const dump = JSON.stringify(db.prepare('select * from audit').all()) + JSON.stringify(db.prepare('select * from sessions').all());
    db.close();
    expect(dump).toContain('[email]');
    expect(dump).not.toMatch(/13912345678|zhang@example\.com/);
  });

  it('loses no acknowledged message when the process is killed (SIGKILL)', async () => {
    const DATA_DIR = freshDataDir();
    const child = spawn(process.execPath, [BIN, 'chat'], { cwd: ROOT, env: cleanEnv({ DATA_DIR }), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (pattern.test(out)) {
            clearInterval(timer);
            resolve();
          }
        }, 20);
        child.on('exit', () => {
          clearInterval(timer);
          if (!pattern.test(out)) reject(new Error(`exited before ${pattern}: ${out}`));
        });
      });
    await waitFor(/Ctrl\+D|Paste what the customer said/);
    const messages = ['let me compare other quotes', '1', 'he never talks price', '客户说要跟老婆商量'];
    for (const [i, message] of messages.entries()) {
      child.stdin.write(`${message}\n`);
      // The reply on stdout is the acknowledgement.
      await waitFor(new RegExp(`(> .*\\n[\\s\\S]*){${i + 1}}\\[1\\]`));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const db = new Database(join(DATA_DIR, 'objection-coach.db'), { readOnly: true });
    const recorded = db.prepare("select kind, text, detail from audit where kind in ('message','button') order by id").all() as { kind: string; text: string | null; detail: string | null }[];
    db.close();
    expect(recorded.map((r) => r.text ?? r.detail)).toEqual(['let me compare other quotes', '1', 'he never talks price', '客户说要跟老婆商量']);
  });
});
