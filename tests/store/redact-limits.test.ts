import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, limitInput, redactWithReport } from '../../store/redact.ts';

describe('the length limit and the report', () => {
  it('passes texts up to the limit through untouched', () => {
    const text = '好'.repeat(MAX_INPUT_CHARS);
    expect(limitInput(text)).toEqual({ text, truncated: false });
  });

  it('cuts longer texts to the limit and says so', () => {
    const limited = limitInput('a'.repeat(1 << 20));
    expect(limited.truncated).toBe(true);
    expect(limited.text.length).toBe(MAX_INPUT_CHARS);
    const report = redactWithReport('x@'.repeat(1 << 19));
    expect(report.truncated).toBe(true);
    expect(report.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
  });

  it('never cuts inside a phone number, leaving part of it readable', () => {
    const text = `${'a'.repeat(MAX_INPUT_CHARS - 6)} 138 1234 5678 and more`;
    const limited = limitInput(text);
    expect(limited.text).toBe(`${'a'.repeat(MAX_INPUT_CHARS - 6)} `);
    expect(redactWithReport(text).text).not.toMatch(/\d/);
  });

  it('never splits a surrogate pair', () => {
    const limited = limitInput(`${'a'.repeat(MAX_INPUT_CHARS - 1)}😀tail`);
    expect(limited.text).toBe('a'.repeat(MAX_INPUT_CHARS - 1));
  });

  it('reports how many of each kind it replaced, never the values', () => {
    const report = redactWithReport('手机 13812345678，备用 13912345678，邮箱 li@qq.com，微信 liwei_88，QQ 123456789');
    expect(report.found).toEqual({ phone: 2, email: 1, id_number: 0, bank_card: 0, wechat: 1, qq: 1 });
    expect(report.text).toBe('手机 [phone]，备用 [phone]，邮箱 [email]，微信 [wechat]，QQ [qq]');
    expect(JSON.stringify(report)).not.toContain('138');
  });

  it('handles long unbroken runs of every shape', () => {
    for (const unit of ['a', '1', '1 ', 'a@', '@a.', 'x.', '-1', 'at ', '微信', '+8']) {
      const report = redactWithReport(unit.repeat(Math.ceil(65536 / unit.length)));
      expect(report.truncated).toBe(true);
    }
  });
});
