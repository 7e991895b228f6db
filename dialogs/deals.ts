/**
 * Deals: each walk belongs to one customer's deal, kept in the rep's state. Which deal a walk is
 * for (obvious, or asked), the customer's short name (offered with the walk, skippable), the walk
 * left where it stood when the rep turns to another deal, and what a finished walk leaves on its
 * deal (its messages, the booked time, the need found) with the follow-ups it plans.
 */
import { cancelFollowUps, dateText, dueFollowUp, followUpsAfterWalk, planFollowUps } from './followups.ts';
import { NEW_QUOTE_CONFIDENCE } from './classify.ts';
import type { Turn } from './turn.ts';
import type { Deal, Objection, Quote, Walk } from './types.ts';

/**
 * Bounds that keep a rep's state small (it is written every turn): messages an open deal keeps
 * (the newest), messages a closed one keeps for /last, closed deals kept besides the open ones.
 */
const MAX_MESSAGES = 6;
const MAX_CLOSED_MESSAGES = 2;
const MAX_CLOSED = 10;
/** Longest customer name. */
export const ALIAS_MAX = 24;

export function dealById(turn: Turn, id: string | null): Deal | undefined {
  return id === null ? undefined : turn.state.deals.find((d) => d.id === id);
}

/** The deal the rep is working on, if it is still in the list. */
export function currentDeal(turn: Turn): Deal | undefined {
  return dealById(turn, turn.state.deal);
}

/** How the rep sees a deal: its name, or the start of its first quote. */
export function dealName(turn: Turn, deal: Deal): string {
  return deal.alias ?? turn.m.deals.unnamed(deal.quotes[0]?.text ?? '');
}

/** The rep's open deals, most urgent first: the soonest follow-up, then the longest untouched. */
export function openDeals(turn: Turn): Deal[] {
  const soonest = (d: Deal) => Math.min(...d.followUps.map((f) => f.at), Infinity);
  return turn.state.deals
    .filter((d) => !d.closed)
    .sort((a, b) => soonest(a) - soonest(b) || (a.updatedAt ?? 0) - (b.updatedAt ?? 0));
}

/** Marks a deal as touched now; a reminder that had come due counts as acted on. */
export function touch(turn: Turn, deal: Deal): void {
  const now = turn.clock?.now;
  if (now === undefined) return;
  const due = dueFollowUp(turn, deal);
  if (due && !deal.followedUp && (deal.updatedAt ?? 0) < due.at) {
    deal.followedUp = true;
    turn.record({ kind: 'deal', deal: deal.id, change: 'acted', detail: due.kind });
  }
  deal.updatedAt = now;
}

/** A new deal for the quote on the table (the dialog that began it names it). */
function openDeal(turn: Turn): Deal {
  const state = turn.state;
  let id = state.dialog ?? `d${state.deals.length + 1}`;
  while (state.deals.some((d) => d.id === id)) id += '+';
  const now = turn.clock?.now ?? null;
  const deal: Deal = { id, alias: null, named: false, quotes: [], messages: [], next: null, need: null, followUps: [], sent: false, outcome: null, closed: false, followedUp: false, openedAt: now, updatedAt: now, parked: null };
  state.deals.push(deal);
  turn.record({ kind: 'deal', deal: id, change: 'opened' });
  trim(turn);
  return deal;
}

/** Keeps the list bounded: the least recently touched open deals beyond the limit are closed, old closed ones dropped. */
function trim(turn: Turn): void {
  const state = turn.state;
  const open = state.deals.filter((d) => !d.closed).sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  for (const deal of open.slice(turn.deps.followups.max_open_deals)) closeDeal(turn, deal);
  const closed = state.deals.filter((d) => d.closed);
  const drop = new Set(closed.slice(0, Math.max(0, closed.length - MAX_CLOSED)).map((d) => d.id));
  if (drop.size) state.deals = state.deals.filter((d) => !drop.has(d.id));
}

/** Closes a deal: its reminders are cancelled. */
export function closeDeal(turn: Turn, deal: Deal): void {
  deal.closed = true;
  deal.parked = null;
  deal.messages = deal.messages.slice(-MAX_CLOSED_MESSAGES);
  cancelFollowUps(turn, deal);
  turn.record({ kind: 'deal', deal: deal.id, change: 'closed', detail: deal.outcome ?? undefined });
  if (turn.state.deal === deal.id) turn.state.deal = null;
}

/** The quote goes on the deal (once per dialog), and the deal becomes the current one. */
function attach(turn: Turn, deal: Deal, quote: Quote, label: Objection): void {
  const dialog = turn.state.dialog;
  const fresh = deal.quotes.length === 0;
  const known = deal.quotes.find((q) => q.dialog !== null && q.dialog === dialog);
  if (known) known.label = label;
  else deal.quotes = [...deal.quotes, { text: quote.text, label, dialog }].slice(-10);
  if (!fresh && turn.state.deal !== deal.id) turn.record({ kind: 'deal', deal: deal.id, change: 'switched' });
  turn.state.deal = deal.id;
  touch(turn, deal);
}

/**
 * The deal a walk about to start is for: the current one when this quote is already on it (a
 * restart), an open deal whose name the quote mentions, a new one when none is open; otherwise
 * the rep is asked (undefined; the walk starts once they answer).
 */
export function dealForWalk(turn: Turn, quote: Quote, label: Objection): Deal | undefined {
  const state = turn.state;
  const current = currentDeal(turn);
  const open = openDeals(turn);
  const chosen =
    (current && !current.closed && current.quotes.some((q) => q.dialog !== null && q.dialog === state.dialog) ? current : undefined) ??
    open.find((d) => d.alias && quote.text.toLowerCase().includes(d.alias.toLowerCase())) ??
    (open.length === 0 ? openDeal(turn) : undefined);
  if (chosen) {
    attach(turn, chosen, quote, label);
    return chosen;
  }
  askWhich(turn, quote, label);
  return undefined;
}

/** Which deal is this walk for? The most recent open deals, and "new customer". */
export function askWhich(turn: Turn, quote: Quote, label: Objection): void {
  turn.to({ mode: 'which', quote, label });
  const recent = openDeals(turn).sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0)).slice(0, 5);
  turn.say(turn.m.deals.whichDeal, [
    ...recent.map((d) => turn.button(`👤 ${dealName(turn, d)}`, { kind: 'which', deal: d.id })),
    turn.button(turn.m.deals.btnNewCustomer, { kind: 'which', deal: null }),
  ]);
}

/** The rep's answer to "which customer?": the walk starts on that deal (or a new one). */
export function answerWhich(turn: Turn, id: string | null): { deal: Deal; quote: Quote; label: Objection } | undefined {
  const state = turn.state;
  if (state.mode !== 'which') return undefined;
  const existing = dealById(turn, id);
  const deal = existing && !existing.closed ? existing : id === null ? openDeal(turn) : undefined;
  if (!deal) return undefined;
  attach(turn, deal, state.quote, state.label);
  return { deal, quote: state.quote, label: state.label };
}

/** With a new deal's first walk: the customer's name, asked once, skippable (the line shown above the step). */
export function offerAlias(turn: Turn, deal: Deal): string | undefined {
  if (deal.named) return undefined;
  deal.named = true;
  return turn.m.deals.aliasOffer;
}

/**
 * A short text typed at the walk's first step, right after the name was offered: the customer's
 * name — unless it reads, with confidence, as a customer objection.
 */
export function takeAlias(turn: Turn, text: string): boolean {
  const state = turn.state;
  const deal = currentDeal(turn);
  if (state.mode !== 'walk' || !deal || deal.alias !== null || !deal.named || state.walk.history.length > 0) return false;
  if (turn.current(state.walk).ask) return false;
  const name = text.trim().replace(/^[@👤]\s*/u, '').replace(/[。.！!]+$/u, '');
  const words = name.split(/\s+/u).length;
  if (!name || [...name].length > ALIAS_MAX || words > 4 || /[?？,，;；:\n]/u.test(name) || /^\d+$/u.test(name)) return false;
  const guess = turn.deps.classifier.classify(name);
  if (!guess.unsure && guess.label !== 'none' && guess.confidence >= NEW_QUOTE_CONFIDENCE) return false;
  deal.alias = name;
  turn.record({ kind: 'deal', deal: deal.id, change: 'named' });
  turn.say(turn.m.deals.aliasSaved(name));
  return true;
}

/** Leaves the walk in progress on its deal, to be resumed from /deals. */
export function parkWalk(turn: Turn): void {
  const state = turn.state;
  const deal = currentDeal(turn);
  if (!deal || (state.mode !== 'walk' && state.mode !== 'switch')) return;
  deal.parked = { mode: 'walk', quote: state.quote, walk: structuredClone(state.walk) };
}

/** What a finished walk leaves on its deal; the follow-ups it plans. Returns the deal. */
export function walkDone(turn: Turn, walk: Walk, messages: string[]): Deal | undefined {
  const deal = currentDeal(turn);
  if (!deal) return undefined;
  deal.messages = [...deal.messages, ...messages].slice(-MAX_MESSAGES);
  deal.parked = null;
  deal.sent = false;
  if (walk.objection === 'timing' && walk.answers.need) deal.need = walk.answers.need;
  if (walk.when?.confirmed) {
    const answer = Object.entries(walk.answers).find(([id]) => turn.step(walk.objection, id)?.slot === 'time')?.[1];
    deal.next = { at: walk.when.at, text: answer ?? walk.when.text };
    turn.record({ kind: 'deal', deal: deal.id, change: 'dated', detail: new Date(walk.when.at).toISOString() });
  }
  touch(turn, deal);
  planFollowUps(turn, deal, followUpsAfterWalk(turn, deal));
  return deal;
}

/** The sentence that says what the follow-ups will be. */
export function planLine(turn: Turn, deal: Deal): string {
  const d = turn.m.deals;
  const [first, second] = deal.followUps;
  if (!first) return d.planNone;
  if (first.kind === 'meeting_day' && second) return d.planMeeting(dateText(turn, first.at), dateText(turn, second.at));
  if (first.kind === 'recontact') return d.planRecontact(dateText(turn, first.at));
  if (first.kind === 'repropose') return d.planRepropose(dateText(turn, first.at));
  return d.planOutcome(dateText(turn, first.at));
}
