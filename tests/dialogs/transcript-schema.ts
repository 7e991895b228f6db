/**
 * The shape of a transcript file (tests/transcripts/*.yaml), checked before it runs: a typo
 * such as `bots:` or an unknown event kind fails loudly, naming the file and the field.
 *
 * A transcript is a list of turns; each turn is one thing the rep does —
 *   rep: text            the rep types (commands like "/tip" are parsed as the channels do)
 *   press: label         the rep presses the offered button whose label contains this
 *   action: id           a raw button action (e.g. an old, stale button)
 *   state: {...}         replaces the stored state first (to test old versions)
 *   context: group       the text comes from a team group (one short answer)
 *   reminder: kind       the scheduler delivers the reminder of that kind planned last (its text
 *                        and buttons are checked like a reply; the engine is not called)
 *   at: ISO time         (with any of the above) the clock reads this from now on
 * — and what must follow:
 *   bot: [..]            texts that must appear in the replies ("/regex/" for a pattern)
 *   not: [..]            texts that must not appear
 *   buttons: [..]        button labels that must be offered (substrings)
 *   events: [..]         audit event kinds that must be emitted
 *   mode: walk           the engine's mode afterwards
 *   schedules: [..]      follow-up kinds the turn schedules (meeting_day, outcome, recontact, repropose)
 *   cancels: true        the turn cancels reminders (false: it cancels none)
 * A transcript may start with `clock: {now, timeZone}`: the service's clock and the rep's zone,
 * passed with every input (without it, no dates are read and no follow-ups planned). It may with `profile: {industry, product}`: what the rep sells, as if said
 * before (without it, the first walk asks).
 */
import { z } from 'zod';
import type { CoachEvent, Mode } from '../../dialogs/engine.ts';

const EVENT_KINDS = ['classified', 'dialog_started', 'corrected', 'walk_started', 'step', 'walk_finished', 'outcome', 'rejected', 'compliance_override', 'deal'] as const satisfies readonly CoachEvent['kind'][];
const MODES = ['idle', 'classified', 'choosing', 'walk', 'switch', 'outcome', 'profile', 'which'] as const satisfies readonly Mode[];

const texts = z.array(z.string().min(1)).min(1);

export const turnSchema = z
  .strictObject({
    rep: z.string().optional(),
    press: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    state: z.unknown().optional(),
    context: z.enum(['private', 'group']).optional(),
    bot: texts.optional(),
    not: texts.optional(),
    buttons: texts.optional(),
    events: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
    mode: z.enum(MODES).optional(),
    reminder: z.enum(['meeting_day', 'outcome', 'recontact', 'repropose']).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    schedules: z.array(z.enum(['meeting_day', 'outcome', 'recontact', 'repropose'])).min(1).optional(),
    cancels: z.boolean().optional(),
  })
  .refine((t) => [t.rep, t.press, t.action, t.reminder].filter((x) => x !== undefined).length === 1, { message: 'a turn does exactly one of rep, press, action or reminder' })
  .refine((t) => t.context === undefined || t.rep !== undefined, { message: 'context goes with rep' });

export const transcriptSchema = z.strictObject({
  title: z.string().min(1),
  lang: z.enum(['zh', 'en']).optional(),
  /** What the rep sells, set before the first turn (without it, the first walk asks). */
  profile: z.strictObject({ industry: z.string().min(1), product: z.string().min(1).nullable().default(null) }).optional(),
  /** The clock and the rep's zone the turns run with (dates read, follow-ups planned). */
  clock: z.strictObject({ now: z.iso.datetime({ offset: true }), timeZone: z.string().min(1) }).optional(),
  turns: z.array(turnSchema).min(1),
});

export type Transcript = z.infer<typeof transcriptSchema>;
export type TranscriptTurn = z.infer<typeof turnSchema>;

/** A transcript read from YAML, or an error naming the file and each wrong field. */
export function parseTranscript(file: string, data: unknown): Transcript {
  const result = transcriptSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  throw new Error(`${file} is not a valid transcript:\n${problems.join('\n')}`);
}
