import { describe, expect, it } from 'vitest';
import { detectLanguage, normalise } from '../../intents/normalise.ts';

describe('normalise', () => {
  it('folds full-width letters, digits and punctuation to half width', () => {
    expect(normalise('ＯＫ，３天后再说！')).toBe('ok,3天后再说!');
  });

  it('turns traditional Chinese into simplified, Taiwan phrases included', () => {
    expect(normalise('太貴了，我再考慮一下')).toBe('太贵了,我再考虑一下');
    expect(normalise('這套軟體的價錢')).toBe('这套软件的价钱');
  });

  it('lower-cases and collapses white space', () => {
    expect(normalise('  Let ME \t think\n\nabout IT ')).toBe('let me think about it');
  });

  it('straightens typographic apostrophes and restores missing ones', () => {
    expect(normalise('I don’t know')).toBe("i don't know");
    expect(normalise('we cant afford it, dont call')).toBe("we can't afford it, don't call");
  });

  it('leaves simplified Chinese and plain English as they are', () => {
    expect(normalise('等着看吧，下次再说')).toBe('等着看吧,下次再说');
    expect(normalise('let me compare other quotes')).toBe('let me compare other quotes');
  });
});

describe('detectLanguage', () => {
  it('tells Chinese from English, mixed text by its main language', () => {
    expect(detectLanguage('等着看吧，下次再说')).toBe('zh');
    expect(detectLanguage('he never talks price')).toBe('en');
    expect(detectLanguage('价格有点high')).toBe('zh');
    expect(detectLanguage('the 老板 never shows up')).toBe('en');
    expect(detectLanguage('123 !!!')).toBe('en');
  });
});
