/**
 * The open-deal pipeline in brief, for /stats: open deals by type and age, the deals stalled
 * longest, outcomes after follow-ups (and without), reminders sent versus acted on — in the
 * manager's language. Pure: the store's Pipeline in, text out.
 */
import type { Lang } from '../../data/vocabulary.ts';
import type { Pipeline } from '../../store/store.ts';

const TYPES = ['timing', 'deal_size', 'trust'] as const;

const T = {
  zh: {
    title: (n: number) => `🗂 跟进中的客户：${n}`,
    types: { timing: '时间', deal_size: '金额', trust: '信任' } as Record<string, string>,
    ages: (fresh: number, week: number, stalled: number) => `没动的天数：0–2天 ${fresh} · 3–7天 ${week} · 8天以上 ${stalled}`,
    stalled: '最久没动：',
    days: (n: number) => `${n}天`,
    outcomes: (after: string, without: string) => `结果（有提醒后 / 无提醒）：${after} / ${without}`,
    outcome: (o: Record<string, number>) => `约成 ${o.booked ?? 0} · 跟进中 ${o.open ?? 0} · 丢单 ${o.lost ?? 0}`,
    reminders: (sent: number, late: number, acted: number) => `提醒：已发 ${sent}${late ? `（迟发 ${late}）` : ''}，有响应的客户 ${acted}`,
    none: '🗂 没有跟进中的客户。',
  },
  en: {
    title: (n: number) => `🗂 Open deals: ${n}`,
    types: { timing: 'timing', deal_size: 'deal size', trust: 'trust' } as Record<string, string>,
    ages: (fresh: number, week: number, stalled: number) => `Days since last move: 0–2 ${fresh} · 3–7 ${week} · 8+ ${stalled}`,
    stalled: 'Stalled longest: ',
    days: (n: number) => `${n} d`,
    outcomes: (after: string, without: string) => `Outcomes (after a reminder / without): ${after} / ${without}`,
    outcome: (o: Record<string, number>) => `${o.booked ?? 0} booked · ${o.open ?? 0} open · ${o.lost ?? 0} lost`,
    reminders: (sent: number, late: number, acted: number) => `Reminders: ${sent} sent${late ? ` (${late} late)` : ''}, deals acted on ${acted}`,
    none: '🗂 No open deals.',
  },
};

/** The pipeline in a few lines. */
export function formatPipeline(pipeline: Pipeline, lang: Lang): string {
  const t = T[lang];
  const outcomesOf = (after: boolean) => Object.fromEntries(pipeline.outcomes.filter((o) => o.afterFollowUp === after).map((o) => [o.outcome, o.deals]));
  const lines = [pipeline.open.length ? t.title(pipeline.open.length) : t.none];
  if (pipeline.open.length) {
    const byType = TYPES.filter((type) => pipeline.byType[type]).map((type) => {
      const b = pipeline.byType[type]!;
      return `${t.types[type]} ${b.fresh + b.week + b.stalled}`;
    });
    lines[0] += ` (${byType.join(' · ')})`;
    const sum = (key: 'fresh' | 'week' | 'stalled') => Object.values(pipeline.byType).reduce((n, b) => n + b[key], 0);
    lines.push(t.ages(sum('fresh'), sum('week'), sum('stalled')));
    const stalled = pipeline.open.slice(0, 3).map((d) => `${d.alias ?? t.types[d.objection] ?? d.objection} (${d.userName}) ${t.days(d.ageDays)}`);
    lines.push(t.stalled + stalled.join(' · '));
  }
  if (pipeline.outcomes.length) lines.push(t.outcomes(t.outcome(outcomesOf(true)), t.outcome(outcomesOf(false))));
  if (pipeline.reminders.sent || pipeline.reminders.actedOn) lines.push(t.reminders(pipeline.reminders.sent, pipeline.reminders.late, pipeline.reminders.actedOn));
  return lines.join('\n');
}
