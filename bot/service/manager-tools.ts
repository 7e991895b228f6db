/**
 * The managers' commands over the audit log — /stats, /audit, /export — rendered for a chat
 * in the manager's language (/stats ends with the open-deal pipeline in brief): types as the reps settled them, compliance overrides (rule, step,
 * rep, when), buttons by their labels and steps by their titles (audit-view.ts), never the
 * engine's ids. Channel-neutral: adapters deliver the text and the file.
 */
import type { Playbook } from '../../data/playbook.ts';
import type { Lang } from '../../data/vocabulary.ts';
import type { AuditRow, Stats, Store } from '../../store/store.ts';
import { ruleTitle, shippedPlaybook, stepTitle, viewRows } from './audit-view.ts';
import { toCsv } from './csv.ts';
import { formatPipeline } from './pipeline-text.ts';

/** A file to deliver to the user (the console writes it to disk, channels send a document). */
export interface Attachment {
  filename: string;
  mimeType: string;
  content: string;
}

const DAY_MS = 86_400_000;
const LABEL_NAMES: Record<Lang, Record<string, string>> = {
  zh: { timing: '时间', deal_size: '金额', trust: '信任', none: '非异议' },
  en: { timing: 'timing', deal_size: 'deal size', trust: 'trust', none: 'none' },
};
const OBJECTION_ORDER = ['timing', 'deal_size', 'trust', 'none'];

const T = {
  zh: {
    statsTitle: (days: number) => `📊 近 ${days} 天`,
    objections: '异议：',
    reps: '按销售：',
    walks: (started: number, finished: number) => `辅导：开始 ${started}，完成 ${finished}`,
    outcomes: (o: Record<string, number>) => `结果：约成 ${o.booked ?? 0} · 跟进中 ${o.open ?? 0} · 丢单 ${o.lost ?? 0}`,
    corrections: '被更正率：',
    nothing: '这段时间没有记录。',
    auditTitle: (n: number) => `🗂 最近 ${n} 段对话`,
    auditNone: '没有找到对话。',
    exported: (n: number, format: string, practice: number) => `已导出 ${n} 行（${format}）。${practice ? `其中 ${practice} 行是练习（practice 列为 1），不算真实数据。` : ''}`,
    exportUsage: '用法：/export csv 或 /export jsonl [天数]',
    badDays: '天数要是正整数，例如 /stats 7',
    refused: '抱歉，这个命令只对经理开放。',
    rep: '销售',
    bot: '教练',
    overrides: (n: number) => `⚠️ 合规警示后仍使用：${n} 次`,
  },
  en: {
    statsTitle: (days: number) => `📊 Last ${days} days`,
    objections: 'Objections: ',
    reps: 'By rep:',
    walks: (started: number, finished: number) => `Walks: ${started} started, ${finished} finished`,
    outcomes: (o: Record<string, number>) => `Outcomes: ${o.booked ?? 0} booked · ${o.open ?? 0} open · ${o.lost ?? 0} lost`,
    corrections: 'Corrected by reps: ',
    nothing: 'Nothing logged in that period.',
    auditTitle: (n: number) => `🗂 Last ${n} dialogs`,
    auditNone: 'No dialogs found.',
    exported: (n: number, format: string, practice: number) => `Exported ${n} rows (${format}).${practice ? ` ${practice} of them are practice (column practice = 1), not real work.` : ''}`,
    exportUsage: 'Usage: /export csv or /export jsonl [days]',
    badDays: 'Days must be a whole number, e.g. /stats 7',
    refused: 'Sorry, that command is for managers only.',
    rep: 'rep',
    bot: 'coach',
    overrides: (n: number) => `⚠️ Compliance overrides (flagged promises sent anyway): ${n}`,
  },
};

export const MANAGER_COMMANDS = ['stats', 'audit', 'export'] as const;
export type ManagerCommand = (typeof MANAGER_COMMANDS)[number];

export function refusal(lang: Lang): string {
  return T[lang].refused;
}

function parseDays(arg: string | undefined, fallback: number): number | null {
  if (arg === undefined) return fallback;
  const days = Number(arg);
  return Number.isInteger(days) && days > 0 && days <= 3650 ? days : null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** /stats [days]: objections by the type the reps settled on, walks, outcomes, corrections, overrides. */
export function formatStats(stats: Stats, days: number, lang: Lang, playbook: Playbook = shippedPlaybook()): string {
  const t = T[lang];
  const names = LABEL_NAMES[lang];
  const total = Object.values(stats.byLabel).reduce((a, b) => a + b, 0);
  if (total === 0 && stats.walksStarted === 0 && !stats.overrides.total) return `${t.statsTitle(days)}\n${t.nothing}`;
  const byLabel = OBJECTION_ORDER.filter((l) => stats.byLabel[l]).map((l) => `${names[l]} ${stats.byLabel[l]}`).join(' · ');
  const lines = [t.statsTitle(days), t.objections + byLabel, t.reps];
  for (const rep of stats.byRep.slice(0, 10)) {
    const parts = OBJECTION_ORDER.filter((l) => rep.byLabel[l]).map((l) => `${names[l]} ${rep.byLabel[l]}`);
    lines.push(`· ${rep.userName || rep.userId}: ${rep.total} (${parts.join(', ')})`);
  }
  lines.push(t.walks(stats.walksStarted, stats.walksFinished), t.outcomes(stats.outcomes));
  const corrections = OBJECTION_ORDER.filter((l) => stats.corrections[l]?.classified).map((l) => {
    const c = stats.corrections[l]!;
    return `${names[l]} ${pct(c.corrected / c.classified)} (${c.corrected}/${c.classified})`;
  });
  if (corrections.length) lines.push(t.corrections + corrections.join(' · '));
  if (stats.overrides.total) {
    lines.push(t.overrides(stats.overrides.total));
    for (const o of stats.overrides.latest) {
      const step = o.step ? ` · ${LABEL_NAMES[lang][o.objection ?? ''] ?? o.objection}: ${stepTitle(playbook, lang, o.objection, o.step)}` : '';
      lines.push(`· ${ruleTitle(lang, o.ruleId)}${step} · ${o.userName || o.userId} · ${when(o.at)}`);
    }
  }
  return lines.join('\n');
}

/** /audit [rep] [n]: the last n dialogs (a customer quote and what followed) as short transcripts. */
export function formatAudit(rowsNewestFirst: AuditRow[], dialogs: number, lang: Lang, playbook: Playbook = shippedPlaybook()): string {
  const t = T[lang];
  const byDialog = new Map<string, AuditRow[]>();
  for (const row of [...rowsNewestFirst].reverse()) {
    if (!row.dialog) continue;
    const rows = byDialog.get(row.dialog);
    if (rows) rows.push(row);
    else byDialog.set(row.dialog, [row]);
  }
  const chosen = [...byDialog.values()].filter((rows) => rows.some((r) => r.kind === 'classified')).slice(-dialogs);
  if (chosen.length === 0) return t.auditNone;
  const blocks = chosen.map((rows) => {
    const first = rows[0]!;
    const lines = [`— ${first.user_name || first.user_id} · ${first.channel} · ${when(first.at)}`];
    for (const { row, pressed, shown } of viewRows(playbook, lang, rows)) {
      if (pressed) lines.push(`  ${t.rep}: ▸ ${pressed}`);
      else if (row.kind === 'message') lines.push(`  ${t.rep}: ${clip(row.text)}`);
      else if (row.kind === 'classified') lines.push(`  → ${LABEL_NAMES[lang][row.label ?? ''] ?? row.label} ${pct(row.confidence ?? 0)}`);
      else if (row.kind === 'corrected') lines.push(`  ✎ ${LABEL_NAMES[lang][row.label ?? ''] ?? row.label} → ${LABEL_NAMES[lang][row.detail ?? ''] ?? row.detail}`);
      else if (row.kind === 'step') lines.push(`  · ${shown}`);
      else if (row.kind === 'compliance_override') lines.push(`  ⚠️ ${shown}: ${clip(row.text)}`);
      else if (row.kind === 'outcome') lines.push(`  ★ ${shown}`);
    }
    return lines.join('\n');
  });
  return [t.auditTitle(chosen.length), ...blocks].join('\n');
}

function clip(text: string | null, max = 80): string {
  const s = (text ?? '').replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `practice` is 1 on the rows of practice turns: leave them out of any real figure made from the file. */
const EXPORT_COLUMNS = ['id', 'at', 'channel', 'chat_id', 'chat_type', 'user_id', 'user_name', 'kind', 'text', 'label', 'confidence', 'detail', 'shown', 'data', 'classifier_version', 'practice'] as const;

/**
 * The audit rows as a CSV (RFC 4180, ISO times) or JSON-lines file. `shown` says in the
 * manager's language what a row's ids mean: the label of a button pressed (or answered by its
 * number), a step's title, a rule's title and its step, an outcome.
 */
export function exportRows(rows: AuditRow[], format: 'csv' | 'jsonl', now = Date.now(), lang: Lang = 'en', playbook: Playbook = shippedPlaybook()): Attachment {
  const stamp = new Date(now).toISOString().slice(0, 10);
  const withIso = viewRows(playbook, lang, rows).map(({ row, pressed, shown }) => ({ ...row, at: new Date(row.at).toISOString(), shown: pressed ?? shown }));
  if (format === 'jsonl') {
    return {
      filename: `audit-${stamp}.jsonl`,
      mimeType: 'application/x-ndjson',
      content: withIso.map((row) => JSON.stringify({ ...row, data: row.data ? JSON.parse(row.data) : null })).join('\n') + (rows.length ? '\n' : ''),
    };
  }
  return { filename: `audit-${stamp}.csv`, mimeType: 'text/csv', content: toCsv(EXPORT_COLUMNS, withIso, (row, c) => row[c as (typeof EXPORT_COLUMNS)[number]]) };
}

/** Runs a manager command; returns the text to send and, for /export, the file. */
export async function runManagerCommand(store: Store, command: ManagerCommand, args: string[], lang: Lang, now = Date.now(), playbook: Playbook = shippedPlaybook()): Promise<{ text: string; attachment?: Attachment }> {
  const t = T[lang];
  if (command === 'stats') {
    const days = parseDays(args[0], 7);
    if (days === null) return { text: t.badDays };
    const since = now - days * DAY_MS;
    // The team's figures, then the open-deal pipeline in brief.
    return { text: `${formatStats(await store.stats.team(since), days, lang, playbook)}\n\n${formatPipeline(await store.deals.pipeline({ now, since }), lang)}` };
  }
  if (command === 'audit') {
    // /audit [rep] [n]: a last argument that is a number is the count.
    const rest = [...args];
    const n = rest.length && /^\d+$/.test(rest.at(-1)!) ? Math.min(20, Math.max(1, Number(rest.pop()))) : 3;
    const rep = rest.join(' ').trim() || undefined;
    return { text: formatAudit(await store.audit.latest(500, rep), n, lang, playbook) };
  }
  const format = args[0]?.toLowerCase();
  if (format !== 'csv' && format !== 'jsonl') return { text: t.exportUsage };
  const days = parseDays(args[1], 30);
  if (days === null) return { text: t.badDays };
  const rows = await store.audit.since(now - days * DAY_MS);
  return { text: t.exported(rows.length, format, rows.filter((r) => r.practice).length), attachment: exportRows(rows, format, now, lang, playbook) };
}
