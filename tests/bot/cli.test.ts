import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers.ts';

const LABELS = ['timing', 'deal_size', 'trust', 'none'];

describe('objection-coach classify', () => {
  it('classifies one quote given as an argument and prints the JSON contract', () => {
    const result = runCli(['classify', '等着看吧，下次再说']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.label).toBe('timing');
    expect(Object.keys(answer.scores).sort()).toEqual([...LABELS].sort());
    expect(answer.confidence).toBe(answer.scores.timing);
    expect(answer.matched).toContain('下次再说');
  });

  it('reads the quote from stdin when no text is given', () => {
    const result = runCli(['classify'], { input: 'he never talks price\n' });
    expect(JSON.parse(result.stdout).label).toBe('deal_size');
  });

  it('refuses empty, huge and binary input with a clear message', () => {
    expect(runCli(['classify', '   ']).stderr).toMatch(/empty/);
    const huge = runCli(['classify'], { input: 'too expensive '.repeat(400) });
    expect(huge.status).toBe(1);
    expect(huge.stderr).toMatch(/longer than 4096/);
    const binary = runCli(['classify'], { input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]) });
    expect(binary.status).toBe(1);
    expect(binary.stderr).toMatch(/binary/);
  });

  it('--jsonl answers every line in order, with an error for the bad ones', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'let me compare other quotes' }),
      'this is not json',
      JSON.stringify({ id: 'c', text: '' }),
      JSON.stringify({ id: 'd', text: 'x'.repeat(5000) }),
      JSON.stringify({ id: 'e', text: 'ok\u0000\u0001' }),
      JSON.stringify({ id: 'f' }),
      JSON.stringify({ id: 7, text: "I can't get a meeting with the boss" }),
      JSON.stringify({ id: 'h', text: '好的，合同发我' }),
    ].join('\n');
    const result = runCli(['classify', '--jsonl'], { input });
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((r) => r.id)).toEqual(['a', null, 'c', 'd', 'e', 'f', 7, 'h']);
    expect(rows[0].label).toBe('timing');
    expect(rows[1].error).toMatch(/line 2: not valid JSON/);
    expect(rows[2].error).toMatch(/empty/);
    expect(rows[3].error).toMatch(/longer than 4096/);
    expect(rows[4].error).toMatch(/binary/);
    expect(rows[5].error).toMatch(/"text" must be a string/);
    expect(rows[6].label).toBe('trust');
    expect(rows[7].label).toBe('none');
    expect(result.stderr).toMatch(/5 line\(s\) could not be classified/);
  });
});

describe('objection-coach eval', () => {
  const file = join(tmpdir(), `eval-${process.pid}.jsonl`);
  writeFileSync(
    file,
    [
      { text: '下次再说吧', label: 'timing', lang: 'zh' },
      { text: '太贵了', label: 'deal_size', lang: 'zh' },
      { text: 'we never get to meet the owner', label: 'trust', lang: 'en' },
      { text: 'ok send me the contract', label: 'none', lang: 'en' },
      { text: 'let me think it over', label: 'deal_size', lang: 'en' },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n'),
  );

  it('prints precision, recall, F1, macro-F1 and the confusion matrix, per language too', () => {
    const result = runCli(['eval', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/5 lines, accuracy 0\.800/);
    expect(result.stdout).toMatch(/confusion \(rows: gold, columns: predicted\)/);
    expect(result.stdout).toMatch(/\[zh\] — 2 lines/);
    expect(result.stdout).toMatch(/\[en\] — 3 lines/);
  });

  it('--json gives the same figures for machines', () => {
    const report = JSON.parse(runCli(['eval', file, '--json']).stdout);
    expect(report.overall.count).toBe(5);
    expect(report.overall.accuracy).toBeCloseTo(0.8);
    expect(report.overall.confusion.deal_size.deal_size).toBe(1);
    expect(report.overall.confusion.deal_size.timing).toBe(1);
    expect(report.overall.perClass.timing.precision).toBeCloseTo(0.5);
    expect(report.byLanguage.zh.count).toBe(2);
  });

  it('names the bad line of a broken evaluation file', () => {
    const bad = join(tmpdir(), `eval-bad-${process.pid}.jsonl`);
    writeFileSync(bad, `${JSON.stringify({ text: 'hi', label: 'none' })}\n${JSON.stringify({ text: 'hi', label: 'price' })}\n`);
    const result = runCli(['eval', bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/:2: "label" must be one of timing, deal_size, trust, none/);
  });
});

describe('the command line itself', () => {
  it('prints usage for an unknown command and exits 2', () => {
    const result = runCli(['clasify', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command "clasify"/);
    expect(result.stderr).toMatch(/usage:/);
  });
});

describe('help, exit codes and progress', () => {
  const COMMANDS = ['classify', 'eval', 'cv', 'chat'];

  it.each(COMMANDS)('%s --help prints that command’s usage and the exit codes, and does nothing else', (command) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-help-'));
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const result = runCli(args, { input: 'too expensive\n', env: { DATA_DIR: dataDir } });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage: objection-coach ${command}\\b`));
      expect(result.stdout).toMatch(/exit codes: 0 done, 1 failed .*, 2 usage or configuration error/);
      expect(result.stdout).not.toMatch(/^\{"label"|I'm the objection coach/m);
    }
    expect(readdirSync(dataDir)).toEqual([]); // chat --help opened no database
  });

  it('an unknown option exits 2 with that command’s usage', () => {
    const result = runCli(['cv', '--fold', '3']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--fold'/);
    expect(result.stderr).toMatch(/usage: objection-coach cv/);
  });

  it('draws no progress when stderr is not a terminal', () => {
    const result = runCli(['cv', '--folds', '2', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).overall.count).toBeGreaterThan(0);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('draws a progress bar for cv and eval on a terminal', () => {
    // `script` gives the command a pseudo-terminal; stdout goes to a file, so what the terminal shows is stderr.
    const dir = mkdtempSync(join(tmpdir(), 'cli-tty-'));
    const data = join(dir, 'eval.jsonl');
    writeFileSync(data, `${JSON.stringify({ text: 'too expensive', label: 'deal_size' })}\n${JSON.stringify({ text: '下次再说', label: 'timing' })}\n`);
    const onTerminal = (args: string) => spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" ${args} > "${join(dir, 'out')}"`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const cv = onTerminal('cv --folds 2');
    expect(cv.status).toBe(0);
    expect(cv.stdout).toMatch(/2-fold cross-validation \[[█░]+\] 1\/2/);
    expect(cv.stdout).toMatch(/2-fold cross-validation \[█+\] 2\/2/);
    const evaluation = onTerminal(`eval "${data}"`);
    expect(evaluation.status).toBe(0);
    expect(evaluation.stdout).toMatch(/eval \[█+\] 2\/2/);
    // Two trainings on the whole playbook and an eval: a minute or more on a loaded machine.
  }, 240_000);
});
