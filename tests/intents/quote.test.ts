import { describe, expect, it } from 'vitest';
import { splitQuote } from '../../intents/quote.ts';

describe('finding the customer words in a rep narrative', () => {
  it.each([
    ['客户是做外贸的王总，聊了三次，每次都说“再等等吧，年后再说”', '再等等吧，年后再说'],
    ['老板回我「你们这个太贵了吧」然后就没下文了', '你们这个太贵了吧'],
    ['她说『我先问问我老公』', '我先问问我老公'],
    ['客户说：价格再低点我们就考虑。我回头再跟进', '价格再低点我们就考虑'],
    ['met the owner twice, he said "we\'d never pay that much for a CRM"', "we'd never pay that much for a CRM"],
    ["he says 'we don't need it' every single time", "we don't need it"],
    ['Customer told me: let me sleep on it. Will ping Friday', 'let me sleep on it'],
  ])('%s', (text, quote) => {
    expect(splitQuote(text)?.quote).toBe(quote);
  });

  it('keeps the narrative around the quote, without the quoted words', () => {
    const split = splitQuote('客户是做外贸的王总，聊了三次，每次都说“再等等吧”')!;
    expect(split.narrative).toContain('聊了三次');
    expect(split.narrative).not.toContain('再等等');
  });

  it('joins several quotes, one per line', () => {
    expect(splitQuote('first she said "let me think", then "maybe in spring"')!.quote).toBe('let me think\nmaybe in spring');
  });

  it('gives an empty narrative when the whole text is the quote', () => {
    expect(splitQuote('“太贵了，便宜点吧”')).toEqual({ quote: '太贵了，便宜点吧', narrative: '' });
  });

  it('does not take an apostrophe or a scare-quoted word for a quote', () => {
    expect(splitQuote("we don't need it, it's fine")).toBeNull();
    expect(splitQuote('he loved the "pro" plan')).toBeNull();
    expect(splitQuote('价格有点高')).toBeNull();
  });
});
