/**
 * Follow-ups: which reminders a deal gets when a walk ends (or its outcome is "still open", or
 * it is snoozed), when they are due in the rep's time zone, and what each says — a message like
 * any reply, with buttons (actions.ts) that act on the deal when pressed, even days later. The
 * intervals and texts are the playbook's (data/followups.yaml). Pure: "now" and the zone come
 * with the turn (Turn.clock); without them nothing is planned.
 */
import { fillFollowup, type Followups } from '../data/followups.ts';
import { atLocalHour, formatWhen, isTimeZone } from '../intents/dates.ts';
import type { Turn } from './turn.ts';
import type { Button, Deal, FollowUpKind, Objection, PlannedReminder } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The rep's time zone: the platform's, else the one set with /profile, else the team's, else UTC. */
export function zoneOf(turn: Turn): string {
  const clock = turn.clock;
  if (clock?.timeZone && isTimeZone(clock.timeZone)) return clock.timeZone;
  if (turn.state.zone) return turn.state.zone;
  if (clock?.teamTimeZone && isTimeZone(clock.teamTimeZone)) return clock.teamTimeZone;
  return 'UTC';
}

/** A moment as the rep reads it back ("11月28日 周六 10:00" / "Sat 28 Nov, 10:00"), in the rep's zone. */
export function dateText(turn: Turn, at: number): string {
  return formatWhen(new Date(at), zoneOf(turn), turn.lang);
}

/** The type of the deal's latest walk. */
export function dealObjection(deal: Deal): Objection {
  return deal.quotes.at(-1)?.label ?? 'timing';
}

/** When each follow-up of a deal is due, given what the walk left: a booked time, or none. */
export function followUpsAfterWalk(turn: Turn, deal: Deal): { kind: FollowUpKind; at: number }[] {
  const clock = turn.clock;
  if (!clock) return [];
  const f = turn.deps.followups;
  const now = clock.now;
  const zone = zoneOf(turn);
  if (deal.next && deal.next.at > now) {
    const meeting = deal.next.at;
    const morning = atLocalHour(new Date(meeting), 0, f.meeting_day.hour, zone).getTime();
    const onTheDay = Math.max(now, Math.min(morning, meeting - f.meeting_day.before_hours * HOUR));
    return [
      { kind: 'meeting_day', at: onTheDay },
      { kind: 'outcome', at: meeting + f.outcome.after_hours * HOUR },
    ];
  }
  const objection = dealObjection(deal);
  if (objection === 'timing') return [{ kind: 'recontact', at: inDays(turn, f.recontact.after_days, f.recontact.hour) }];
  if (objection === 'trust') return [{ kind: 'repropose', at: inDays(turn, f.repropose.after_days, f.repropose.hour) }];
  return [{ kind: 'outcome', at: inDays(turn, f.outcome.after_days, f.outcome.hour) }];
}

/** `days` days from now at `hour` o'clock in the rep's zone. */
export function inDays(turn: Turn, days: number, hour: number): number {
  return atLocalHour(new Date(turn.clock!.now), days, hour, zoneOf(turn)).getTime();
}

/**
 * Sets a deal's follow-ups to `items`: the kinds no longer planned are cancelled, the others
 * (re)scheduled — replacing a reminder already sent, since the plan is new.
 */
export function planFollowUps(turn: Turn, deal: Deal, items: { kind: FollowUpKind; at: number }[]): void {
  if (!turn.clock) return;
  const kinds = new Set(items.map((i) => i.kind));
  const dropped = [...new Set(deal.followUps.map((f) => f.kind).filter((k) => !kinds.has(k)))];
  if (dropped.length) turn.followUps.cancel.push({ deal: deal.id, kinds: dropped });
  deal.followUps = items;
  for (const item of items) turn.followUps.schedule.push(reminder(turn, deal, item.kind, item.at));
}

/** Cancels every reminder of a deal (closed, or its outcome recorded). */
export function cancelFollowUps(turn: Turn, deal: Deal): void {
  turn.followUps.cancel.push({ deal: deal.id });
  deal.followUps = [];
}

/** The follow-up that came due last (the reminder the rep is answering), if any. */
export function dueFollowUp(turn: Turn, deal: Deal): { kind: FollowUpKind; at: number } | undefined {
  const now = turn.clock?.now;
  if (now === undefined) return undefined;
  return deal.followUps.filter((f) => f.at <= now).sort((a, b) => b.at - a.at)[0];
}

/** The next follow-up still to come, if any. */
export function nextFollowUp(deal: Deal, now: number | undefined): { kind: FollowUpKind; at: number } | undefined {
  return [...deal.followUps].filter((f) => now === undefined || f.at > now).sort((a, b) => a.at - b.at)[0];
}

/** One reminder, ready for the queue. */
export function reminder(turn: Turn, deal: Deal, kind: FollowUpKind, at: number): PlannedReminder {
  return { id: `${deal.id}:${kind}`, deal: deal.id, kind, dueAt: at, timeZone: zoneOf(turn), payload: payload(turn, deal, kind, at), replace: true };
}

/** What a reminder says to the rep, and its buttons. */
function payload(turn: Turn, deal: Deal, kind: FollowUpKind, at: number): { text: string; buttons: Button[] } {
  const { m, lang } = turn;
  const d = m.deals;
  const f: Followups = turn.deps.followups;
  const since = deal.updatedAt ?? turn.clock?.now ?? at;
  const values = {
    alias: deal.alias ?? d.yourCustomer,
    what: f[dealObjection(deal)].what[lang],
    date: deal.next ? dateText(turn, deal.next.at) : '',
    time: deal.next ? new Intl.DateTimeFormat('en-GB', { timeZone: zoneOf(turn), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(deal.next.at) : '',
    when: deal.next?.text ?? '',
    product: turn.product,
    days: String(Math.max(1, Math.round((at - since) / DAY))),
  };
  const toRep = (text: { zh: string; en: string }) => fillFollowup(text[lang], values);
  // To the customer: without a name, "Hi ," becomes "Hi," and "您好" stays.
  const toCustomer = (text: { zh: string; en: string }) => `${m.composeHeader}\n${fillFollowup(text[lang], { ...values, alias: deal.alias ?? '' }).replace(/\s+([,，])/gu, '$1')}`;
  const button = (label: string, op: 'resume' | 'ask' | 'snooze' | 'close' | 'sent') => turn.button(label, { kind: 'deal', op, deal: deal.id });
  const snooze = button(d.btnSnooze(f.snooze_days), 'snooze');
  const close = button(d.btnClose, 'close');
  switch (kind) {
    case 'meeting_day':
      return { text: `${toRep(f.meeting_day.text)}\n\n${toCustomer(f.meeting_day.confirmation)}`, buttons: [button(d.btnSent, 'sent'), turn.button(d.btnDeals, { kind: 'command', name: 'deals' })] };
    case 'outcome':
      return {
        text: toRep(f.outcome.text),
        buttons: [
          turn.button(m.btnBooked, { kind: 'dealOutcome', outcome: 'booked', deal: deal.id }),
          turn.button(m.btnOpen, { kind: 'dealOutcome', outcome: 'open', deal: deal.id }),
          turn.button(m.btnLost, { kind: 'dealOutcome', outcome: 'lost', deal: deal.id }),
          snooze,
        ],
      };
    case 'recontact': {
      const need = deal.need === 'general' || deal.need === 'special' || deal.need === 'social' ? deal.need : 'any';
      return { text: `${toRep(f.recontact.text)}\n\n${toCustomer(f.recontact.openers[need])}`, buttons: [button(d.btnSent, 'sent'), button(d.btnOutcome, 'ask'), snooze, close] };
    }
    case 'repropose':
      return { text: `${toRep(f.repropose.text)}\n\n${toCustomer(f.repropose.message)}`, buttons: [button(d.btnSent, 'sent'), button(d.btnResume, 'resume'), snooze, close] };
  }
}
