/**
 * Redaction figures: the time for 64 KiB and 1 MiB unbroken inputs of several hostile shapes,
 * through the bounded public entry (redactWithReport: cut to MAX_INPUT_CHARS first) and
 * through the unbounded scanner itself (to show it is linear: ×16 input ≈ ×16 time), the old
 * e-mail pattern's quadratic growth for contrast, the share of random 13–19 digit numbers
 * taken, and the PII corpus figures (per-kind recall, unredacted count, look-alike false
 * positives). Run alone with `node bench/redact.ts`, or as a section of `npm run bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPersonalData, MAX_INPUT_CHARS, redactWithReport } from '../store/redact.ts';
import { mulberry32 } from '../data/random.ts';
import { describeEvaluation, evaluate, type Labelled } from '../store/redact/evaluate.ts';
import { scan } from '../store/redact/scan.ts';

const SHAPES: [string, string][] = [
  ['letters', 'a'],
  ['digits', '7'],
  ['spaced digits', '1 '],
  ['digit triples', '138 '],
  ['"a@"', 'a@'],
  ['"a."', 'a.'],
  ['"x@y."', 'x@y.'],
  ['" at "', 'li at '],
  ['"微信"', '微信'],
  ['"+8"', '+8'],
  ['phones', '13812345678 '],
  ['keycaps', '1️⃣'],
  ['CN numerals', '一三九 '],
  ['spoken', 'one then '],
  ['"QQ 是"', 'QQ 是 '],
  ['line breaks', '138\n'],
];
const OLD_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** The best of three runs, in milliseconds. */
function ms(fn: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

const input = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function corpusLines(): string[] {
  const dir = fileURLToPath(new URL('../tests/pii/', import.meta.url));
  const corpusFile = `${dir}corpus.jsonl`;
  const lookFile = `${dir}lookalikes.jsonl`;
  if (!existsSync(corpusFile) || !existsSync(lookFile)) return ['PII corpus: tests/pii/corpus.jsonl not present'];
  const read = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const corpus = read(corpusFile) as Labelled[];
  const lookalikes = (read(lookFile) as { text: string }[]).map((r) => r.text);
  return ['PII corpus (tests/pii; unredacted target 0):', ...describeEvaluation(evaluate(findPersonalData, corpus, lookalikes)).map((l) => `  ${l}`)];
}

/** Share of random 13–19 digit numbers (no label, no context) taken as a card or anything else. */
function randomOrderNumbers(total: number): string {
  const random = mulberry32(20240630);
  let taken = 0;
  for (let i = 0; i < total; i++) {
    let d = String(1 + Math.floor(random() * 9));
    const length = 13 + Math.floor(random() * 7);
    while (d.length < length) d += String(Math.floor(random() * 10));
    if (findPersonalData(`请核对 ${d} 谢谢`).length > 0) taken++;
  }
  return `random 13–19 digit numbers taken (target ≤ 1–2%): ${((100 * taken) / total).toFixed(2)}% of ${total.toLocaleString('en')}`;
}

export function benchRedact(): string[] {
  const lines: string[] = [`bounded entry cuts to MAX_INPUT_CHARS = ${MAX_INPUT_CHARS}; scanner times are without the cut`];
  for (let round = 0; round < 2; round++) scan(input('a1 @.', 65536)); // warm up the JIT
  lines.push(`${'shape'.padEnd(14)} ${'redact 64K'.padStart(11)} ${'redact 1M'.padStart(11)} ${'scan 64K'.padStart(11)} ${'scan 1M'.padStart(11)}`);
  for (const [name, unit] of SHAPES) {
    const small = input(unit, 64 * 1024);
    const big = input(unit, 1024 * 1024);
    scan(small); // warm this shape's code paths first
    const cells = [ms(() => redactWithReport(small)), ms(() => redactWithReport(big)), ms(() => scan(small)), ms(() => scan(big))];
    lines.push(`${name.padEnd(14)} ${cells.map((c) => `${c.toFixed(1)} ms`.padStart(11)).join(' ')}`);
  }
  const old = [8, 16, 32].map((k) => `${k} KiB ${ms(() => input('a', k * 1024).replace(OLD_EMAIL, '')).toFixed(0)} ms`);
  lines.push(`old e-mail pattern on letters (quadratic, for contrast): ${old.join(', ')}`);
  return [...lines, randomOrderNumbers(100_000), ...corpusLines()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const line of benchRedact()) console.log(line);
