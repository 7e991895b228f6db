/**
 * Reminders on Teams: a proactive message through the conversation reference the adapter
 * captured from the rep's latest message (stored by the service), sent with the Agents SDK's
 * `CloudAdapter.continueConversation` — as the app (its clientId) when credentials are
 * configured; anonymously in local development (TEAMS_DEV=1), and then only to a loopback
 * serviceUrl, as replies are. Rendered as the adapter renders any reply (an Adaptive Card with
 * the buttons as Action.Submit, whose submits come back to the adapter like any other). A 403
 * (the app was removed) or 404 (the conversation is gone) from the connector is permanent.
 */
import type { ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import { ProactiveError, type ProactiveSender } from '../channels/proactive.ts';
import { toActivities } from './adapter.ts';
import { isLoopbackUrl } from './guard.ts';

/** The reference when it has what continueConversation needs (a conversation id, a serviceUrl, a channel). */
function usable(reference: unknown): ConversationReference | undefined {
  const r = reference as Partial<ConversationReference> | null;
  const ok = typeof r?.conversation?.id === 'string' && r.conversation.id !== '' && typeof r.serviceUrl === 'string' && typeof r.channelId === 'string';
  return ok ? (r as ConversationReference) : undefined;
}

export function teamsSender(authConfig: AuthConfiguration): ProactiveSender {
  const adapter = new CloudAdapter(authConfig);
  const clientId = authConfig.clientId;
  // Without credentials the SDK's anonymous identity: a connector client without a token.
  const identity: Parameters<CloudAdapter['continueConversation']>[0] = clientId ? clientId : { name: 'anonymous' };
  return {
    needsReference: true,
    async send(target, message) {
      const reference = usable(target.reference);
      if (!reference) throw new ProactiveError('the stored conversation reference is not usable', { permanent: true });
      if (!clientId && !isLoopbackUrl(reference.serviceUrl!)) throw new ProactiveError('without credentials, proactive messages go to a loopback serviceUrl only', { permanent: true });
      try {
        await adapter.continueConversation(identity, reference, async (context) => {
          await context.sendActivities(toActivities([message], { personal: true, lang: target.lang }));
        });
      } catch (err) {
        // The connector's status only: its error carries the request body (the message) too.
        const status = (err as { status?: unknown }).status;
        if (typeof status !== 'number') throw err;
        // 403: the app was removed or blocked; 404: the conversation is gone. Retrying cannot help.
        throw new ProactiveError(`the Teams connector answered ${status}`, { permanent: status === 403 || status === 404 });
      }
    },
  };
}
