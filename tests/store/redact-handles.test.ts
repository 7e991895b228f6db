import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('e-mail addresses', () => {
  it.each([
    ['send it to li.wei+deals@example.com.cn please', 'send it to [email] please'],
    ['邮箱是zhang_san@qq.com', '邮箱是[email]'],
    ['邮箱 zhang_san＠qq.com 谢谢', '邮箱 [email] 谢谢'],
    ['邮箱 zhang_san @ qq.com', '邮箱 [email]'],
    ['email: li@例子.中国 thanks', 'email: [email] thanks'],
    ['邮箱 wang@公司.公司吧', '邮箱 [email]吧'],
    ['li at qq dot com', '[email]'],
    ['mail me: li.wei at gmail.com', 'mail me: [email]'],
    ['li[at]163[dot]com', '[email]'],
    ['li (at) 163 (dot) com', '[email]'],
    ['发到 li#163.com 吧', '发到 [email] 吧'],
    ['lisi艾特qq点com', '[email]'],
    ['Li AT QQ DOT com', '[email]'],
    ['li（at）qq（dot）com', '[email]'],
    ['li @ qq . com', '[email]'],
    ['li@qq点com', '[email]'],
    ['mailto:LI.WEI@EXAMPLE.COM', 'mailto:[email]'],
    ['li_wei@sub-domain.example.co.uk', '[email]'],
    ['发给 张三@公司.中国', '发给 [email]'],
    ['发我邮箱 123456789@qq.com。谢谢', '发我邮箱 [email]。谢谢'],
    ['write to li@qq.com. Then call', 'write to [email]. Then call'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves mentions, handles and "at" in sentences alone', () => {
    for (const text of ['@张三 看一下报价', 'meet at noon', "I'm at Google.com this week", 'C#.net developer', 'see you @ 3pm']) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('WeChat ids and QQ numbers', () => {
  it.each([
    ['加我微信：liwei_88', '加我微信：[wechat]'],
    ['微信号是 LiWei1988', '微信号是 [wechat]'],
    ['vx: wang-xiaoming', 'vx: [wechat]'],
    ['V信 zhangsan2024', 'V信 [wechat]'],
    ['wx同号13812345678', 'wx同号[wechat]'],
    ['weixin id: sales_lee', 'weixin id: [wechat]'],
    ['add me on WeChat liwei88', 'add me on WeChat [wechat]'],
    ['my WeChat is davidchen', 'my WeChat is [wechat]'],
    ['wxid_a1b2c3d4e5', '[wechat]'],
    ['微信 liweiwei', '微信 [wechat]'],
    ['加微信liwei88', '加微信[wechat]'],
    ['威信 liwei88', '威信 [wechat]'],
    ['WeChat ID: liweiwei', 'WeChat ID: [wechat]'],
    ['微信 13812345678', '微信 [wechat]'],
    ['QQ 123456789', 'QQ [qq]'],
    ['扣扣：87654321 晚上在', '扣扣：[qq] 晚上在'],
    ['qq号码是1234567890', 'qq号码是[qq]'],
    ['企鹅号 55667788', '企鹅号 [qq]'],
    ['my QQ is 12345678', 'my QQ is [qq]'],
    ['QQ: 1234 5678', 'QQ: [qq]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves WeChat and QQ mentioned without an id alone', () => {
    for (const text of ['我们用微信支付', 'send me a WeChat message tomorrow', 'QQ群里说过了', 'WeChat Pay order 4200001234567890123 refunded']) {
      expect(redact(text)).toBe(text);
    }
  });
});
