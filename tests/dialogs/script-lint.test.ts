/**
 * The script lint: walks EVERY path of every walk graph — every choice and option, every skip,
 * every kind of typed answer (clean, in the rep's voice with a repeated clause, with redacted
 * personal data, too long, and non-compliant then used anyway / replaced by the alternative /
 * rewritten) — for every industry pack and both languages, and checks each message meant for
 * the customer, as the rep sees it at the step and in the summary:
 *   - no rep-voice phrase (他说, 她说, 客户说, he said, she wants, the customer…)
 *   - no clause repeated
 *   - no unfilled slot or placeholder ({product}, {time}, ____, [phone]…)
 *   - no word from another industry pack's vocabulary
 *   - at most LIMIT characters (a phone screen without scrolling)
 *   - no compliance finding, unless the rep overrode one and the message is marked ⚠️
 * and, at the end of each path, that the walk's messages kept what the rep gave for the customer:
 * the customer's point (turned to "you"), a time, a promise — each typed short enough to fit —
 * appears in the summary's messages; and that "改一下" / "let me rewrite it" at a flagged answer
 * opens the rewrite instead of becoming the answer. It prints how many paths and messages it checked.
 */
import { describe, expect, it } from 'vitest';
import { foreignWords, repVoiceIn } from '../../data/industries.ts';
import { LANGS, OBJECTIONS, type Lang, type Objection } from '../../data/playbook.ts';
import { checkCompliance } from '../../dialogs/compliance.ts';
import { createEngine, type CoachState, type Reply } from '../../dialogs/engine.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { initialState } from '../../dialogs/state.ts';
import { compliance, packs, playbook, quote, stubClassifier } from './fixtures.ts';

/** The longest message a phone shows without scrolling, in characters (measured maxima are printed). */
const LIMIT: Record<Lang, number> = { zh: 220, en: 450 };

// A classifier that never takes an answer for a new quote, so every typed answer is an answer.
const engine = createEngine(playbook, stubClassifier('none'), { packs, compliance });

/** The kinds of typed answer tried at each kind of slot (the `note` slot never reaches the customer). */
const TYPED: Record<Lang, Record<'note' | 'time' | 'voice' | 'promise', string[]>> = {
  zh: {
    note: ['他说想每天早上用一会儿，打他电话 [phone]'],
    time: ['周三下午两点', '他说周三下午两点可以，大概20分钟，大概20分钟', '周三下午两点，打他电话 [phone]', '下周一上午十点半，'.repeat(6)],
    voice: ['颜色太暗', '她说颜色太暗，颜色太暗，她想换一种', '他觉得安装太麻烦，微信 [wechat] 联系他', '太贵了', '我们自己的做法就够用了'],
    promise: ['服务费全额退给您', '他说要是不满意就退服务费，不满意就退服务费'],
  },
  en: {
    note: ['she wants to use it every morning, call her on [phone]'],
    time: ['Wednesday at 2pm', 'he said Wednesday at 2pm works, about 20 minutes, about 20 minutes', 'Wednesday at 2pm, call him on [phone]', 'next Monday at half past ten in the morning, '.repeat(4)],
    voice: ['the colour is too dark', 'she said the colour is too dark, the colour is too dark, she wants another one', 'he thinks setup is a hassle, email him at [email]', 'too expensive', "we'd rather keep doing it our own way, it feels safer"],
    promise: ['we refund the service fee in full', "she said we'd refund the fee if she's unhappy, refund the fee if she's unhappy"],
  },
};
/**
 * What a message must keep of each typed answer that goes to the customer (at the customer's
 * point, a time, a promise), in the customer's voice; absent: nothing (too long for a message,
 * or all personal data).
 */
const KEPT: Record<Lang, Record<string, string>> = {
  zh: {
    周三下午两点: '周三下午两点',
    '他说周三下午两点可以，大概20分钟，大概20分钟': '周三下午两点',
    '周三下午两点，打他电话 [phone]': '周三下午两点',
    颜色太暗: '颜色太暗',
    '她说颜色太暗，颜色太暗，她想换一种': '颜色太暗，您想换一种',
    '他觉得安装太麻烦，微信 [wechat] 联系他': '安装太麻烦',
    太贵了: '太贵了',
    我们自己的做法就够用了: '你们自己的做法就够用了',
    服务费全额退给您: '服务费全额退给您',
    '他说要是不满意就退服务费，不满意就退服务费': '要是不满意就退服务费',
  },
  en: {
    'Wednesday at 2pm': 'Wednesday at 2pm',
    'he said Wednesday at 2pm works, about 20 minutes, about 20 minutes': 'Wednesday at 2pm',
    'Wednesday at 2pm, call him on [phone]': 'Wednesday at 2pm',
    'the colour is too dark': 'the colour is too dark',
    'she said the colour is too dark, the colour is too dark, she wants another one': 'the colour is too dark, you want another one',
    'he thinks setup is a hassle, email him at [email]': 'setup is a hassle',
    'too expensive': 'too expensive',
    "we'd rather keep doing it our own way, it feels safer": "you'd rather keep doing it your own way, it feels safer",
    'we refund the service fee in full': 'we refund the service fee in full',
    "she said we'd refund the fee if she's unhappy, refund the fee if she's unhappy": "we'd refund the fee if you're unhappy",
  },
};
/** The steps whose typed answer a message must keep (the downsides give way to the pack's when too long). */
const MUST_KEEP = (step: { id: string; slot?: string }) => step.id === 'opinion' || step.slot === 'time' || step.slot === 'promise';

/** What a rep types to rewrite a held answer: it must open the rewrite, never become the answer. */
const EDIT_REQUEST: Record<Lang, string> = { zh: '改一下', en: 'let me rewrite it' };

/** Non-compliant texts: held, then used anyway, replaced by the rule's alternative, or rewritten. */
const NON_COMPLIANT: Record<Lang, string> = { zh: '保证年化7%，本金一分不会少', en: 'we guarantee a 7% annual yield and you will not lose a cent' };

const PLACEHOLDER = /\{[^{}]*\}|_{3,}|\[(?:phone|email|id-card|bank-card|wechat|qq)\]/u;

interface Found {
  text: string;
  marked: boolean;
  where: string;
}

/** The customer messages in a turn's replies: under the step's "send this" header, and in the summary. */
function customerMessages(replies: Reply[], lang: Lang): { text: string; marked: boolean }[] {
  const m = MESSAGES[lang];
  const out: { text: string; marked: boolean }[] = [];
  const marked = (lines: string[]) => lines.some((l) => l.startsWith('⚠️'));
  for (const reply of replies) {
    for (const part of reply.text.split('\n\n')) {
      if (!part.startsWith(m.composeHeader)) continue;
      const lines = part.split('\n').slice(1);
      out.push({ text: lines[0]!, marked: marked(lines.slice(1)) });
    }
    const at = reply.text.indexOf(m.summaryMessages);
    if (at < 0) continue;
    for (const block of reply.text.slice(at + m.summaryMessages.length).split('\n\n').filter((b) => /^\d+\. /.test(b))) {
      const lines = block.split('\n').slice(1);
      out.push({ text: lines[0]!, marked: marked(lines.slice(1)) });
    }
  }
  return out;
}

function problems(found: Found, lang: Lang, packId: string): string[] {
  const { text } = found;
  const out: string[] = [];
  const voice = repVoiceIn(text, lang);
  if (voice) out.push(`rep voice "${voice}"`);
  const clauses = text.split(/[。，；！？.,;!?—]+/u).map((c) => c.trim().toLowerCase()).filter((c) => c.length > 3);
  const repeated = clauses.find((c, i) => clauses.indexOf(c) !== i);
  if (repeated) out.push(`repeated clause "${repeated}"`);
  if (PLACEHOLDER.test(text)) out.push(`placeholder ${text.match(PLACEHOLDER)![0]}`);
  const foreign = foreignWords(text, lang, packId, packs.values());
  if (foreign.length) out.push(`words of other packs: ${foreign.map((f) => `${f.word} (${f.pack})`).join(', ')}`);
  if ([...text].length > LIMIT[lang]) out.push(`${[...text].length} characters (limit ${LIMIT[lang]})`);
  if (!found.marked && checkCompliance(compliance, text).length) out.push(`compliance: ${checkCompliance(compliance, text).map((f) => f.ruleId).join(', ')}`);
  return out;
}

/** Every path from a walk's start to its summary; calls `visit` with each turn's customer messages, and `kept` with whether a finished walk's messages kept each typed answer they must. */
function walkAll(packId: string, lang: Lang, objection: Objection, visit: (found: Found[]) => void, kept: (where: string, phrase: string, ok: boolean) => void): number {
  let paths = 0;
  const start: CoachState = { ...initialState(lang), profile: { industry: packId, product: null }, mode: 'classified', quote: quote('x', objection), label: objection };
  let keep: string[] = []; // what the messages of the path so far must keep
  const step = (state: CoachState, action: { type: 'action'; action: string } | { type: 'text'; text: string }, trail: string[]) => {
    const result = engine.handle(state, { ...action, langHint: lang } as never);
    const where = `${packId}/${lang}/${objection}: ${[...trail, action.type === 'action' ? action.action : JSON.stringify(action.text)].join(' → ')}`;
    const messages = customerMessages(result.replies, lang);
    visit(messages.map((f) => ({ ...f, where })));
    const before = keep;
    if (state.mode === 'walk' && action.type === 'text' && state.walk.held == null) {
      const current = playbook.walks[objection].find((s) => s.id === state.walk.step)!;
      const phrase = KEPT[lang][action.text];
      const held = 'walk' in result.state && result.state.walk.held != null; // flagged by the compliance guard: not taken (yet)
      if (MUST_KEEP(current) && phrase && !held) keep = [...keep, phrase];
    }
    if (result.state.mode === 'outcome') {
      const all = messages.map((m) => m.text.toLowerCase()).join('\n');
      for (const phrase of keep) kept(where, phrase, all.includes(phrase.toLowerCase()));
    }
    explore(result.state, [...trail, action.type === 'action' ? action.action : `“${action.text.slice(0, 12)}”`]);
    keep = before;
  };
  const explore = (state: CoachState, trail: string[]): void => {
    if (state.mode === 'outcome') return void paths++;
    if (state.mode !== 'walk') throw new Error(`${trail.join(' → ')}: left the walk (${state.mode})`);
    const actions = state.offered.map((b) => b.action).filter((a) => a !== 'why' && a !== 'back');
    const current = playbook.walks[objection].find((s) => s.id === state.walk.step)!;
    if (state.walk.held != null) {
      const edited = engine.handle(state, { type: 'text', text: EDIT_REQUEST[lang], langHint: lang });
      if (edited.state.mode !== 'walk' || edited.state.walk.step !== state.walk.step || edited.state.walk.answers[state.walk.step] !== undefined) {
        kept(`${packId}/${lang}/${objection}: ${trail.join(' → ')} → “${EDIT_REQUEST[lang]}”`, `the rewrite, not "${EDIT_REQUEST[lang]}" as the answer`, false);
      }
      for (const a of actions) if (a === 'alt' || a === 'keep') step(state, { type: 'action', action: a }, trail);
      return step(state, { type: 'text', text: TYPED[lang][current.slot ?? 'note'][0]! }, [...trail, 'edit']); // rewritten
    }
    for (const a of actions) step(state, { type: 'action', action: a }, trail); // choices, options, next, skip
    if (current.ask) {
      const slot = current.slot ?? 'note';
      for (const text of TYPED[lang][slot]) step(state, { type: 'text', text }, trail);
      if (slot !== 'note') step(state, { type: 'text', text: NON_COMPLIANT[lang] }, trail);
    }
  };
  explore(engine.handle(start, { type: 'action', action: 'go' }).state, []);
  return paths;
}

describe('the script lint', () => {
  it('finds every message meant for the customer clean, on every path of every walk, for every pack and language', () => {
    let paths = 0;
    let messages = 0;
    let keptChecks = 0;
    const distinct = new Set<string>();
    const longest: Record<Lang, number> = { zh: 0, en: 0 };
    const failures: string[] = [];
    for (const packId of packs.keys()) {
      for (const lang of LANGS) {
        for (const objection of OBJECTIONS) {
          paths += walkAll(
            packId,
            lang,
            objection,
            (found) => {
              for (const f of found) {
                messages++;
                const key = `${packId}|${lang}|${f.marked}|${f.text}`;
                if (distinct.has(key)) continue;
                distinct.add(key);
                longest[lang] = Math.max(longest[lang], [...f.text].length);
                for (const p of problems(f, lang, packId)) failures.push(`${f.where}\n  ${p}\n  ${f.text}`);
              }
            },
            (where, phrase, ok) => {
              keptChecks++;
              if (!ok) failures.push(`${where}\n  the customer's messages dropped "${phrase}"`);
            },
          );
        }
      }
    }
    console.log(`script lint: ${packs.size} packs × 2 languages × 3 walks: ${paths} paths, ${messages} customer messages checked (${distinct.size} distinct); longest zh ${longest.zh} / en ${longest.en} characters (limit ${LIMIT.zh} / ${LIMIT.en}); ${keptChecks} typed answers checked kept in the finished walk's messages`);
    if (failures.length) console.log(`${failures.length} problems; first:\n${failures.slice(0, 40).join("\n")}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(paths).toBeGreaterThan(1000);
  }, 600_000);
});
