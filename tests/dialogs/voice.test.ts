/** The rep's notes, as they must read inside a message to the customer. */
import { describe, expect, it } from 'vitest';
import { toCustomerVoice } from '../../dialogs/voice.ts';

describe('Chinese notes in the customer’s voice', () => {
  it.each([
    ['他说老板要求每周出报表', '老板要求每周出报表'],
    ['客户说想周末在家学一点，不想老打游戏', '想周末在家学一点，不想老打游戏'],
    ['她想给她的团队看看数据看板', '您想给您的团队看看数据看板'],
    ['王总说他们公司下个月要上新产线', '你们公司下个月要上新产线'],
    ['对方表示：主要是给孩子用', '主要是给孩子用'],
    ['他觉得其他公司的方案太复杂', '其他公司的方案太复杂'],
    ['周三下午两点，在网点，大概20分钟，大概20分钟', '周三下午两点，在网点，大概20分钟'],
  ])('%s → %s', (note, expected) => {
    expect(toCustomerVoice(note, 'zh')).toEqual({ text: expected, droppedPersonalData: false });
  });

  it('keeps redacted data out and says so', () => {
    const voice = toCustomerVoice('想下班路上听，打他电话 [phone]', 'zh');
    expect(voice.text).toBe('想下班路上听');
    expect(voice.droppedPersonalData).toBe(true);
  });
});

describe('English notes in the customer’s voice', () => {
  it.each([
    ['she wants to show her team the dashboard', "you'd like to show your team the dashboard"],
    ['The customer said he needs weekly reports for his boss', 'you need weekly reports for your boss'],
    ['he uses Excel for everything', 'you use Excel for everything'],
    ["she's worried about the learning curve", "you're worried about the learning curve"],
    ['Excel exports every Friday', 'Excel exports every Friday'],
    ['they travel a lot, they travel a lot', 'you travel a lot'],
    ['He mentioned that his kids would use it too', 'your kids would use it too'],
  ])('%s → %s', (note, expected) => {
    expect(toCustomerVoice(note, 'en').text).toBe(expected);
  });

  it('drops a clause with an e-mail placeholder', () => {
    expect(toCustomerVoice('wants the brochure, send to [email]', 'en')).toEqual({ text: 'wants the brochure', droppedPersonalData: true });
  });
});

describe('the customer’s own words (an objection noted as said), turned to the customer', () => {
  it.each([
    ["we'd rather keep our current supplier", "you'd rather keep your current supplier"],
    ['he said we are happy with our supplier', 'you are happy with your supplier'],
    ['your price is too high', 'our price is too high'],
    ["I don't trust you", "you don't trust us"],
    ['I am not sure it fits my team', 'you are not sure it fits your team'],
    // Beside he/she, "us" is the rep's side: only the third person turns.
    ['she wants us to lower the price', 'you want us to lower the price'],
    // "it feels" is no one reporting: kept (a name reports: "Wang said …" is dropped).
    ["I'd rather keep everything on deposit, it feels safer", "you'd rather keep everything on deposit, it feels safer"],
    ['Wang said the price is too high', 'the price is too high'],
    ['the colour is too dark', 'the colour is too dark'],
  ])('%s → %s', (note, expected) => {
    expect(toCustomerVoice(note, 'en', { quoted: true }).text).toBe(expected);
  });

  it.each([
    ['我们自己开发就行', '你们自己开发就行'],
    ['你们的价格太高', '我们的价格太高'],
    ['他说我觉得太贵', '您觉得太贵'],
    ['他想让我们降价', '您想让我们降价'],
  ])('%s → %s', (note, expected) => {
    expect(toCustomerVoice(note, 'zh', { quoted: true }).text).toBe(expected);
  });

  it('leaves first person alone in a note that is not quoted (a time, a promise)', () => {
    expect(toCustomerVoice('we refund the service fee in full', 'en').text).toBe('we refund the service fee in full');
  });
});
