/**
 * What the rep does with deals: /deals (open deals, most urgent first, one tap to a deal's card
 * with resume, record outcome, snooze and close), /last (the last composed messages, to copy
 * again), "Sent" on a finished walk or a reminder, and a deal's outcome — from a button that may
 * have been pressed days after it was sent, so each action names its deal.
 */
import type { DealOp } from './actions.ts';
import { closeDeal, currentDeal, dealById, dealName, openDeals, parkWalk, planLine, touch } from './deals.ts';
import { dateText, dealObjection, dueFollowUp, inDays, nextFollowUp, planFollowUps } from './followups.ts';
import { showCurrent, showOutcomeQuestion } from './present.ts';
import { ICON, type Turn } from './turn.ts';
import type { Deal, Outcome } from './types.ts';

/** How many deals /deals lists, and how many messages /last shows. */
const LISTED = 8;
const LAST = 3;
const DAY = 86_400_000;

/** /deals: the open deals, most urgent first; a tap opens one. */
export function dealsCommand(turn: Turn): void {
  const d = turn.m.deals;
  const open = openDeals(turn);
  if (!open.length) return turn.say(d.dealsNone);
  const lines = open.slice(0, LISTED).map((deal, i) => `${i + 1}. ${dealLine(turn, deal)}`);
  if (open.length > LISTED) lines.push(d.dealsMore(open.length - LISTED));
  turn.say(
    [d.dealsHeader, ...lines].join('\n'),
    open.slice(0, LISTED).map((deal) => turn.button(`👤 ${dealName(turn, deal)}`, { kind: 'deal', op: 'card', deal: deal.id })),
  );
}

/** One deal in a line: name, type, the next step or reminder, and how long since it moved. */
function dealLine(turn: Turn, deal: Deal): string {
  const d = turn.m.deals;
  const objection = dealObjection(deal);
  const now = turn.clock?.now;
  const parts = [dealName(turn, deal), `${ICON[objection]} ${turn.labelShort(objection)}`];
  if (deal.next && (now === undefined || deal.next.at > now)) parts.push(d.nextAt(turn.deps.followups[objection].what[turn.lang], dateText(turn, deal.next.at)));
  else {
    const coming = nextFollowUp(deal, now);
    if (coming) parts.push(d.reminderAt(dateText(turn, coming.at)));
  }
  if (now !== undefined && deal.updatedAt !== null) parts.push(d.age(Math.floor((now - deal.updatedAt) / DAY)));
  return parts.join(' · ');
}

/** A deal's card: what the customer said, what is next, and the four actions. */
function showCard(turn: Turn, deal: Deal): void {
  const { m } = turn;
  const d = m.deals;
  const lines = [`👤 ${dealLine(turn, deal)}`, d.cardQuotes, ...deal.quotes.slice(-3).map((q) => `· ${ICON[q.label]} ${m.quote(q.text)}`)];
  if (deal.messages.length) lines.push(d.cardMessages(deal.messages.length));
  if (deal.outcome) lines.push(d.cardOutcome(outcomeName(turn, deal.outcome)));
  const button = (label: string, op: DealOp) => turn.button(label, { kind: 'deal', op, deal: deal.id });
  turn.say(lines.join('\n'), [button(d.btnResume, 'resume'), button(d.btnOutcome, 'ask'), button(d.btnSnooze(turn.deps.followups.snooze_days), 'snooze'), button(d.btnClose, 'close')]);
}

function outcomeName(turn: Turn, outcome: Outcome): string {
  return { booked: turn.m.btnBooked, open: turn.m.btnOpen, lost: turn.m.btnLost }[outcome];
}

/** /last: the last messages composed for customers, newest first, each on its own to copy. */
export function lastCommand(turn: Turn): void {
  const d = turn.m.deals;
  const recent = [...turn.state.deals].sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  const messages = recent.flatMap((deal) => [...deal.messages].reverse().map((text) => ({ deal, text }))).slice(0, LAST);
  if (!messages.length) {
    const script = turn.state.lastWalk?.script;
    return turn.say(script ? `${d.lastHeader}\n\n${script}` : d.lastNone);
  }
  turn.say(d.lastHeader);
  for (const { deal, text } of messages) turn.say(`👤 ${dealName(turn, deal)}\n${text}`);
}

/** A deal's button: its card, resume, the outcome question, snooze, close, or "sent". */
export function dealAction(turn: Turn, op: DealOp, id: string): void {
  const d = turn.m.deals;
  const deal = dealById(turn, id);
  if (!deal) {
    turn.record({ kind: 'rejected', reason: 'stale_button' });
    return turn.say(d.unknownDeal);
  }
  if (deal.closed && op !== 'card') return turn.say(d.alreadyClosed(dealName(turn, deal)));
  switch (op) {
    case 'card':
      return showCard(turn, deal);
    case 'resume':
      return resume(turn, deal);
    case 'ask':
      touch(turn, deal);
      return askOutcome(turn, deal);
    case 'snooze':
      return snooze(turn, deal);
    case 'close':
      touch(turn, deal);
      closeDeal(turn, deal);
      return turn.say(d.closed(dealName(turn, deal)));
    case 'sent':
      return markSent(turn, deal);
  }
}

/** Back to a deal: its walk where it was left, or its card when the walk is done. */
function resume(turn: Turn, deal: Deal): void {
  const d = turn.m.deals;
  const mode = turn.state.mode;
  if (turn.state.deal === deal.id && (mode === 'walk' || mode === 'switch')) {
    // Its walk is the one in progress: show it where it stands.
    touch(turn, deal);
    turn.say(d.resumed(dealName(turn, deal)));
    return showCurrent(turn);
  }
  if (turn.state.deal !== deal.id) parkWalk(turn);
  turn.state.deal = deal.id;
  turn.record({ kind: 'deal', deal: deal.id, change: 'switched' });
  touch(turn, deal);
  const parked = deal.parked;
  if (!parked) {
    // Whatever walk was on screen belongs to another deal (or is done): nothing is left open on it.
    if (turn.state.mode === 'walk' || turn.state.mode === 'switch' || turn.state.mode === 'outcome') turn.to({ mode: 'idle' });
    return turn.say(d.resumeDone(dealName(turn, deal)));
  }
  deal.parked = null;
  turn.state.dialog = deal.quotes.at(-1)?.dialog ?? turn.state.dialog;
  turn.to(parked);
  turn.say(d.resumed(dealName(turn, deal)));
  showCurrent(turn);
}

/** How did it go with this deal? (booked / still open / lost, for this deal.) */
function askOutcome(turn: Turn, deal: Deal): void {
  const m = turn.m;
  turn.say(m.deals.outcomeFor(dealName(turn, deal)), (['booked', 'open', 'lost'] as const).map((outcome) => turn.button(outcomeName(turn, outcome), { kind: 'dealOutcome', outcome, deal: deal.id })));
}

/** Moves the reminder the rep is answering (or the next one) by the playbook's snooze days. */
function snooze(turn: Turn, deal: Deal): void {
  const d = turn.m.deals;
  const target = dueFollowUp(turn, deal) ?? nextFollowUp(deal, turn.clock?.now);
  touch(turn, deal);
  if (!turn.clock || !target) return turn.say(d.nothingToSnooze(dealName(turn, deal)));
  const days = turn.deps.followups.snooze_days;
  const at = Math.max(turn.clock.now, target.at) + days * DAY;
  planFollowUps(turn, deal, [...deal.followUps.filter((f) => f.kind !== target.kind), { kind: target.kind, at }]);
  turn.record({ kind: 'deal', deal: deal.id, change: 'snoozed', detail: target.kind });
  turn.say(d.snoozed(dealName(turn, deal), dateText(turn, at)));
}

/** "Sent": the walk's (or a reminder's) message went out. The outcome is asked now only when no reminder will ask it. */
export function markSent(turn: Turn, deal: Deal | undefined = currentDeal(turn)): void {
  const d = turn.m.deals;
  if (!deal) return showOutcomeQuestion(turn);
  const due = dueFollowUp(turn, deal);
  deal.sent = true;
  touch(turn, deal);
  turn.record({ kind: 'deal', deal: deal.id, change: 'sent', detail: due?.kind });
  const noted = d.sentNoted(dealName(turn, deal));
  // A re-contact or a proposal went out: the outcome is asked a few days later.
  if (due && (due.kind === 'recontact' || due.kind === 'repropose') && turn.clock) {
    const f = turn.deps.followups;
    planFollowUps(turn, deal, [{ kind: 'outcome', at: inDays(turn, f.outcome.after_days, f.outcome.hour) }]);
  }
  const coming = nextFollowUp(deal, turn.clock?.now);
  // Nothing will ask later (no clock, or nothing planned): how did it go, now that it went out.
  if (!coming) {
    turn.say(noted);
    return turn.state.mode === 'outcome' && turn.state.deal === deal.id ? showOutcomeQuestion(turn) : askOutcome(turn, deal);
  }
  const ask = deal.followUps.find((f) => f.kind === 'outcome' && f.at >= coming.at);
  const text = coming.kind === 'outcome' || (coming.kind === 'meeting_day' && ask) ? d.sentThenAsk(dateText(turn, (ask ?? coming).at)) : planLine(turn, deal);
  turn.say(`${noted}\n${text}`, [turn.button(d.btnLogOutcome, { kind: 'deal', op: 'ask', deal: deal.id }), turn.button(d.btnDeals, { kind: 'command', name: 'deals' })]);
}

/** A deal's outcome: booked or lost close it (reminders cancelled); still open plans a re-contact. */
export function dealOutcome(turn: Turn, id: string, outcome: Outcome): void {
  const d = turn.m.deals;
  const deal = dealById(turn, id);
  if (!deal) {
    turn.record({ kind: 'rejected', reason: 'stale_button' });
    return turn.say(d.unknownDeal);
  }
  if (deal.closed) return turn.say(d.alreadyClosed(dealName(turn, deal)));
  recordDealOutcome(turn, deal, outcome);
  const share = outcome !== 'lost' && turn.state.lastWalk ? [turn.button(turn.m.btnShare, { kind: 'share' })] : undefined;
  turn.say(d.outcomeSaved[outcome](dealName(turn, deal)), share);
  if (outcome === 'open' && deal.followUps[0]) turn.say(d.openAgain(dateText(turn, deal.followUps[0].at)));
  if (turn.state.mode === 'outcome' && turn.state.deal === deal.id) turn.to({ mode: 'idle' });
}

/** Records a deal's outcome (also the walk's, at the walk's end) and what follows from it. */
export function recordDealOutcome(turn: Turn, deal: Deal, outcome: Outcome): void {
  touch(turn, deal);
  deal.outcome = outcome;
  const dialog = deal.quotes.at(-1)?.dialog ?? null;
  turn.record({ kind: 'outcome', objection: dealObjection(deal), outcome, deal: deal.id, dialog, followedUp: deal.followedUp });
  if (outcome === 'open') {
    const f = turn.deps.followups;
    deal.next = null;
    if (turn.clock) planFollowUps(turn, deal, [{ kind: 'recontact', at: inDays(turn, f.recontact.after_days, f.recontact.hour) }]);
    return;
  }
  closeDeal(turn, deal);
}

/** The end of a walk: where its messages went, what happens next, and "Sent". */
export function showWalkEnd(turn: Turn, deal: Deal | undefined): void {
  const d = turn.m.deals;
  if (!deal) return showOutcomeQuestion(turn);
  turn.say(`${d.walkEnd(dealName(turn, deal))}\n${planLine(turn, deal)}`, [
    turn.button(d.btnSent, { kind: 'deal', op: 'sent', deal: deal.id }),
    turn.button(d.btnDeals, { kind: 'command', name: 'deals' }),
  ]);
}

