/**
 * The reviewed feedback file, `feedback.yaml` in the playbook folder: reps' corrections that a
 * manager accepted on the dashboard, with who accepted them and when. Training reads it as more
 * utterances (at the next start), so the classifier learns from the field.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Label } from './playbook.ts';

export const FEEDBACK_FILE = 'feedback.yaml';

export interface FeedbackEntry {
  text: string;
  label: Label;
  /** The classifier's label, which the rep corrected. */
  was: Label;
  accepted_by: string;
  accepted_at: string;
  dialog: string;
}

const HEADER = `# Reviewed feedback: reps' corrections accepted by a manager on the dashboard.
# Training reads every entry as an utterance of its label (after the next start).
# Written by the dashboard; a manager may delete an entry to take it back.
`;

/** Appends one accepted correction to the feedback file in `dataDir`. */
export function appendFeedback(dataDir: string, entry: FeedbackEntry): void {
  const file = join(dataDir, FEEDBACK_FILE);
  if (!existsSync(file)) writeFileSync(file, HEADER);
  appendFileSync(file, stringify([entry], { lineWidth: 0 }));
}
