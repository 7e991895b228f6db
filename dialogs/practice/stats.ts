/**
 * A rep's practice history (`/practice stats`): how many rounds, and per objection type how often
 * each technique move was hit, week by week. Pure: the store hands in the finished results with
 * the date each was recorded; practice never mixes with real deals.
 */
import { OBJECTIONS, type Lang, type Objection } from '../../data/playbook.ts';
import { techniques, type Move, type PracticeData } from '../../data/practice.ts';
import { PRACTICE_MESSAGES } from './messages.ts';
import type { PracticeResult } from './types.ts';

/** A finished round as stored: when (an ISO date or timestamp) and how it went. */
export interface PracticeRecord {
  at: string;
  result: PracticeResult;
}

export interface TypeStats {
  rounds: number;
  /** Per technique move: rounds in which it was hit. */
  hits: Partial<Record<Move, number>>;
  mistakes: Partial<Record<Move, number>>;
  /** Share of technique moves hit, per ISO week ("2026-W48"), oldest first. */
  weeks: { week: string; rounds: number; hitRate: number }[];
}

export interface PracticeStats {
  rounds: number;
  byType: Partial<Record<Objection, TypeStats>>;
}

/** ISO week of a date string, e.g. "2026-11-29" → "2026-W48". */
export function isoWeek(at: string): string {
  const d = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)); // the Thursday of its week
  const week = Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function practiceStats(records: PracticeRecord[]): PracticeStats {
  const byType: PracticeStats['byType'] = {};
  const weekly = new Map<string, { rounds: number; hit: number; possible: number }>();
  for (const { at, result } of records) {
    const s = (byType[result.type] ??= { rounds: 0, hits: {}, mistakes: {}, weeks: [] });
    s.rounds++;
    for (const m of result.found) s.hits[m] = (s.hits[m] ?? 0) + 1;
    for (const m of result.missed) s.hits[m] ??= 0;
    for (const m of result.mistakes) s.mistakes[m] = (s.mistakes[m] ?? 0) + 1;
    const key = `${result.type}|${isoWeek(at)}`;
    const w = weekly.get(key) ?? { rounds: 0, hit: 0, possible: 0 };
    w.rounds++;
    w.hit += result.found.length;
    w.possible += result.found.length + result.missed.length;
    weekly.set(key, w);
  }
  for (const [key, w] of [...weekly].sort(([a], [b]) => a.localeCompare(b))) {
    const [type, week] = key.split('|') as [Objection, string];
    byType[type]!.weeks.push({ week, rounds: w.rounds, hitRate: w.possible ? w.hit / w.possible : 0 });
  }
  return { rounds: records.length, byType };
}

const STATS_TEXT = {
  zh: { title: (n: number) => `🎭 练习记录：共 ${n} 轮`, none: '还没有练习记录。发 /practice 开始第一轮。', type: (name: string, n: number) => `${name}：${n} 轮`, week: '按周命中率：' },
  en: { title: (n: number) => `🎭 Practice history: ${n} rounds`, none: 'No practice yet. Send /practice to start your first round.', type: (name: string, n: number) => `${name}: ${n} rounds`, week: 'Hit rate by week: ' },
};

/** `/practice stats` as text. */
export function formatPracticeStats(stats: PracticeStats, data: PracticeData, lang: Lang): string {
  const t = STATS_TEXT[lang];
  if (!stats.rounds) return t.none;
  const lines = [t.title(stats.rounds)];
  for (const type of OBJECTIONS) {
    const s = stats.byType[type];
    if (!s) continue;
    lines.push('', t.type(PRACTICE_MESSAGES[lang].typeName[type], s.rounds));
    for (const m of techniques(data, type)) lines.push(`  ${data.moves[m].name[lang]}: ${s.hits[m] ?? 0}/${s.rounds}`);
    for (const [m, n] of Object.entries(s.mistakes)) lines.push(`  ⚠️ ${data.moves[m as Move].name[lang]}: ${n}/${s.rounds}`);
    lines.push(`  ${t.week}${s.weeks.map((w) => `${w.week} ${Math.round(w.hitRate * 100)}%`).join(' · ')}`);
  }
  return lines.join('\n');
}
