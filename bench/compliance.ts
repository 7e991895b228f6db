/**
 * Compliance guard figures: the time to check unbroken inputs of hostile shapes (repeated
 * trigger words, numerals, digits, clause ends) at 16 KiB and 64 KiB, best of three, so that
 * linear growth shows (×4 input ≈ ×4 time). Run alone with `node bench/compliance.ts`;
 * nothing here asserts and tests never time anything.
 */
import { loadComplianceRules } from '../data/compliance.ts';
import { checkCompliance } from '../dialogs/compliance.ts';

const SHAPES: [string, string][] = [
  ['"保证"', '保证'],
  ['"保证" then 年化7%', '保证'],
  ['"保本不"', '保本不'],
  ['"至少每年"', '至少每年'],
  ['"收益，"', '收益，'],
  ['"一" (numerals)', '一'],
  ['"guarantee "', 'guarantee '],
  ['"at least 5% "', 'at least 5% '],
  ['"your principal, "', 'your principal, '],
  ['digits', '7'],
  ['letters', 'a '],
  ['mixed sentences', '这款产品保证年化7%，本金安全，不会亏。We guarantee 5% a year, your principal is safe. '],
];

const rules = loadComplianceRules();
const input = (unit: string, size: number, name: string) => {
  const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return name.includes('年化7%') ? text.slice(0, size - 5) + '年化7%' : text;
};

/** The best of three runs, in milliseconds, and the number of findings. */
function time(text: string): [number, number] {
  let best = Infinity;
  let findings = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    findings = checkCompliance(rules, text).length;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [best, findings];
}

checkCompliance(rules, '保证年化7%，本金安全。We guarantee 5% a year.');
console.log('shape                    16 KiB      64 KiB   ×  findings');
for (const [name, unit] of SHAPES) {
  const [small] = time(input(unit, 16_384, name));
  const [large, findings] = time(input(unit, 65_536, name));
  console.log(`${name.padEnd(22)} ${small.toFixed(0).padStart(6)} ms ${large.toFixed(0).padStart(8)} ms ${(large / small).toFixed(1).padStart(4)}  ${findings}`);
}
