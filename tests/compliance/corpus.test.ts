/**
 * The compliance guard against corpora of real-sounding sales messages: `corpus.jsonl` (written
 * with the rules) must reach recall and precision of at least 0.95, overall and per language.
 * Any other `*.jsonl` here (e.g. a set written by someone who only read RULES.md) is measured
 * and its figures printed (not its lines, so it stays held out); it is held to its own floor —
 * what the guard last reached on it minus a small margin — or 0.8 for a new set.
 *
 * A line: {"text": …, "expect": "violation" | "compliant", "lang": "zh" | "en", "domain": …}.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComplianceRules } from '../../data/compliance.ts';
import { checkCompliance } from '../../dialogs/compliance.ts';

interface Example {
  text: string;
  expect: 'violation' | 'compliant';
  lang: 'zh' | 'en';
  domain: string;
}

interface Figures {
  violations: number;
  compliant: number;
  recall: number;
  precision: number;
  misses: string[];
  falseAlarms: string[];
}

const HERE = import.meta.dirname;
const rules = loadComplianceRules();

function read(file: string): Example[] {
  return readFileSync(join(HERE, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const example = JSON.parse(line) as Example;
      if (!['violation', 'compliant'].includes(example.expect) || !['zh', 'en'].includes(example.lang) || !example.text) {
        throw new Error(`${file}:${index + 1}: needs text, expect (violation|compliant) and lang (zh|en)`);
      }
      return example;
    });
}

function measure(examples: Example[]): Figures {
  let tp = 0;
  let fp = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const example of examples) {
    const findings = checkCompliance(rules, example.text);
    if (example.expect === 'violation') {
      if (findings.length > 0) tp++;
      else misses.push(example.text);
    } else if (findings.length > 0) {
      fp++;
      falseAlarms.push(`${example.text}  ← ${findings.map((f) => `${f.ruleId}: "${f.matched}"`).join(', ')}`);
    }
  }
  const violations = examples.filter((e) => e.expect === 'violation').length;
  return {
    violations,
    compliant: examples.length - violations,
    recall: violations ? tp / violations : 1,
    precision: tp + fp ? tp / (tp + fp) : 1,
    misses,
    falseAlarms,
  };
}

/**
 * Prints a file's figures; the individual misses and false alarms only for the development
 * corpus, so that a set held out from the rule writers stays held out (its figures only).
 */
function report(file: string, scope: string, f: Figures): void {
  const details = file === 'corpus.jsonl';
  console.log(
    `${file} [${scope}] ${f.violations} violations, ${f.compliant} compliant: recall ${f.recall.toFixed(3)}, precision ${f.precision.toFixed(3)}` +
      (details ? f.misses.map((m) => `\n  missed: ${m}`).join('') + f.falseAlarms.map((m) => `\n  false alarm: ${m}`).join('') : ''),
  );
}

function measureAll(file: string): Record<'all' | 'zh' | 'en', Figures> {
  const examples = read(file);
  const figures = {
    all: measure(examples),
    zh: measure(examples.filter((e) => e.lang === 'zh')),
    en: measure(examples.filter((e) => e.lang === 'en')),
  };
  for (const scope of ['all', 'zh', 'en'] as const) report(file, scope, figures[scope]);
  return figures;
}

describe('the compliance corpus written with the rules', () => {
  const examples = read('corpus.jsonl');

  it('has at least 150 violations and 100 compliant near-misses, in both languages', () => {
    const count = (expect: Example['expect'], lang: Example['lang']) => examples.filter((e) => e.expect === expect && e.lang === lang).length;
    expect(count('violation', 'zh') + count('violation', 'en')).toBeGreaterThanOrEqual(150);
    expect(count('compliant', 'zh') + count('compliant', 'en')).toBeGreaterThanOrEqual(100);
    for (const lang of ['zh', 'en'] as const) {
      expect(count('violation', lang)).toBeGreaterThanOrEqual(60);
      expect(count('compliant', lang)).toBeGreaterThanOrEqual(40);
    }
    expect(new Set(examples.map((e) => e.text)).size).toBe(examples.length);
  });

  it('finds at least 95% of the violations and is right at least 95% of the time it flags, overall and per language', () => {
    const figures = measureAll('corpus.jsonl');
    for (const scope of ['all', 'zh', 'en'] as const) {
      expect(figures[scope].recall, `${scope} recall`).toBeGreaterThanOrEqual(0.95);
      expect(figures[scope].precision, `${scope} precision`).toBeGreaterThanOrEqual(0.95);
    }
  });
});

/** Floors of the held-out sets: reached 0.923 recall and 1.000 precision on independent.jsonl. */
const FLOORS: Record<string, { recall: number; precision: number }> = {
  'independent.jsonl': { recall: 0.9, precision: 0.97 },
};
const NEW_SET = { recall: 0.8, precision: 0.8 };

const others = readdirSync(HERE).filter((f) => f.endsWith('.jsonl') && f !== 'corpus.jsonl');
describe.runIf(others.length > 0)('other compliance sets (figures printed)', () => {
  it.each(others)('%s: recall and precision at least its floor', (file) => {
    const figures = measureAll(file);
    const floor = FLOORS[file] ?? NEW_SET;
    expect(figures.all.recall, 'recall').toBeGreaterThanOrEqual(floor.recall);
    expect(figures.all.precision, 'precision').toBeGreaterThanOrEqual(floor.precision);
  });
});
