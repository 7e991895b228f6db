import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('e-mail tricks', () => {
  it.each([
    ['mail li.wei[AT]orbit-labs[DOT]cn', 'mail [email]'],
    ['邮箱 xiao.ming 艾特 qq 点 com', '邮箱 [email]'],
    ['把#换成@：zhang.yu#126.com', '把#换成@：[email]'],
    ['(# means @) zhang.yu#orbitlabs.cn', '(# means @) [email]'],
    ['email li ＠ qq.com', 'email [email]'],
    ['li dot wei at gmail dot com', '[email]'],
    ['li{at}qq{dot}com', '[email]'],
    ['邮箱 zhang.wei(艾特)orbitlabs.cn', '邮箱 [email]'],
    ['email zhang*orbitlabs.cn (replace * with @)', 'email [email] (replace * with @)'],
    ['邮箱: li小老鼠qq点com', '邮箱: [email]'],
    ['邮箱 li@例子.网站', '邮箱 [email]'],
    ['почта: иван@почта.рф', 'почта: [email]'],
    ['mail kim@회사.한국 please', 'mail [email] please'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('WeChat ids and QQ numbers in more phrasings', () => {
  it.each([
    ['add lily_0923 on WeChat', 'add [wechat] on WeChat'],
    ['search for lily_0923 on wechat', 'search for [wechat] on wechat'],
    ['微信：“liwei_88”', '微信：“[wechat]”'],
    ['WeChat — tomlee_sz', 'WeChat — [wechat]'],
    ['WeChat ID @tomlee_sz', 'WeChat ID @[wechat]'],
    ['vx号 liwei_88', 'vx号 [wechat]'],
    ['V：liwei_88', 'V：[wechat]'],
    ['微：liwei_88', '微：[wechat]'],
    ['WeChat/QQ: liwei_88', 'WeChat/QQ: [wechat]'],
    ['liwei_88是我微信', '[wechat]是我微信'],
    ['加我微信吧 liwei_88', '加我微信吧 [wechat]'],
    ['微信搜一下 liwei_88', '微信搜一下 [wechat]'],
    ['find me on WeChat as lily_0923', 'find me on WeChat as [wechat]'],
    ["WeChat? it's lily_0923", "WeChat? it's [wechat]"],
    ['加我QQ吧 12345678', '加我QQ吧 [qq]'],
    ['QQ → 12345678', 'QQ → [qq]'],
    ['QQ#12345678', 'QQ#[qq]'],
    ['微信可以直接搜 lily_0923', '微信可以直接搜 [wechat]'],
    ["On WeChat I'm lily_0923", "On WeChat I'm [wechat]"],
    ['QQ 平时用的是 12345678', 'QQ 平时用的是 [qq]'],
    ['QQ/微信 12345678', 'QQ/微信 [qq]'],
    ['12345678 (QQ)', '[qq] (QQ)'],
    ['Q Q 12345678', 'Q Q [qq]'],
    ['企鹅 12345678', '企鹅 [qq]'],
    ['my QQ number, 12345678, works', 'my QQ number, [qq], works'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(['微信支付订单 SO_2024', 'WeChat Pay order ref ABC_12345', 'QQ群有 5000 人', 'QQ音乐 version 203456 out', 'R&D.com team', '5*3.14 = 15.7', '微信的朋友圈 2024 版本', 'WeChat as usual', 'QQ群我的 200000 人', 'the QQ group has 200000 members', 'V: 2.13.1045'])('leaves %s alone', (text) => {
    expect(redact(text)).toBe(text);
  });
});
