/**
 * The Microsoft Teams adapter (Microsoft 365 Agents SDK, CloudAdapter over the Activity
 * protocol): maps Teams activities to the conversation service and the engine's replies to
 * Teams messages — Adaptive Cards with Action.Submit buttons carrying the engine's action ids,
 * and a text fallback for clients that cannot show cards.
 *
 * - 1:1 chats: the full coaching, as in Telegram.
 * - Channels and group chats: Teams delivers only messages that @mention the bot; the mention is
 *   stripped, a new quote gets a short answer with a "Start coaching" button, and the walk goes
 *   on in the thread. Sessions are keyed by conversation *and* user, so two reps in one thread
 *   never share a walk.
 * - Card submits arrive as `activity.value` without text; they are routed here, not by the
 *   SDK's adaptiveCards helper (which rejects real Teams submit payloads in 1.8.1).
 * - Security: the SDK's authorizeJWT validates every request (issuer included) when credentials
 *   are configured, and the adapter checks that the token's serviceurl claim matches the
 *   activity's; without credentials the route only exists in local development (TEAMS_DEV=1),
 *   replying to loopback addresses only — see teams-guard.ts and http-server.ts.
 * - A failed turn is logged (the error's facts only) and the rep told what happened, in their
 *   language (error-replies.ts).
 */
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CloudAdapter, type AuthConfiguration, type TurnContext } from '@microsoft/agents-hosting';
import type { Request, Response } from 'express';
import { inputFromText, parseMenuCommand } from '../../dialogs/commands.ts';
import type { Button } from '../../dialogs/engine.ts';
import { MESSAGES } from '../../dialogs/messages/index.ts';
import { CHANNEL_MESSAGES } from '../channels/messages.ts';
import type { CoachService, Inbound, OutboundReply } from '../service/coach-service.ts';
import { failureKind, failureLanguage, failureText } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';

export interface TeamsOptions {
  authConfig: AuthConfiguration;
  service: CoachService;
  logger: Logger;
}

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

const FORWARD = { en: '📣 Copy this into your team channel:', zh: '📣 复制下面这段发到团队频道：' };

/**
 * The Teams activities for the coach's replies. A post for the team goes into the thread when
 * the walk is in a channel; in a 1:1 chat (where the bot cannot post to a channel on its own)
 * the rep gets it to copy, instead of a "shared" that did not happen.
 */
export function toActivities(replies: OutboundReply[], options: { personal: boolean; lang: 'zh' | 'en' } = { personal: false, lang: 'en' }): Activity[] {
  const activities: Activity[] = [];
  const hasTeamPost = replies.some((r) => r.kind === 'team_post');
  for (const original of replies) {
    let reply = original;
    if (reply.kind === 'team_post' && options.personal) reply = { kind: 'message', text: `${FORWARD[options.lang]}\n\n${reply.text}` };
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
      activities.push(Activity.fromObject({ type: ActivityTypes.Message, text: reply.text, textFormat: 'plain' }));
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

/** The text of a message without the bot's @mention (`<at>Coach</at> 太贵了` → `太贵了`). */
export function withoutMention(activity: Activity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; mentioned?: { id?: string }; text?: string };
    if (mention.type === 'mention' && mention.mentioned?.id === activity.recipient?.id && mention.text) text = text.split(mention.text).join(' ');
  }
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The language a Teams locale asks for ('zh-CN' → zh), if it says. */
function localeLang(locale: unknown): 'zh' | 'en' | undefined {
  return typeof locale === 'string' && locale ? (locale.toLowerCase().startsWith('zh') ? 'zh' : 'en') : undefined;
}

export function createTeamsHandler(options: TeamsOptions): (req: Request, res: Response) => Promise<void> {
  const { service, logger } = options;
  // With credentials, the token's serviceurl claim must name the activity's serviceUrl.
  const adapter = new CloudAdapter(options.authConfig, undefined, undefined, { validateServiceUrl: Boolean(options.authConfig.clientId) });
  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    logger.error({ err: error, activity: activity.id, conversation: activity.conversation?.id, kind: failureKind(error) }, 'Teams turn failed');
    const party = { channel: 'msteams', chatId: activity.conversation?.id ?? '', userId: activity.from?.id ?? 'unknown' };
    const lang = await failureLanguage(localeLang(activity.locale), () => service.languageOf(party), activity.text);
    await context.sendActivity(Activity.fromObject({ type: ActivityTypes.Message, text: failureText(error, lang), textFormat: 'plain' })).catch((err) => logger.warn({ err }, 'could not tell the rep about the failure'));
  };

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // The service answers each activity once, however often the Bot Connector delivers it.
    const delivery = activity.id ? { source: 'msteams', updateId: `${activity.conversation?.id}|${activity.id}` } : undefined;
    const conversationType = activity.conversation?.conversationType ?? 'personal';
    const party: Omit<Inbound, 'input'> = {
      channel: 'msteams',
      chatId: activity.conversation!.id,
      chatType: conversationType === 'personal' ? 'private' : conversationType === 'channel' ? 'channel' : 'group',
      userId: activity.from?.id ?? 'unknown',
      userName: activity.from?.name ?? activity.from?.id ?? 'unknown',
    };
    const langHint = localeLang(activity.locale);
    const submitted = (activity.value as { action?: unknown } | undefined)?.action;
    let input: Inbound['input'];
    if (typeof submitted === 'string' && !activity.text) {
      input = { type: 'action', action: submitted };
    } else {
      const said = conversationType === 'personal' ? (activity.text ?? '') : withoutMention(activity);
      // Teams' command menu sends the bare command word ("tip", "margin 200 40%").
      const context = conversationType === 'personal' ? 'private' : 'group';
      const menu = parseMenuCommand(said);
      input = menu ? { type: 'command', name: menu.name, args: menu.args, langHint, context } : inputFromText(said, { langHint, context });
    }
    const answer = await service.handle({ ...party, delivery, input });
    const activities = toActivities(answer.replies, { personal: conversationType === 'personal', lang: answer.lang });
    if (!activities.length) return;
    // All activities in one call, made for the first reply; the service then counts every reply as
    // sent (the outbox: a redelivery sends nothing again) or records the failure.
    await service.deliver(party, answer, async (_reply, { index }) => {
      if (index === 0) await context.sendActivities(activities);
    });
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) {
      await context.sendActivity(Activity.fromObject({ type: ActivityTypes.Message, text: `${MESSAGES.en.welcome}\n\n${MESSAGES.zh.welcome}`, textFormat: 'plain' }));
    }
  }

  return async (req, res) => {
    await adapter.process(req, res as never, async (context) => {
      if (context.activity.type === ActivityTypes.Message) await onMessage(context);
      else if (context.activity.type === ActivityTypes.ConversationUpdate) await onConversationUpdate(context);
    });
  };
}
