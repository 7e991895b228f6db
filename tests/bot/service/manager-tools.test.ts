import { describe, expect, it } from 'vitest';
import { exportRows, formatAudit, formatStats } from '../../../bot/service/manager-tools.ts';
import { formatPipeline } from '../../../bot/service/pipeline-text.ts';
import type { AuditRow } from '../../../store/store.ts';

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1, at: Date.UTC(2026, 10, 24, 9, 30), channel: 'telegram', chat_id: '1', chat_type: 'private', user_id: '7', user_name: 'Chen',
  kind: 'message', text: null, label: null, confidence: null, detail: null, data: null, classifier_version: null, dialog: null, ...over,
});

describe('export', () => {
  it('writes RFC 4180 CSV: quotes, commas and line breaks survive', () => {
    const file = exportRows([row({ text: 'he said "no", then\nleft' })], 'csv', Date.UTC(2026, 10, 24));
    expect(file).toMatchObject({ filename: 'audit-2026-11-24.csv', mimeType: 'text/csv' });
    const [header, line] = file.content.split('\r\n');
    expect(header!.split(',')).toHaveLength(14);
    expect(line).toContain('"he said ""no"", then\nleft"');
    expect(line).toContain('2026-11-24T09:30:00.000Z');
  });

  it('writes JSON lines with the data column parsed', () => {
    const file = exportRows([row({ kind: 'classified', label: 'trust', data: '{"matched":["骗子"]}' })], 'jsonl');
    expect(JSON.parse(file.content.trim())).toMatchObject({ kind: 'classified', label: 'trust', data: { matched: ['骗子'] } });
  });
});

describe('stats and audit texts', () => {
  it('summarises in the manager\'s language', () => {
    const stats = { sinceMs: 0, byLabel: { timing: 3, trust: 1 }, byRep: [{ userId: '7', userName: 'Chen', channel: 'telegram', total: 4, byLabel: { timing: 3, trust: 1 } }], walksStarted: 2, walksFinished: 1, outcomes: { booked: 1 }, corrections: { timing: { classified: 3, corrected: 1 } } };
    expect(formatStats(stats, 7, 'zh')).toBe('📊 近 7 天\n异议：时间 3 · 信任 1\n按销售：\n· Chen: 4 (时间 3, 信任 1)\n辅导：开始 2，完成 1\n结果：约成 1 · 跟进中 0 · 丢单 0\n被更正率：时间 33% (1/3)');
    expect(formatStats({ ...stats, byLabel: {}, byRep: [], walksStarted: 0 }, 30, 'en')).toBe('📊 Last 30 days\nNothing logged in that period.');
  });

  it('shows the last dialogs (by dialog id), each from its quote on', () => {
    const rows = [
      row({ id: 7, kind: 'message', text: 'no dialog yet', dialog: null }),
      row({ id: 6, kind: 'outcome', detail: 'booked', dialog: 'd2' }),
      row({ id: 5, kind: 'step', detail: 'habit', dialog: 'd2' }),
      row({ id: 4, kind: 'classified', label: 'deal_size', confidence: 0.9, dialog: 'd2' }),
      row({ id: 3, kind: 'message', text: 'he never talks price', dialog: 'd2' }),
      row({ id: 2, kind: 'classified', label: 'timing', confidence: 0.8, dialog: 'd1' }),
      row({ id: 1, kind: 'message', text: 'next time', dialog: 'd1' }),
    ];
    const text = formatAudit(rows, 1, 'en');
    expect(text).toBe('🗂 Last 1 dialogs\n— Chen · telegram · 2026-11-24 09:30\n  rep: he never talks price\n  → deal size 90%\n  · habit\n  ★ booked');
  });
});

describe('the open-deal pipeline in /stats', () => {
  const pipeline = {
    open: [
      { id: 'a', userName: 'Chen', alias: '王总', objection: 'trust', ageDays: 12, nextAt: null, followUp: null },
      { id: 'b', userName: 'Li', alias: null, objection: 'timing', ageDays: 4, nextAt: null, followUp: { kind: 'recontact', at: 0 } },
      { id: 'c', userName: 'Li', alias: 'Acme', objection: 'timing', ageDays: 0, nextAt: 1, followUp: { kind: 'meeting_day', at: 0 } },
    ],
    byType: { timing: { fresh: 1, week: 1, stalled: 0 }, trust: { fresh: 0, week: 0, stalled: 1 } },
    outcomes: [
      { outcome: 'booked', afterFollowUp: true, deals: 2 },
      { outcome: 'lost', afterFollowUp: false, deals: 1 },
    ],
    reminders: { sent: 5, late: 1, actedOn: 3 },
  };

  it('gives open deals by type and age, the longest stalled first, outcomes after reminders and reminders acted on, in both languages', () => {
    expect(formatPipeline(pipeline, 'en')).toBe(
      '🗂 Open deals: 3 (timing 2 · trust 1)\nDays since last move: 0–2 1 · 3–7 1 · 8+ 1\nStalled longest: 王总 (Chen) 12 d · timing (Li) 4 d · Acme (Li) 0 d\nOutcomes (after a reminder / without): 2 booked · 0 open · 0 lost / 0 booked · 0 open · 1 lost\nReminders: 5 sent (1 late), deals acted on 3',
    );
    expect(formatPipeline(pipeline, 'zh')).toContain('🗂 跟进中的客户：3 (时间 2 · 信任 1)\n没动的天数：0–2天 1 · 3–7天 1 · 8天以上 1\n最久没动：王总 (Chen) 12天');
    expect(formatPipeline({ open: [], byType: {}, outcomes: [], reminders: { sent: 0, late: 0, actedOn: 0 } }, 'en')).toBe('🗂 No open deals.');
  });
});
