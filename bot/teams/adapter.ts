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
 *   language (the service's `failureReply`).
 * - How replies look (cards, the 1:1 team post) is render.ts; what is read from an activity
 *   (party, input, mention) is inbound.ts: this file only wires them to the SDK and the service.
 */
import { ActivityTypes } from '@microsoft/agents-activity';
import { CloudAdapter, type AuthConfiguration, type TurnContext } from '@microsoft/agents-hosting';
import type { Request, Response } from 'express';
import type { CoachService } from '../service/coach-service.ts';
import { failureKind } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';
import { deliveryOf, inputOf, isPersonal, localeLang, partyOf, timeZoneOf } from './inbound.ts';
import { textActivity, toActivities, welcomeActivity } from './render.ts';

export { replyCard, toActivities, withOptions } from './render.ts';
export { withoutMention } from './inbound.ts';

export interface TeamsOptions {
  authConfig: AuthConfiguration;
  service: CoachService;
  logger: Logger;
}

export function createTeamsHandler(options: TeamsOptions): (req: Request, res: Response) => Promise<void> {
  const { service, logger } = options;
  // With credentials, the token's serviceurl claim must name the activity's serviceUrl.
  const adapter = new CloudAdapter(options.authConfig, undefined, undefined, { validateServiceUrl: Boolean(options.authConfig.clientId) });
  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    logger.error({ err: error, activity: activity.id, conversation: activity.conversation?.id, kind: failureKind(error) }, 'Teams turn failed');
    const { text } = await service.failureReply(partyOf(activity), error, { langHint: localeLang(activity.locale), text: activity.text });
    await context.sendActivity(textActivity(text)).catch((err) => logger.warn({ err }, 'could not tell the rep about the failure'));
  };

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const party = partyOf(activity);
    const delivery = deliveryOf(activity);
    // Where a reminder can reach this rep later (continueConversation needs the reference); without
    // this message's id, so the stored reference changes, and is written, only when the chat does.
    await Promise.resolve()
      .then(() => service.rememberConversation({ channel: 'msteams', chatId: party.chatId, userId: party.userId, personal: isPersonal(activity), reference: { ...activity.getConversationReference(), activityId: undefined } }))
      .catch((err) => logger.warn({ err }, 'could not store the conversation reference'));
    const timeZone = timeZoneOf(activity);
    const answer = await service.handle({ ...party, delivery, input: inputOf(activity), ...(timeZone ? { timeZone } : {}) });
    const activities = toActivities(answer.replies, { personal: isPersonal(activity), lang: answer.lang });
    if (!activities.length) return;
    // All activities in one call, made for the first reply; the service then counts every reply as
    // sent (the outbox: a redelivery sends nothing again) or records the failure.
    await service.deliver(party, answer, async (_reply, { index }) => {
      if (index === 0) await context.sendActivities(activities);
    });
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await context.sendActivity(welcomeActivity());
  }

  return async (req, res) => {
    await adapter.process(req, res as never, async (context) => {
      if (context.activity.type === ActivityTypes.Message) await onMessage(context);
      else if (context.activity.type === ActivityTypes.ConversationUpdate) await onConversationUpdate(context);
    });
  };
}
