/**
 * The follow-ups a deal gets after a walk (data/followups.yaml): when each reminder goes out and
 * what it says to the rep, and the messages for the customer it carries. Loaded and validated
 * like the rest of the playbook: a problem is reported as `file:line:col: path: problem`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, lineOf, PlaybookError, readValidated } from './playbook.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ zh: nonEmpty, en: nonEmpty });
const hour = z.number().int().min(0).max(23);
const days = z.number().int().min(1).max(60);

const followupsSchema = z.strictObject({
  timing: z.strictObject({ what: bilingual }),
  trust: z.strictObject({ what: bilingual }),
  deal_size: z.strictObject({ what: bilingual }),
  meeting_day: z.strictObject({ hour, before_hours: z.number().int().min(0).max(12), text: bilingual, confirmation: bilingual }),
  outcome: z.strictObject({ after_hours: z.number().int().min(0).max(48), after_days: days, hour, text: bilingual }),
  recontact: z.strictObject({
    after_days: days,
    hour,
    text: bilingual,
    openers: z.strictObject({ general: bilingual, special: bilingual, social: bilingual, any: bilingual }),
  }),
  repropose: z.strictObject({ after_days: days, hour, text: bilingual, message: bilingual }),
  snooze_days: days,
  max_open_deals: z.number().int().min(1).max(50),
});

export type Followups = z.infer<typeof followupsSchema>;

/** The placeholders a text may use: rep-facing texts all of them, customer-facing ones fewer. */
const FOR_REP = ['alias', 'when', 'date', 'time', 'what', 'product', 'days'];
const FOR_CUSTOMER = ['alias', 'when', 'time', 'what', 'product'];
/** Longest customer message, per language (characters). */
const CUSTOMER_MAX = { zh: 220, en: 400 } as const;

/** The paths of the customer-facing texts in the file. */
const CUSTOMER_TEXTS: string[][] = [
  ['meeting_day', 'confirmation'],
  ['recontact', 'openers', 'general'],
  ['recontact', 'openers', 'special'],
  ['recontact', 'openers', 'social'],
  ['recontact', 'openers', 'any'],
  ['repropose', 'message'],
];
const REP_TEXTS: string[][] = [['meeting_day', 'text'], ['outcome', 'text'], ['recontact', 'text'], ['repropose', 'text']];

/** Loads data/followups.yaml (or `file`), checked; throws a located PlaybookError. */
export function loadFollowups(file: string = join(DEFAULT_DATA_DIR, 'followups.yaml'), shownAs = 'followups.yaml'): Followups {
  const { data, doc, lines } = readValidated(file, shownAs, followupsSchema);
  const check = (path: string[], allowed: string[], max?: { zh: number; en: number }) => {
    const texts = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data) as { zh: string; en: string };
    for (const lang of ['zh', 'en'] as const) {
      const text = texts[lang];
      const at = [...path, lang];
      for (const [, name] of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        if (!allowed.includes(name!)) fail(at, `unknown placeholder {{${name}}} (allowed here: ${allowed.join(', ')})`);
      }
      if (max && [...text].length > max[lang]) fail(at, `a customer message may be at most ${max[lang]} characters (this one has ${[...text].length})`);
    }
  };
  const fail = (path: string[], problem: string): never => {
    const { line, col } = lineOf(doc, lines, path);
    throw new PlaybookError(shownAs, line, col, path.join('.'), problem);
  };
  for (const path of REP_TEXTS) check(path, FOR_REP);
  for (const path of CUSTOMER_TEXTS) check(path, FOR_CUSTOMER, CUSTOMER_MAX);
  return data;
}

/** Fills {{name}} placeholders; an unknown one is left as it is (the loader refuses those). */
export function fillFollowup(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
