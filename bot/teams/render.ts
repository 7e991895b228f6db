/**
 * How the coach's replies look on Microsoft Teams, as pure functions: channel-neutral replies
 * in, Activities out, which the adapter only sends.
 *
 * - A reply with buttons is an Adaptive Card (the first line bold, Action.Submit buttons that
 *   carry the engine's action ids) with a text fallback listing the options by number, for
 *   clients that cannot show cards; a reply without buttons is plain text.
 * - A file (a manager's export) follows its note as an attachment (a data: URL).
 * - A team post goes into the thread when the walk is in a channel; in a 1:1 chat (where the
 *   bot cannot post to a channel on its own) the rep gets it to copy instead, and no "shared"
 *   confirmation for a share that did not happen.
 */
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { Lang } from '../../data/vocabulary.ts';
import type { Button } from '../../dialogs/engine.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { CHANNEL_MESSAGES } from '../channels/messages.ts';
import type { OutboundReply } from '../service/coach-service.ts';

/** An Adaptive Card for one reply: the text, and one Action.Submit per button. */
export function replyCard(reply: OutboundReply): Record<string, unknown> {
  const [head = '', ...rest] = reply.text.split('\n');
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: head, weight: 'Bolder', wrap: true }];
  const more = rest.join('\n').trim();
  if (more) body.push({ type: 'TextBlock', text: more.replace(/\n/g, '\n\n'), wrap: true });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: (reply.buttons ?? []).map((b) => ({ type: 'Action.Submit', title: b.label, data: { action: b.action } })),
    // What a client without card support shows: the text and the options to type.
    fallbackText: withOptions(reply.text, reply.buttons),
  };
}

/** The reply's text with its buttons as numbered options, for text-only clients. */
export function withOptions(text: string, buttons: Button[] | undefined): string {
  if (!buttons?.length) return text;
  return `${text}\n\n${buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}`;
}

/** A plain-text message. */
export function textActivity(text: string): Activity {
  return Activity.fromObject({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}

/** The Teams activities for the coach's replies, in a 1:1 chat (`personal`) or a channel or group. */
export function toActivities(replies: OutboundReply[], options: { personal: boolean; lang: Lang } = { personal: false, lang: 'en' }): Activity[] {
  const activities: Activity[] = [];
  const hasTeamPost = replies.some((r) => r.kind === 'team_post');
  for (const original of replies) {
    let reply = original;
    if (reply.kind === 'team_post' && options.personal) reply = { kind: 'message', text: `${CHANNEL_MESSAGES[options.lang].forwardToTeam}\n\n${reply.text}` };
    else if (hasTeamPost && options.personal && reply.kind === 'share_confirmation') continue;
    if (reply.buttons?.length) {
      activities.push(
        Activity.fromObject({
          type: ActivityTypes.Message,
          summary: reply.text.split('\n')[0],
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: replyCard(reply) }],
        }),
      );
    } else {
      activities.push(textActivity(reply.text));
    }
    if (reply.attachment) {
      const { filename, mimeType, content } = reply.attachment;
      activities.push(
        Activity.fromObject({
          type: ActivityTypes.Message,
          text: filename,
          attachments: [{ contentType: mimeType, name: filename, contentUrl: `data:${mimeType};base64,${Buffer.from(content, 'utf8').toString('base64')}` }],
        }),
      );
    }
  }
  return activities;
}

/** The greeting when the bot is added to a chat, in both languages (no one's language is known yet). */
export function welcomeActivity(): Activity {
  return textActivity(`${MESSAGES.en.welcome}\n\n${MESSAGES.zh.welcome}`);
}
