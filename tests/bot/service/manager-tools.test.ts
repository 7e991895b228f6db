import { describe, expect, it } from 'vitest';
import { exportRows, formatAudit, formatStats } from '../../../bot/service/manager-tools.ts';
import { formatPipeline } from '../../../bot/service/pipeline-text.ts';
import type { AuditRow } from '../../../store/store.ts';

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1, at: Date.UTC(2026, 10, 24, 9, 30), channel: 'telegram', chat_id: '1', chat_type: 'private', user_id: '7', user_name: 'Chen',
  kind: 'message', text: null, label: null, confidence: null, detail: null, data: null, classifier_version: null, dialog: null, practice: 0, ...over,
});

describe('export', () => {
  it('writes RFC 4180 CSV: quotes, commas and line breaks survive', () => {
    const file = exportRows([row({ text: 'he said "no", then\nleft' })], 'csv', Date.UTC(2026, 10, 24));
    expect(file).toMatchObject({ filename: 'audit-2026-11-24.csv', mimeType: 'text/csv' });
    const [header, line] = file.content.split('\r\n');
    expect(header!.split(',')).toEqual(['id', 'at', 'channel', 'chat_id', 'chat_type', 'user_id', 'user_name', 'kind', 'text', 'label', 'confidence', 'detail', 'shown', 'data', 'classifier_version', 'practice']);
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
    const stats = { sinceMs: 0, byLabel: { timing: 3, trust: 1 }, byRep: [{ userId: '7', userName: 'Chen', channel: 'telegram', total: 4, byLabel: { timing: 3, trust: 1 } }], walksStarted: 2, walksFinished: 1, outcomes: { booked: 1 }, corrections: { timing: { classified: 3, corrected: 1 } }, overrides: { total: 0, byRule: {}, latest: [] } };
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
    expect(text).toBe('🗂 Last 1 dialogs\n— Chen · telegram · 2026-11-24 09:30\n  rep: he never talks price\n  → deal size 90%\n  · Read the buying habit\n  ★ Booked');
  });
});

describe('managers\' views name what was pressed and where, in the manager\'s language', () => {
  const at = Date.UTC(2026, 10, 24, 9, 30);
  // A Chinese rep's deal-size walk: industry by button, a choice answered by typing its number,
  // a flagged promise used anyway.
  const offered = (buttons: [string, string][]) => JSON.stringify({ buttons: buttons.map(([label, action]) => ({ label, action })) });
  const walk = [
    row({ id: 1, kind: 'message', text: '他从来不谈价格', dialog: 'd1' }),
    row({ id: 2, kind: 'classified', label: 'deal_size', confidence: 0.9, dialog: 'd1' }),
    row({ id: 3, kind: 'reply', text: '💰 成交金额不定', data: offered([['开始辅导 ▶', 'go'], ['换个类型', 'fix']]), dialog: 'd1' }),
    row({ id: 4, kind: 'button', detail: 'go', dialog: 'd1' }),
    row({ id: 5, kind: 'reply', text: '你卖什么？', data: offered([['企业软件', 'ind:b2b_software'], ['其他行业（通用）', 'ind:generic']]), dialog: 'd1' }),
    row({ id: 6, kind: 'button', detail: 'ind:b2b_software', dialog: 'd1' }),
    row({ id: 7, kind: 'step', label: 'deal_size', detail: 'habit', dialog: 'd1' }),
    row({ id: 8, kind: 'reply', text: '💰 第 1 步', data: offered([['总问家人或领导', 'c:asks_others'], ['光看不买', 'c:keeps_looking'], ['不谈价格', 'c:avoids_price']]), dialog: 'd1' }),
    row({ id: 9, kind: 'message', text: '3', dialog: 'd1' }),
    row({ id: 10, kind: 'step', label: 'deal_size', detail: 'habit_move', dialog: 'd1' }),
    row({ id: 11, kind: 'compliance_override', label: 'trust', detail: 'guaranteed_return', text: '保证年化7%', data: '{"step":"own_promise"}', dialog: 'd1' }),
    row({ id: 12, kind: 'outcome', label: 'deal_size', detail: 'open', dialog: 'd1' }),
  ];

  it('/audit in Chinese: button labels (also a typed number), the industry by name, step titles, the override', () => {
    const text = formatAudit([...walk].reverse(), 1, 'zh');
    expect(text).toBe(
      [
        '🗂 最近 1 段对话',
        '— Chen · telegram · 2026-11-24 09:30',
        '  销售: 他从来不谈价格',
        '  → 金额 90%',
        '  销售: ▸ 开始辅导 ▶',
        '  销售: ▸ 企业软件',
        '  · 看他的花钱习惯',
        '  销售: ▸ 不谈价格',
        '  · 按习惯应对',
        '  ⚠️ 承诺收益或收益率 · 写下你的承诺: 保证年化7%',
        '  ★ 还在跟进',
      ].join('\n'),
    );
    expect(text).not.toMatch(/b2b_software|habit|: 3$/m);
  });

  it('/audit in English for a walk the rep did in Chinese', () => {
    const text = formatAudit([...walk].reverse(), 1, 'en');
    expect(text).toContain('rep: ▸ B2B software');
    expect(text).toContain('rep: ▸ Avoids price');
    expect(text).toContain('· Read the buying habit');
    // Chinese only where the rep typed it (the quote, the promise).
    expect(text.replace('他从来不谈价格', '').replace('保证年化7%', '')).not.toMatch(/\p{Script=Han}/u);
  });

  it('/export adds what each row shows, in the manager\'s language', () => {
    const file = exportRows(walk, 'jsonl', at, 'zh');
    const lines = file.content.trim().split('\n').map((l) => JSON.parse(l) as { id: number; shown: string; detail: string | null; text: string | null });
    expect(lines.find((l) => l.id === 6)).toMatchObject({ detail: 'ind:b2b_software', shown: '企业软件' });
    expect(lines.find((l) => l.id === 9)).toMatchObject({ text: '3', shown: '不谈价格' });
    expect(lines.find((l) => l.id === 11)).toMatchObject({ shown: '承诺收益或收益率 · 写下你的承诺' });
    const csv = exportRows(walk, 'csv', at, 'en').content.split('\r\n');
    expect(csv[0]).toContain(',shown,');
    expect(csv.find((l) => l.startsWith('9,'))).toContain('Avoids price');
  });

  it('/stats lists compliance overrides: rule, walk and step, rep, when', () => {
    const stats = {
      sinceMs: 0, byLabel: { trust: 1 }, byRep: [{ userId: '7', userName: 'Chen', channel: 'telegram', total: 1, byLabel: { trust: 1 } }], walksStarted: 1, walksFinished: 1, outcomes: {}, corrections: {},
      overrides: { total: 2, byRule: { guaranteed_return: 2 }, latest: [{ at, ruleId: 'guaranteed_return', objection: 'trust', step: 'own_promise', userId: '7', userName: 'Chen', channel: 'telegram' }] },
    };
    expect(formatStats(stats, 7, 'zh').split('\n').slice(-2)).toEqual(['⚠️ 合规警示后仍使用：2 次', '· 承诺收益或收益率 · 信任: 写下你的承诺 · Chen · 2026-11-24 09:30']);
    expect(formatStats(stats, 7, 'en')).toContain('· Promising a return or yield · trust: Write your promise · Chen · 2026-11-24 09:30');
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
