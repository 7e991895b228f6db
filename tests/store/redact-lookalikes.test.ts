import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('numbers that are not personal data stay', () => {
  it.each([
    '报价 128000 元，2024-06-30 前签，100 股起，订单 20240630001',
    'too expensive at $12,500 for 3 seats',
    '订单号 202406301234567890 已发货',
    '订单号：13812345678',
    '快递单号 SF1234567890123',
    '运单 75312345678901',
    'order #4111111111111111 shipped',
    'version 2.13.1045 released, build 20240630.1',
    'timestamp 1719734400000',
    '时间 2024-06-30 13:45:12',
    'IP 192.168.100.200',
    '总价 ¥1,234,567.89，预算 13800000 元',
    '会议号 123 456 789',
    '第 3 季度增长 12.5%，同比 0.8',
    'we ship 1 000 000 units a year',
    'invoice INV-2024-000123 due 2024/07/15',
    'ISBN 978-7-111-54742-6',
    '价格 6222021234567890123 日元?',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('dates and times next to a phone word stay', () => {
  it.each(['电话会议 2024-06-30 12:00 开始', 'call scheduled 06/30/2024 10:30', '电话里说 2024 0630 签', 'phone call on 30-06-2024 at 3pm'])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});
