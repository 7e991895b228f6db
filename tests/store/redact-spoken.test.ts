import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('phone numbers dressed up or read out', () => {
  it.each([
    // keycap digits and emoji between the groups
    ['手机 1️⃣5️⃣9️⃣2️⃣7️⃣7️⃣4️⃣0️⃣6️⃣1️⃣3️⃣ 随时打', '手机 [phone] 随时打'],
    ['call 4️⃣1️⃣5️⃣ 5️⃣5️⃣5️⃣ 0️⃣1️⃣7️⃣7️⃣', 'call [phone]'],
    ['电话 159📱2774📱0613', '电话 [phone]'],
    ['📞 186 ✨ 2233 ✨ 4411', '📞 [phone]'],
    ['手机 ①⑤⑨②⑦⑦④⓪⑥①③', '手机 [phone]'],
    // split over a line break, or by '*' and '/'
    ['她手机 159 2774\n0613，下午打', '她手机 [phone]，下午打'],
    ['mobile: 07700\n900 461', 'mobile: [phone]'],
    ['电话 159*2774*0613', '电话 [phone]'],
    ['手机 159/2774/0613', '手机 [phone]'],
    // Chinese numerals
    ['他手机一五九二七七四零六一三', '他手机[phone]'],
    ['手机号幺五九 二七七四 洞六幺三', '手机号[phone]'],
    ['电话一五九，然后二七七四，然后零六一三', '电话[phone]'],
    ['电话是幺伍玖贰柒柒肆零陆壹叁', '电话是[phone]'],
    ['手机：159，2774，0613', '手机：[phone]'],
    ['WhatsApp me at 447700900461', 'WhatsApp me at [phone]'],
    // spoken English, words between groups
    ['his cell is 159 then 2774 then 0613', 'his cell is [phone]'],
    ['call her on four one five, five five five, zero one seven seven', 'call her on [phone]'],
    ['mobile oh seven seven double oh, nine double oh, four six one', 'mobile [phone]'],
    ['number is one five nine two seven seven four oh six one three ok', 'number is [phone] ok'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    '三五个人一起去，一二三四五六七八个都行吗',
    'sales grew between 2019 and 2024 on the phone side',
    'one or two of them, maybe three',
    '订单 20240630001\n2024/07/15 发货',
    'ratio 3/4 and 1/2, then 5/8 of the 2024/07/15 batch',
    'join https://zoom.us/j/15927740613 at 10',
    'see page 12*3*45*678',
    'phone sales: 138, 2024, 2025',
    'prices 100, 200, 300, 400 on the phone',
    '金额壹万贰仟叁佰肆拾伍元',
  ])('leaves %s alone', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('still finds a phone number on the line after an order number', () => {
    expect(redact('订单号 20240630001\n159 2774 0613 是他手机')).toBe('订单号 20240630001\n[phone] 是他手机');
  });
});

describe('labels, signatures and extensions', () => {
  it.each([
    ['tel: 6234 5678', 'tel: [phone]'],
    ['電話：2345 6789', '電話：[phone]'],
    ['手機 9123 4567', '手機 [phone]'],
    ['手提 9123 4567', '手提 [phone]'],
    ['mob. 9123 4567', 'mob. [phone]'],
    ['ph# 6234 5678', 'ph# [phone]'],
    ['WhatsApp +65 9123 4567', 'WhatsApp [phone]'],
    ['Best,\nAnna Li\nSales Director\nM 9123 4567\nT 6234 5678', 'Best,\nAnna Li\nSales Director\nM [phone]\nT [phone]'],
    ['BEGIN:VCARD\nTEL;TYPE=CELL:9123 4567\nEND:VCARD', 'BEGIN:VCARD\nTEL;TYPE=CELL:[phone]\nEND:VCARD'],
    ['Mob/WeChat: 159 2774 0613', 'Mob/WeChat: [phone]'],
    ['手机159 2774 0613，微信同号', '手机[phone]，微信同号'],
    ['总机 010-8457 2361转8021', '总机 [phone]'],
    ['总机 010-8457 2361 分机号 8021', '总机 [phone]'],
    ['office 212-555-0100 x318', 'office [phone]'],
    ['office 212-555-0100 (ext. 318)', 'office [phone])'],
    ['chat on https://wa.me/6591234567', 'chat on https://wa.me/[phone]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});
