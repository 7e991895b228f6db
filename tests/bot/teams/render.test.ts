/**
 * Teams rendering (bot/teams/render.ts) and what the adapter reads from an Activity
 * (bot/teams/inbound.ts): pure functions, no adapter, no network.
 */
import { Activity } from '@microsoft/agents-activity';
import { describe, expect, it } from 'vitest';
import { deliveryOf, inputOf, partyOf, withoutMention } from '../../../bot/teams/inbound.ts';
import { replyCard, toActivities, welcomeActivity, withOptions } from '../../../bot/teams/render.ts';
import type { OutboundReply } from '../../../bot/service/coach-service.ts';
import { activity, type Who } from './activities.ts';

const card = (a: Activity) => a.attachments?.[0]?.content as { body: { text: string; weight?: string }[]; actions: { title: string; data: { action: string } }[]; fallbackText: string };

describe('Teams: replies as Activities', () => {
  it('draws a reply with buttons as an Adaptive Card, the head line bold, a numbered text fallback', () => {
    const reply: OutboundReply = { kind: 'message', text: 'Step 1\nRead the habit\nthen answer', buttons: [{ label: 'Avoids price', action: 'c:avoids_price' }, { label: 'Why?', action: 'why' }] };
    const content = replyCard(reply) as ReturnType<typeof card>;
    expect(content.body).toEqual([
      { type: 'TextBlock', text: 'Step 1', weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: 'Read the habit\n\nthen answer', wrap: true },
    ]);
    expect(content.actions).toEqual([
      { type: 'Action.Submit', title: 'Avoids price', data: { action: 'c:avoids_price' } },
      { type: 'Action.Submit', title: 'Why?', data: { action: 'why' } },
    ]);
    expect(content.fallbackText).toBe('Step 1\nRead the habit\nthen answer\n\n1. Avoids price\n2. Why?');
    const [activity] = toActivities([reply]);
    expect(activity!.summary).toBe('Step 1');
    expect(activity!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('sends a reply without buttons as plain text, and a file after its note', () => {
    const activities = toActivities([{ kind: 'message', text: 'Exported 2 rows (csv)', attachment: { filename: 'audit.csv', mimeType: 'text/csv', content: 'a,b\n' } }]);
    expect(activities.map((a) => [a.text, a.textFormat])).toEqual([['Exported 2 rows (csv)', 'plain'], ['audit.csv', undefined]]);
    expect(activities[1]!.attachments).toEqual([{ contentType: 'text/csv', name: 'audit.csv', contentUrl: `data:text/csv;base64,${Buffer.from('a,b\n').toString('base64')}` }]);
    expect(withOptions('x', undefined)).toBe('x');
  });

  it('in a 1:1 chat gives the team post to copy, in the rep\'s language, and no "shared" for a share that did not happen', () => {
    const replies: OutboundReply[] = [{ kind: 'team_post', text: '📣 团队分享' }, { kind: 'share_confirmation', text: '✅ 已分享给团队' }];
    expect(toActivities(replies, { personal: true, lang: 'zh' }).map((a) => a.text)).toEqual(['📣 复制下面这段发到团队频道：\n\n📣 团队分享']);
    expect(toActivities(replies, { personal: true, lang: 'en' })[0]!.text).toMatch(/^📣 Copy this into your team channel:/);
    // In a channel the post goes into the thread, and the rep is told.
    expect(toActivities(replies, { personal: false, lang: 'zh' }).map((a) => a.text)).toEqual(['📣 团队分享', '✅ 已分享给团队']);
  });

  it('greets in both languages', () => {
    expect(welcomeActivity().text).toMatch(/[A-Za-z][\s\S]*\n\n[\s\S]*[\u4e00-\u9fff]/);
  });
});

describe('Teams: what is read from an Activity', () => {
  const li: Who = { user: '29:li', name: 'Li', conversation: 'a:1on1-li', locale: 'zh-CN' };
  const wang: Who = { user: '29:wang', name: 'Wang', conversation: '19:general@thread.tacv2;messageid=1', type: 'channel' };
  const read = (body: Record<string, unknown>) => Activity.fromObject(body);

  it('keys a session by conversation and user, and a delivery by conversation and activity id', () => {
    const a = read(activity(wang, { text: 'hi' }));
    expect(partyOf(a)).toEqual({ channel: 'msteams', chatId: wang.conversation, chatType: 'channel', userId: '29:wang', userName: 'Wang' });
    expect(deliveryOf(a)).toEqual({ source: 'msteams', updateId: `${wang.conversation}|${a.id}` });
    expect(partyOf(read(activity(li, { text: 'hi' }))).chatType).toBe('private');
  });

  it('reads a card submit as the action, a menu word as the command, a typed text as text with the locale\'s language', () => {
    expect(inputOf(read(activity(li, { value: { action: 'go' } })))).toEqual({ type: 'action', action: 'go' });
    expect(inputOf(read(activity(li, { text: 'margin 200 40%' })))).toEqual({ type: 'command', name: 'margin', args: ['200', '40%'], langHint: 'zh', context: 'private' });
    expect(inputOf(read(activity(li, { text: '太贵了' })))).toEqual({ type: 'text', text: '太贵了', langHint: 'zh', context: 'private' });
  });

  it('strips the bot\'s @mention in a channel, and answers there as in a group', () => {
    const a = read(activity(wang, { text: 'he never talks price' }));
    expect(withoutMention(a)).toBe('he never talks price');
    expect(inputOf(a)).toEqual({ type: 'text', text: 'he never talks price', langHint: 'en', context: 'group' });
  });
});
