/**
 * Command handling: what each rep command of the command table does. Commands arrive parsed
 * (a name and its arguments) from any channel, or from a button (why, back, tip…), or as a word
 * typed at any step ("返回", "why").
 */
import type { EngineCommandName } from './commands.ts';
import { dealsCommand, lastCommand } from './deal-views.ts';
import { closeDeal, currentDeal } from './deals.ts';
import { knowledge, margin, setLanguage, tip } from './knowledge.ts';
import { showCurrent, showHelp } from './present.ts';
import { practiceCommand, stopPractice, whyPractice } from './practice-mode.ts';
import { profileCommand } from './profile.ts';
import type { Turn } from './turn.ts';
import { back, restart } from './walk.ts';

type Handler = (turn: Turn, args: string[]) => void;

/** What each command the engine answers does (managers' commands are the service's). */
const HANDLERS = new Map<string, Handler>(
  Object.entries({
    start,
    help: (turn) => showHelp(turn),
    tip: (turn) => tip(turn),
    kb: knowledge,
    margin,
    lang: setLanguage,
    profile: (turn, args) => profileCommand(turn, args),
    deals: (turn) => dealsCommand(turn),
    last: (turn) => lastCommand(turn),
    back: (turn) => back(turn),
    restart: (turn) => restart(turn),
    cancel,
    why: (turn) => why(turn),
    practice: practiceCommand,
  } satisfies Record<EngineCommandName, Handler>),
);

/** Runs a command by name; an unknown name is answered (and recorded), never obeyed. */
export function handleCommand(turn: Turn, name: string, args: string[]): void {
  const handler = HANDLERS.get(name.toLowerCase());
  if (handler) return handler(turn, args);
  turn.record({ kind: 'rejected', reason: 'unknown_command' });
  turn.say(turn.m.unknownCommand(name));
}

/** /start: a welcome and the commands (saying what the bot does once), or — back in a conversation that was going on — where it was. */
function start(turn: Turn): void {
  if (turn.state.mode !== 'idle') {
    turn.say(turn.m.welcomeBack);
    return showCurrent(turn);
  }
  turn.say(turn.m.welcome);
  showHelp(turn, false);
}

function cancel(turn: Turn): void {
  if (turn.state.mode === 'idle') return turn.say(turn.m.nothingToCancel);
  if (turn.state.mode === 'practice') return stopPractice(turn);
  // A deal the cancelled walk had only just opened (no name, no message, nothing booked) goes too.
  const deal = currentDeal(turn);
  if (deal && !deal.closed && !deal.alias && !deal.messages.length && !deal.next && deal.quotes.length <= 1 && turn.state.mode !== 'outcome') closeDeal(turn, deal);
  turn.to({ mode: 'idle' });
  turn.say(turn.m.cancelled);
}

/** The principle behind the current step, or behind the type shown; else the help. */
export function why(turn: Turn): void {
  const state = turn.state;
  switch (state.mode) {
    case 'walk':
    case 'switch':
      return turn.say(turn.m.why + turn.current(state.walk).why[turn.lang]);
    case 'outcome':
      return turn.say(turn.m.why + turn.technique(state.walk.objection));
    case 'classified':
    case 'choosing':
      if (state.label !== 'none') return turn.say(turn.m.why + turn.technique(state.label));
      return showHelp(turn);
    case 'profile':
      return turn.say(turn.m.why + turn.m.profileWhy);
    case 'practice':
      return whyPractice(turn);
    case 'which':
      return turn.say(turn.m.why + turn.technique(state.label));
    case 'idle':
      return showHelp(turn);
  }
}
