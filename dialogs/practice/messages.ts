/** The practice round's own words to the rep, in each language (the customer's lines are data). */
import type { Lang, Objection } from '../../data/playbook.ts';

export interface PracticeMessages {
  typeName: Record<Objection, string>;
  intro: (type: string, rounds: string) => string;
  teamQuote: string;
  emptyAnswer: string;
  over: string;
  complianceMark: (matched: string, title: string, alternative: string) => string;
  scorecardTitle: (type: string, rounds: number) => string;
  found: (name: string, round: number, clause: string) => string;
  missed: (name: string, principle: string) => string;
  mistake: (name: string, round: number, clause: string, principle: string) => string;
  complianceLine: (round: number, matched: string, title: string) => string;
  modelAnswer: string;
  /** The opening of a model answer to a postponing customer, before the usage questions. */
  timingLead: string;
  /** Leads into the pack's downsides of the alternative. */
  reverseLead: string;
  /** Leads into a no-pressure promise. */
  promiseLead: string;
  /** The meeting time a model answer proposes. */
  sampleTime: string;
  /** Joins the last two items of a list. */
  and: string;
  listSeparator: string;
  sentenceEnd: string;
  // ---- in the chat (dialogs/practice-mode.ts) ----
  /** How the customer's line is shown to the rep. */
  customer: (text: string) => string;
  /** /practice in a team group. */
  privateOnly: string;
  /** /practice with a word it does not know. */
  usage: (word: string) => string;
  /** The round was stopped before any answer. */
  stopped: string;
  /** Shown again where a round stands (/start, back). */
  waiting: string;
  /** Why: the principles of the type's technique. */
  why: (type: string, principles: string[]) => string;
  btnAgain: string;
  btnOther: string;
  btnStats: string;
  /** The menu button that starts a round. */
  btnPractice: string;
}

export const PRACTICE_MESSAGES: Record<Lang, PracticeMessages> = {
  zh: {
    typeName: { timing: '成交时间不定', deal_size: '成交金额不定', trust: '成交信心不定' },
    intro: (type, rounds) => `🎭 练习开始：我来扮演客户（${type}）。像对真实客户一样回复我，共 ${rounds} 轮，最后给你评分。`,
    teamQuote: '（这句来自团队最近遇到的真实客户，已隐去身份信息。）',
    emptyAnswer: '请像对客户说话一样，写下你的回复。',
    over: '这轮练习已经结束。发 /practice 再来一轮。',
    complianceMark: (matched, title, alternative) => `⚠️ 合规提醒：“${matched}”——${title}。可以改成：${alternative}`,
    scorecardTitle: (type, rounds) => `📋 练习评分 · ${type} · ${rounds} 轮`,
    found: (name, round, clause) => `✅ ${name}——第 ${round} 轮：“${clause}”`,
    missed: (name, principle) => `❌ ${name}——没有做到。${principle}`,
    mistake: (name, round, clause, principle) => `⚠️ ${name}——第 ${round} 轮：“${clause}”。${principle}`,
    complianceLine: (round, matched, title) => `🚫 合规——第 ${round} 轮：“${matched}”（${title}）`,
    modelAnswer: '参考回答：',
    timingLead: '不着急，您慢慢考虑。我想先了解一下您的情况：',
    reverseLead: '不过要是换掉，也有几点得考虑：',
    promiseLead: '我们先给您一个承诺：',
    sampleTime: '周四下午三点',
    and: '、',
    listSeparator: '、',
    sentenceEnd: '。',
    customer: (text) => `🧑‍💼 客户：${text}`,
    privateOnly: '练习请在和我的私聊里进行：发 /practice。',
    usage: (word) => `不认识“${word}”。用法：/practice（随机类型）、/practice 时间 | 金额 | 信任，或 /practice 统计。`,
    stopped: '练习已结束，没有评分（还没有回答）。',
    waiting: '练习进行中：像对客户一样回复上面这句。发“取消”结束并看评分。',
    why: (type, principles) => `💡 ${type}要做到：\n${principles.map((p) => `· ${p}`).join('\n')}`,
    btnAgain: '🎭 同类型再练',
    btnOther: '🎲 换一个',
    btnStats: '📈 我的练习',
    btnPractice: '🎭 练习应对',
  },
  en: {
    typeName: { timing: 'Timing', deal_size: 'Deal size', trust: 'Trust' },
    intro: (type, rounds) => `🎭 Practice: I play the customer (${type}). Answer me as you would a real customer — ${rounds} rounds, then your scorecard.`,
    teamQuote: '(A real customer of the team said this recently; who said it is not shown.)',
    emptyAnswer: 'Write your answer as you would say it to the customer.',
    over: 'This practice round is over. Send /practice for another one.',
    complianceMark: (matched, title, alternative) => `⚠️ Compliance: “${matched}” — ${title}. Say instead: ${alternative}`,
    scorecardTitle: (type, rounds) => `📋 Practice scorecard · ${type} · ${rounds} rounds`,
    found: (name, round, clause) => `✅ ${name} — round ${round}: “${clause}”`,
    missed: (name, principle) => `❌ ${name} — missed. ${principle}`,
    mistake: (name, round, clause, principle) => `⚠️ ${name} — round ${round}: “${clause}”. ${principle}`,
    complianceLine: (round, matched, title) => `🚫 Compliance — round ${round}: “${matched}” (${title})`,
    modelAnswer: 'A model answer:',
    timingLead: 'No rush at all — take your time. May I ask a little about how you would use it?',
    reverseLead: 'If we change it, though, there are a few things to weigh: ',
    promiseLead: "Here's what we commit to: ",
    sampleTime: 'Thursday at 3 pm',
    and: ' and ',
    listSeparator: ', ',
    sentenceEnd: '.',
    customer: (text) => `🧑‍💼 Customer: ${text}`,
    privateOnly: 'Practice in a private chat with me: send /practice there.',
    usage: (word) => `I don't know “${word}”. Use /practice (any type), /practice timing | deal_size | trust, or /practice stats.`,
    stopped: 'Practice stopped, no scorecard (nothing answered yet).',
    waiting: 'Practice in progress: answer the line above as you would the customer. Send “cancel” to stop and see your scorecard.',
    why: (type, principles) => `💡 ${type} — what to do:\n${principles.map((p) => `· ${p}`).join('\n')}`,
    btnAgain: '🎭 Same type again',
    btnOther: '🎲 Another one',
    btnStats: '📈 My practice',
    btnPractice: '🎭 Practise an objection',
  },
};
