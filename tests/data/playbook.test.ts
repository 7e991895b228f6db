import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABELS, loadPlaybook, PlaybookError } from '../../data/playbook.ts';
import { lineOf, playbookCopy, runCli, thrownBy } from '../helpers.ts';

function loadError(dir: string): PlaybookError {
  return thrownBy(PlaybookError, () => loadPlaybook(dir), 'the playbook loaded');
}

describe('the shipped playbook', () => {
  const playbook = loadPlaybook();

  it('has names, descriptions and techniques for the three objections in both languages', () => {
    for (const label of ['timing', 'deal_size', 'trust'] as const) {
      const info = playbook.labels[label];
      expect(info.name.zh).toMatch(/\p{Script=Han}/u);
      expect(info.name.en).toMatch(/[a-z]/i);
      expect(info.technique?.zh).toBeTruthy();
      expect(info.technique?.en).toBeTruthy();
    }
  });

  it('has at least 150 training utterances per label, half in each language', () => {
    for (const label of LABELS) {
      const zh = playbook.utterances.filter((u) => u.label === label && u.lang === 'zh').length;
      const en = playbook.utterances.filter((u) => u.label === label && u.lang === 'en').length;
      expect(zh + en).toBeGreaterThanOrEqual(150);
      expect(zh).toBeGreaterThanOrEqual(75);
      expect(en).toBeGreaterThanOrEqual(75);
    }
  });

  it('records where each utterance came from', () => {
    expect(playbook.utterances[0]!.source).toMatch(/utterances\/(en|zh)\.yaml:\d+$/);
  });
});

describe('playbook validation', () => {
  it('names the file and line of a YAML syntax error', () => {
    let broken = 0;
    const dir = playbookCopy({
      'playbook.yaml': (text) => {
        broken = lineOf(text, '下次再说: 3');
        return text.replace('      下次再说: 3', '      下次再说: [3');
      },
    });
    const error = loadError(dir);
    expect(error.file).toMatch(/playbook\.yaml$/);
    expect(error.line).toBeGreaterThanOrEqual(broken);
    expect(error.line).toBeLessThanOrEqual(broken + 1);
  });

  it('names the line and path of a value of the wrong type', () => {
    let line = 0;
    const dir = playbookCopy({
      'playbook.yaml': (text) => {
        line = lineOf(text, '再说吧: 2');
        return text.replace('再说吧: 2', '再说吧: high');
      },
    });
    const error = loadError(dir);
    expect(error.line).toBe(line);
    expect(error.path).toBe('keywords.timing.zh.再说吧');
    expect(error.message).toContain(`playbook.yaml:${line}:`);
    expect(error.problem).toMatch(/number/);
  });

  it('refuses a weight out of range', () => {
    const dir = playbookCopy({ 'playbook.yaml': (text) => text.replace('再说吧: 2', '再说吧: -1') });
    expect(loadError(dir).problem).toMatch(/greater than 0/);
  });

  it('takes the team\'s default profile (industry, product), and refuses one that is not a pack id', () => {
    const team = playbookCopy({ 'playbook.yaml': (text) => text.replace('# team: { industry: b2b_software, product: CloudLedger }', 'team: { industry: b2b_software, product: CloudLedger }') });
    expect(loadPlaybook(team).team).toEqual({ industry: 'b2b_software', product: 'CloudLedger' });
    expect(loadPlaybook().team).toBeUndefined();
    const bad = playbookCopy({ 'playbook.yaml': (text) => text.replace('# team: { industry: b2b_software, product: CloudLedger }', 'team: { industry: B2B Software }') });
    expect(loadError(bad)).toMatchObject({ path: 'team.industry', problem: expect.stringMatching(/industry pack id/) });
  });

  it('refuses a missing objection type', () => {
    const dir = playbookCopy({ 'playbook.yaml': (text) => text.replace(/^  trust:\n    name:.*\n/m, '  trusts:\n    name: { zh: x, en: x }\n') });
    const error = loadError(dir);
    expect(error.path).toMatch(/^labels/);
  });

  it('refuses the same utterance under two labels and says where both are', () => {
    let copyLine = 0;
    const dir = playbookCopy({
      'utterances/en.yaml': (text) => {
        const withCopy = text.replace(/^none:\n/m, 'none:\n  - Let me compare other quotes\n');
        copyLine = lineOf(withCopy, 'none:') + 1;
        return withCopy;
      },
    });
    const error = loadError(dir);
    expect(error.file).toMatch(/en\.yaml$/);
    expect(error.line).toBe(copyLine);
    expect(error.problem).toMatch(/also listed under timing \(.*en\.yaml:\d+\)/);
  });

  it('refuses an utterance file that is not named after a language', () => {
    const dir = playbookCopy({});
    writeFileSync(`${dir}/utterances/fr.yaml`, 'timing: [plus tard]\n');
    expect(loadError(dir).problem).toMatch(/language/);
  });

  it('refuses a set file whose suffix is not a language', () => {
    const dir = playbookCopy({});
    writeFileSync(`${dir}/utterances/rep-fr.yaml`, 'timing: [plus tard]\n');
    expect(loadError(dir).problem).toMatch(/language/);
  });

  it('reads a named set file (rep-en.yaml) as the language after the dash', () => {
    const dir = playbookCopy({});
    writeFileSync(`${dir}/utterances/extra-en.yaml`, 'timing: [ask me again once the harvest is in]\ndeal_size: [x1]\ntrust: [x2]\nnone: [x3]\n');
    const added = loadPlaybook(dir).utterances.find((u) => u.text === 'ask me again once the harvest is in');
    expect(added?.lang).toBe('en');
    expect(added?.label).toBe('timing');
    expect(added?.source).toMatch(/extra-en\.yaml:1$/);
  });

  it('makes the command refuse to start, with exit code 2 and the location', () => {
    const dir = playbookCopy({ 'playbook.yaml': (text) => text.replace('再说吧: 2', '再说吧: high') });
    const result = runCli(['classify', 'next time'], { env: { PLAYBOOK_DIR: dir } });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/playbook is invalid/);
    expect(result.stderr).toMatch(/playbook\.yaml:\d+:\d+: keywords\.timing\.zh\.再说吧/);
  });
});

describe('walk validation', () => {
  it('refuses a "next" that points at no step, naming its line', () => {
    let line = 0;
    const dir = playbookCopy({
      'walks.yaml': (text) => {
        line = lineOf(text, 'next: trial_time');
        return text.replace('next: trial_time', 'next: trial_tme');
      },
    });
    const error = loadError(dir);
    expect(error.file).toMatch(/walks\.yaml$/);
    expect(error.line).toBe(line);
    expect(error.problem).toBe('no step "trial_tme" in this walk');
  });

  it('refuses a placeholder that names no step asking the rep', () => {
    const dir = playbookCopy({ 'walks.yaml': (text) => text.replace('  - id: dont_repeat\n', '  - id: dont_repeat\n    compose: {zh: "您说{{opinoin}}", en: "You said {{opinoin}}"}\n') });
    const error = loadError(dir);
    expect(error.path).toMatch(/^timing\.0\.compose\.(zh|en)$/);
    expect(error.problem).toMatch(/\{\{opinoin\}\} is not a step that asks/);
  });

  it('refuses a placeholder in advice that names no step asking the rep', () => {
    const dir = playbookCopy({ 'walks.yaml': (text) => text.replace('Wait for them to voice an opinion.', 'Wait for {{opinoin}}.') });
    const error = loadError(dir);
    expect(error.path).toMatch(/^deal_size\.\d+\.say\.en$/);
    expect(error.problem).toMatch(/\{\{opinoin\}\} is not a step that asks/);
  });

  it('refuses a message, a pack block or a slot the engine does not know, and a slot on a step that does not ask', () => {
    expect(loadError(playbookCopy({ 'walks.yaml': (text) => text.replace('message: three_moves', 'message: three_move') })).path).toMatch(/^deal_size\.\d+\.message$/);
    expect(loadError(playbookCopy({ 'walks.yaml': (text) => text.replace('show: downsides', 'show: downside') })).path).toMatch(/^deal_size\.\d+\.show$/);
    const slotted = loadError(playbookCopy({ 'walks.yaml': (text) => text.replace('    message: three_moves', '    message: three_moves\n    slot: voice') }));
    expect(slotted.problem).toMatch(/the step must ask/);
  });

  it('refuses an unknown key in a step, so a typo is not silently ignored', () => {
    const dir = playbookCopy({ 'walks.yaml': (text) => text.replace(/^(\s+)ask:/m, '$1aks:') });
    const error = loadError(dir);
    expect(error.file).toMatch(/walks\.yaml$/);
    expect(error.problem).toMatch(/aks/);
  });
});
