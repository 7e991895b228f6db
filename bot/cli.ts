/**
 * The `objection-coach` command line (contract in DESIGN.md):
 *
 *   objection-coach classify [TEXT]       one quote → one JSON object (TEXT or all of stdin)
 *   objection-coach classify --jsonl      {"id","text"} lines on stdin → one JSON line each, in order
 *   objection-coach eval FILE.jsonl       precision / recall / F1, macro-F1, confusion; --json
 *   objection-coach cv [--folds N]        cross-validation on the playbook's training utterances
 *   objection-coach chat                  the console chat
 *   objection-coach moves [FILE]          practice: the move detector's precision / recall
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { LABELS, type Label, type Lang } from '../data/playbook.ts';
import type { Classification } from '../intents/classifier.ts';
import { crossValidate, evaluate, formatPolicy, type EvaluationReport, type LabelledLine } from '../intents/evaluate.ts';
import { checkQuote, INPUT_PROBLEM_TEXT } from '../intents/input.ts';
import { formatMetrics } from '../intents/metrics.ts';
import { movesCommand } from './moves-command.ts';
import { runConsole } from './console.ts';
import { startRuntime } from './runtime.ts';
import { EXIT_CONFIG, startCoach } from './startup.ts';

const USAGE = `usage:
  objection-coach classify [TEXT]          classify one quote (TEXT, or all of stdin), print JSON
  objection-coach classify --jsonl         read {"id","text"} JSON lines on stdin, write one result line each
  objection-coach eval FILE.jsonl [--json] score the classifier on lines with "text" and "label"
  objection-coach cv [--folds N] [--errors] [--json]
                                           cross-validate on the playbook's training utterances;
                                           --errors lists the lines it gets wrong
  objection-coach chat                     chat with the coach in the terminal
  objection-coach moves [FILE] [--json]    practice mode: per-move precision and recall per language
                                           on labelled rep answers (default tests/practice/heldout.jsonl)
`;

/** The JSON shape of one classification on the command line. */
function toJson(id: unknown, result: Classification) {
  const out: Record<string, unknown> = id === undefined ? {} : { id };
  return { ...out, label: result.label, confidence: result.confidence, scores: result.scores, matched: result.matched, unsure: result.unsure };
}

function fail(message: string, code = EXIT_CONFIG): never {
  process.stderr.write(`objection-coach: ${message}\n`);
  process.exit(code);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function classifyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { jsonl: { type: 'boolean' } }, allowPositionals: true });
  const { classifier } = startCoach();
  if (values.jsonl) {
    if (positionals.length) fail('--jsonl reads stdin; give no TEXT');
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    let errors = 0;
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      const answer = classifyJsonLine(line, lineNo, (text) => classifier.classify(text));
      if ('error' in answer) errors++;
      process.stdout.write(`${JSON.stringify(answer)}\n`);
    }
    if (errors) process.stderr.write(`objection-coach: ${errors} line(s) could not be classified (see "error")\n`);
    return;
  }
  const text = positionals.length ? positionals.join(' ') : await readStdin();
  const problem = checkQuote(text);
  if (problem) fail(INPUT_PROBLEM_TEXT[problem], 1);
  process.stdout.write(`${JSON.stringify(toJson(undefined, classifier.classify(text)))}\n`);
}

/** One --jsonl input line → its result, or `{id, error}` saying what is wrong with it. */
function classifyJsonLine(line: string, lineNo: number, classify: (text: string) => Classification): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNo}: not valid JSON` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { id: null, error: `line ${lineNo}: expected a JSON object with "id" and "text"` };
  const { id = null, text } = input as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return { id, error: `line ${lineNo}: "text" must be a string` };
  const problem = checkQuote(text);
  if (problem) return { id, error: `line ${lineNo}: ${INPUT_PROBLEM_TEXT[problem]}` };
  return toJson(id, classify(text));
}

/** Reads a labelled JSONL file, or exits naming the first bad line. */
function readLabelled(file: string): LabelledLine[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const lines: LabelledLine[] = [];
  source.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let row: { text?: unknown; label?: unknown; lang?: unknown };
    try {
      row = JSON.parse(raw);
    } catch {
      fail(`${file}:${i + 1}: not valid JSON`);
    }
    if (typeof row.text !== 'string' || !row.text.trim()) fail(`${file}:${i + 1}: "text" must be a non-empty string`);
    if (!LABELS.includes(row.label as Label)) fail(`${file}:${i + 1}: "label" must be one of ${LABELS.join(', ')}`);
    const lang = row.lang === 'zh' || row.lang === 'en' ? (row.lang as Lang) : undefined;
    lines.push({ text: row.text, label: row.label as Label, lang });
  });
  if (!lines.length) fail(`${file}: no labelled lines`);
  return lines;
}

function printReport(title: string, report: EvaluationReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const parts = [formatMetrics(title, report.overall)];
  for (const [lang, metrics] of Object.entries(report.byLanguage)) parts.push(formatMetrics(`${title} [${lang}]`, metrics));
  const policy = [formatPolicy('confidence policy', report.policy)];
  for (const [lang, rates] of Object.entries(report.policyByLanguage)) policy.push(formatPolicy(`confidence policy [${lang}]`, rates));
  parts.push(`${policy.join('\n')}\naccuracy when sure: ${report.sureAccuracy.toFixed(3)}`);
  process.stdout.write(`${parts.join('\n\n')}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'classify':
      return classifyCommand(rest);
    case 'eval': {
      const { values, positionals } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, allowPositionals: true });
      if (positionals.length !== 1) fail(`eval needs one FILE.jsonl\n${USAGE}`);
      const lines = readLabelled(positionals[0]!);
      const { classifier } = startCoach();
      return printReport(`eval ${positionals[0]}`, evaluate(lines, (text) => classifier.classify(text)), values.json ?? false);
    }
    case 'cv': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, errors: { type: 'boolean' }, folds: { type: 'string', default: '5' } } });
      const folds = Number(values.folds);
      if (!Number.isInteger(folds) || folds < 2) fail('--folds must be a whole number ≥ 2');
      const { playbook } = startCoach();
      const report = crossValidate(playbook, folds);
      printReport(`${folds}-fold cross-validation on ${playbook.utterances.length} training utterances`, values.errors ? report : { ...report, errors: undefined }, values.json ?? false);
      if (values.errors && !values.json) {
        for (const e of report.errors ?? []) process.stdout.write(`${e.source}  ${e.gold} → ${e.predicted} (${e.confidence})  ${e.text}\n`);
      }
      return;
    }
    case 'chat': {
      const runtime = await startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' });
      await runConsole(runtime);
      return runtime.close();
    }
    // Practice mode (issue 16): kept to this one case; the command lives in moves-command.ts.
    case 'moves': {
      let out: string;
      try {
        out = movesCommand(rest);
      } catch (err) {
        if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) throw err;
        fail(err instanceof Error ? err.message : String(err), 1);
      }
      process.stdout.write(`${out}\n`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) fail(`${err.message}\n${USAGE}`);
  throw err;
}
