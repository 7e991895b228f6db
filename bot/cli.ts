/**
 * The `objection-coach` command line (contract in DESIGN.md):
 *
 *   objection-coach classify [TEXT]       one quote → one JSON object (TEXT or all of stdin)
 *   objection-coach classify --jsonl      {"id","text"} lines on stdin → one JSON line each, in order
 *   objection-coach eval FILE.jsonl       precision / recall / F1, macro-F1, confusion; --json
 *   objection-coach cv [--folds N]        cross-validation on the playbook's training utterances
 *   objection-coach chat                  the console chat
 *   objection-coach moves [FILE]          practice mode: the move detector's precision / recall
 *
 * Every command takes --help. Exit codes: 0 done; 1 the command ran but failed (a quote that
 * cannot be classified); 2 usage or configuration (unknown command or option, a missing or
 * malformed FILE, an invalid environment variable or playbook). `eval` and `cv` draw a progress
 * bar on stderr when it is a terminal, and nothing otherwise.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { LABELS, type Label, type Lang } from '../data/playbook.ts';
import type { Classification } from '../intents/classifier.ts';
import { crossValidate, evaluate, formatPolicy, type EvaluationReport, type LabelledLine } from '../intents/evaluate.ts';
import { checkQuote, INPUT_PROBLEM_TEXT } from '../intents/input.ts';
import { formatMetrics } from '../intents/metrics.ts';
import { runConsole } from './console/console.ts';
import { movesCommand } from './moves-command.ts';
import { startRuntime } from './runtime.ts';
import { EXIT_CONFIG, startCoach, startupFailure } from './startup.ts';

/** Exit code of a command that ran but failed. */
export const EXIT_FAILURE = 1;

const EXIT_CODES = `exit codes: 0 done, 1 failed (input that cannot be classified), 2 usage or configuration error`;

/** Each command's usage, as its --help prints it. */
const HELP = {
  classify: `usage: objection-coach classify [TEXT]
       objection-coach classify --jsonl
  Classifies a customer's quote as timing, deal_size, trust or none and prints JSON:
  {"label", "confidence", "scores": {timing, deal_size, trust, none}, "matched": [...], "unsure"}.
  TEXT, or all of stdin when no TEXT is given.
  --jsonl   read {"id", "text"} JSON lines on stdin, write one result line per input, in order;
            a line that cannot be classified gets {"id", "error": "line N: ..."} and the run goes on
`,
  eval: `usage: objection-coach eval FILE.jsonl [--json]
  Scores the classifier on FILE: JSON lines with "text" and "label" (and optionally "lang").
  Prints per-class precision, recall and F1, macro-F1 and the confusion matrix, overall and per
  language.
  --json    the same figures as JSON
`,
  cv: `usage: objection-coach cv [--folds N] [--errors] [--json]
  Cross-validates the classifier on the playbook's training utterances (PLAYBOOK_DIR or data/).
  --folds N  number of folds, a whole number ≥ 2 (default 5)
  --errors   also list the utterances it gets wrong out-of-fold, with file and line
  --json     the figures as JSON
`,
  chat: `usage: objection-coach chat
  The console chat: paste a customer's words, answer with button numbers. Reads stdin (a
  terminal, or lines piped in) and exits at its end. The conversation is kept in the database
  (DATA_DIR, default ./var; DATABASE_URL for PostgreSQL).
`,
  // Practice mode (issue 16): the command itself lives in moves-command.ts.
  moves: `usage: objection-coach moves [FILE] [--json]
  Practice mode: the move detector's precision and recall per move and language on labelled rep
  answers — JSON lines with "lang", "type", "answer" and "moves" (default
  tests/practice/heldout.jsonl). Prints figures only, never the answers.
  --json    the same figures as JSON
`,
} as const;

type Command = keyof typeof HELP;

const USAGE = `usage:
  objection-coach classify [TEXT]          classify one quote (TEXT, or all of stdin), print JSON
  objection-coach classify --jsonl         read {"id","text"} JSON lines on stdin, write one result line each
  objection-coach eval FILE.jsonl [--json] score the classifier on lines with "text" and "label"
  objection-coach cv [--folds N] [--errors] [--json]
                                           cross-validate on the playbook's training utterances;
                                           --errors lists the lines it gets wrong
  objection-coach chat                     chat with the coach in the terminal
  objection-coach moves [FILE] [--json]    practice mode: per-move precision and recall per language
  objection-coach COMMAND --help           more about one command
${EXIT_CODES}
`;

/**
 * Runs `work` with a progress bar on stderr when stderr is a terminal (cli-progress), with no
 * output at all otherwise; `work` calls `tick()` once per unit done.
 */
function withProgress<T>(task: string, total: number, work: (tick: (done?: number) => void) => T): T {
  if (!process.stderr.isTTY) return work(() => {});
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${task} [{bar}] {value}/{total} · {duration_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  try {
    return work((done) => (done === undefined ? bar.increment() : bar.update(done)));
  } finally {
    bar.stop();
  }
}

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

async function classifyCommand(values: { jsonl?: boolean }, positionals: string[]): Promise<void> {
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
  if (problem) fail(INPUT_PROBLEM_TEXT[problem], EXIT_FAILURE);
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

/** Each command's options (node:util parseArgs), besides --help. */
const OPTIONS = {
  classify: { jsonl: { type: 'boolean' } },
  eval: { json: { type: 'boolean' } },
  cv: { json: { type: 'boolean' }, errors: { type: 'boolean' }, folds: { type: 'string', default: '5' } },
  chat: {},
  moves: { json: { type: 'boolean' } },
} as const;

async function evalCommand(values: { json?: boolean }, positionals: string[]): Promise<void> {
  if (positionals.length !== 1) fail(`eval needs one FILE.jsonl\n${HELP.eval}`);
  const lines = readLabelled(positionals[0]!);
  const { classifier } = startCoach();
  const report = withProgress('eval', lines.length, (tick) =>
    evaluate(lines, (text) => {
      const result = classifier.classify(text);
      tick();
      return result;
    }),
  );
  printReport(`eval ${positionals[0]}`, report, values.json ?? false);
}

function cvCommand(values: { json?: boolean; errors?: boolean; folds?: string }, positionals: string[]): void {
  if (positionals.length) fail(`cv takes no FILE\n${HELP.cv}`);
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) fail('--folds must be a whole number ≥ 2');
  const { playbook } = startCoach();
  const report = withProgress(`${folds}-fold cross-validation`, folds, (tick) => crossValidate(playbook, folds, { onFold: (done) => tick(done) }));
  printReport(`${folds}-fold cross-validation on ${playbook.utterances.length} training utterances`, values.errors ? report : { ...report, errors: undefined }, values.json ?? false);
  if (values.errors && !values.json) {
    for (const e of report.errors ?? []) process.stdout.write(`${e.source}  ${e.gold} → ${e.predicted} (${e.confidence})  ${e.text}\n`);
  }
}

async function chatCommand(_values: object, positionals: string[]): Promise<void> {
  if (positionals.length) fail(`chat takes no arguments (it reads stdin)\n${HELP.chat}`);
  const runtime = await startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' });
  await runConsole(runtime);
  await runtime.close();
}

function movesRun(values: { json?: boolean }, positionals: string[]): void {
  let out = '';
  try {
    out = movesCommand(values, positionals);
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${HELP.moves}`);
  }
  process.stdout.write(`${out}\n`);
}

const RUN: Record<Command, (values: Record<string, unknown>, positionals: string[]) => void | Promise<void>> = {
  classify: classifyCommand,
  eval: evalCommand,
  cv: cvCommand,
  chat: chatCommand,
  moves: movesRun,
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic && !(topic in HELP)) fail(`unknown command "${topic}"\n${USAGE}`);
    process.stdout.write(topic ? `${HELP[topic as Command]}${EXIT_CODES}\n` : USAGE);
    return;
  }
  if (!(command in HELP)) fail(`unknown command "${command}"\n${USAGE}`);
  const name = command as Command;
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...OPTIONS[name], help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (err) {
    fail(`${(err as Error).message}\n${HELP[name]}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${HELP[name]}${EXIT_CODES}\n`);
    return;
  }
  await RUN[name](parsed.values, parsed.positionals);
}

// A reader that went away (`... | head`) ends the output quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await main(process.argv.slice(2));
} catch (err) {
  // A broken playbook, configuration or database: one line and its exit code (startup.ts).
  const failure = startupFailure(err);
  if (failure) fail(failure.message, failure.exitCode);
  throw err;
}
