/**
 * What the channels themselves say, in Chinese and English — texts the coaching engine never
 * produces: the group hint, the "continue in private" button, "text only", a missing team chat,
 * the team post a rep must forward by hand, and the answer when a turn failed.
 */
import type { Lang } from '../../data/playbook.ts';

export interface ChannelMessages {
  continuePrivately: string;
  groupHint: string;
  textOnly: string;
  noTeamChat: string;
  /** Heads a team post in a chat where the bot cannot post to the team itself (Teams 1:1). */
  forwardToTeam: string;
  tooManyRequests: string;
}

export const CHANNEL_MESSAGES: Record<Lang, ChannelMessages> = {
  zh: {
    continuePrivately: '私聊继续辅导 ▶',
    groupHint: '在群里 @我 并贴上客户原话，我给出类型和一句提示，再私聊一步步辅导。',
    textOnly: '我只能读文字：请把客户说的话打出来或贴进来。',
    noTeamChat: '还没有设置团队群（TEAM_CHAT_ID），这次没有分享出去。',
    forwardToTeam: '📣 复制下面这段发到团队频道：',
    tooManyRequests: '处理中，请稍后再试。',
  },
  en: {
    continuePrivately: 'Continue in private ▶',
    groupHint: "Mention me with a customer's words: I'll tag the objection here and coach you step by step in private.",
    textOnly: 'I can only read text: type or paste what the customer said.',
    noTeamChat: 'No team group is set up (TEAM_CHAT_ID), so nothing was shared.',
    forwardToTeam: '📣 Copy this into your team channel:',
    tooManyRequests: 'Still working on your last message — try again in a moment.',
  },
};
