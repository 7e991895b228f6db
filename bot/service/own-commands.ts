/**
 * The rep commands the conversation service answers itself, because they read or write the store
 * rather than the rep's coaching state: `/remind` (reminder settings, remind-command.ts) and a
 * manager's `/practice team on|off` (practice-tools.ts). Each gives the reply's text and language
 * and, for a refused manager switch, what to record; the service commits it as one turn.
 * Also what the engine needs from the store before a practice turn (`withStoreData`).
 */
import type { Lang, Party } from '../../data/vocabulary.ts';
import { decodeAction } from '../../dialogs/actions.ts';
import type { CoachInput } from '../../dialogs/engine.ts';
import { practiceRequestOf } from '../../dialogs/practice-mode.ts';
import type { Store } from '../../store/store.ts';
import { refusal } from './manager-tools.ts';
import { practiceTeamCommand, withPracticeData } from './practice-tools.ts';
import { remindArgs, remindLang, runRemindCommand } from './remind-command.ts';

export interface OwnCommandContext {
  store: Store;
  isManager(party: Pick<Party, 'channel' | 'userId'>): boolean;
  languageOf(party: Party): Promise<Lang>;
}

/** The answer to a command the service owns: its text, language, and a refusal to record. */
export interface OwnAnswer {
  text: string;
  lang: Lang;
  refused?: string;
}

/** Answers `input` when it is one of the service's own commands; undefined otherwise. */
export async function answerOwnCommand(context: OwnCommandContext, party: Party, input: CoachInput, at: number): Promise<OwnAnswer | undefined> {
  const remind = remindArgs(input);
  if (remind) {
    const lang = remindLang(remind, ('langHint' in input && input.langHint) || (await context.languageOf(party)));
    return { text: await runRemindCommand(context.store, party, remind, lang, at), lang };
  }
  const practice = practiceRequestOf(input, decodeAction);
  if (practice?.kind !== 'team') return undefined;
  const lang = await context.languageOf(party);
  if (!context.isManager(party)) return { text: refusal(lang), lang, refused: 'practice team' };
  return { text: await practiceTeamCommand(context.store, practice.on, `${party.channel}:${party.userId}`, lang, at), lang };
}

/** The input with what a practice turn needs from the store (the rep's rounds, the team's quotes if allowed); else as is. */
export async function withStoreData(store: Store, party: Party, input: CoachInput, at: number): Promise<CoachInput> {
  const practice = practiceRequestOf(input, decodeAction);
  return practice ? withPracticeData(store, party, input, practice, at) : input;
}
