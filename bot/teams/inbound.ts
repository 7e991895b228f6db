/**
 * What the Teams adapter reads from an Activity, as pure functions: who and where (the party),
 * the delivery id, and the engine input — a card submit's action, a command from the menu
 * (sent without a slash), or the text without the bot's @mention in a channel or group chat.
 */
import type { Activity } from '@microsoft/agents-activity';
import type { Lang } from '../../data/vocabulary.ts';
import { inputFromText, parseMenuCommand } from '../../dialogs/commands.ts';
import type { Delivery, Inbound } from '../service/coach-service.ts';

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
export function localeLang(locale: unknown): Lang | undefined {
  return typeof locale === 'string' && locale ? (locale.toLowerCase().startsWith('zh') ? 'zh' : 'en') : undefined;
}

/** Whether the activity comes from a 1:1 chat with the bot. */
export function isPersonal(activity: Activity): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}

/** Who wrote, and where; sessions are keyed by conversation and user, so two reps in one thread never share a walk. */
export function partyOf(activity: Activity): Omit<Inbound, 'input'> {
  const type = activity.conversation?.conversationType ?? 'personal';
  return {
    channel: 'msteams',
    chatId: activity.conversation?.id ?? '',
    chatType: type === 'personal' ? 'private' : type === 'channel' ? 'channel' : 'group',
    userId: activity.from?.id ?? 'unknown',
    userName: activity.from?.name ?? activity.from?.id ?? 'unknown',
  };
}

/** The service answers each activity once, however often the Bot Connector delivers it. */
export function deliveryOf(activity: Activity): Delivery | undefined {
  return activity.id ? { source: 'msteams', updateId: `${activity.conversation?.id}|${activity.id}` } : undefined;
}

/** The engine input of a message activity. */
export function inputOf(activity: Activity): Inbound['input'] {
  const submitted = (activity.value as { action?: unknown } | undefined)?.action;
  if (typeof submitted === 'string' && !activity.text) return { type: 'action', action: submitted };
  const personal = isPersonal(activity);
  const said = personal ? (activity.text ?? '') : withoutMention(activity);
  const langHint = localeLang(activity.locale);
  const context = personal ? 'private' : 'group';
  // Teams' command menu sends the bare command word ("tip", "margin 200 40%").
  const menu = parseMenuCommand(said);
  return menu ? { type: 'command', name: menu.name, args: menu.args, langHint, context } : inputFromText(said, { langHint, context });
}

/** The rep's IANA time zone, which Teams sends with each message (dates they type are read in it). */
export function timeZoneOf(activity: Activity): string | undefined {
  const zone = (activity as { localTimezone?: unknown }).localTimezone;
  return typeof zone === 'string' && zone ? zone : undefined;
}
