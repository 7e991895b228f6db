/**
 * Teams-shaped Activity JSON for the tests (a 1:1 chat, or a channel thread with an @mention of
 * the bot), and reading what the bot sent back: a card's text and its Action.Submit buttons.
 */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:objection-coach-bot';

export interface Card {
  body: { text: string }[];
  actions: { title: string; data: { action: string } }[];
  fallbackText: string;
}

export interface SentActivity {
  path?: string;
  type: string;
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content?: Card; contentUrl?: string; name?: string }[];
}

export interface Who {
  user: string;
  name: string;
  conversation: string;
  type?: 'personal' | 'channel' | 'groupChat';
  locale?: string;
  /** The IANA zone the Teams client reports with each activity (localTimezone). */
  timeZone?: string;
}

/** What a reply says, card or plain text. */
export const textOf = (a: SentActivity) => a.text ?? a.attachments?.[0]?.content?.body.map((b) => b.text).join('\n') ?? '';
export const actionsOf = (a: SentActivity) => a.attachments?.[0]?.content?.actions ?? [];

let nextId = 1;

/** A Teams message activity (1:1, or in a channel thread with an @mention of the bot). */
export function activity(who: Who, content: { text?: string; value?: unknown }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const type = who.type ?? 'personal';
  const mention = type === 'personal' || content.text === undefined ? undefined : '<at>Objection Coach</at>';
  return {
    type: 'message',
    id: `1700000000${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: who.user, name: who.name, aadObjectId: `aad-${who.user}` },
    recipient: { id: BOT_ID, name: 'Objection Coach' },
    conversation: { id: who.conversation, conversationType: type, tenantId: TENANT, ...(type === 'channel' ? { isGroup: true } : {}) },
    channelData: { tenant: { id: TENANT }, ...(type === 'channel' ? { channel: { id: '19:general@thread.tacv2' }, team: { id: '19:team@thread.tacv2' } } : {}) },
    locale: who.locale ?? 'en-US',
    ...(who.timeZone ? { localTimezone: who.timeZone } : {}),
    ...(content.text !== undefined ? { text: mention ? `${mention} ${content.text}` : content.text, textFormat: 'plain' } : {}),
    ...(mention ? { entities: [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: 'Objection Coach' } }] } : {}),
    ...(content.value !== undefined ? { value: content.value } : {}),
    ...extra,
  };
}

/** The card submit of the button titled like `title` on `card`. */
export function submit(who: Who, card: SentActivity, title: string): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.title.includes(title));
  if (!action) throw new Error(`no "${title}" on ${JSON.stringify(actionsOf(card).map((a) => a.title))}`);
  return activity(who, { value: action.data });
}

/** The first walk asks what the rep sells: no particular industry, no product name; returns the walk's first step. */
export async function noProfile(who: Who, question: SentActivity, lang: 'zh' | 'en', post: (body: Record<string, unknown>) => Promise<SentActivity[]>): Promise<SentActivity> {
  const [product] = await post(submit(who, question, lang === 'zh' ? '其他行业' : 'Other (general)'));
  const [, step1] = await post(submit(who, product!, lang === 'zh' ? '不写名字' : 'No name'));
  return step1!;
}
