/**
 * Runs every conversation in tests/transcripts/*.yaml through the coaching engine.
 *
 * A transcript is a list of turns; each turn is one thing the rep does —
 *   rep: text            the rep types (commands like "/tip" included)
 *   press: label         the rep presses the offered button whose label contains this
 *   action: id           a raw button action id (e.g. an old, stale button)
 *   state: {...}         replaces the stored state first (to test old versions)
 *   brief: true          the text comes from a team group (short answer, no buttons)
 * — and what must follow:
 *   bot: [..]            texts that must appear in the replies ("/regex/" for a pattern)
 *   not: [..]            texts that must not appear
 *   buttons: [..]        button labels that must be offered (substrings)
 *   events: [..]         audit event kinds that must be emitted
 *   mode: walk           the engine's mode afterwards
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPlaybook } from '../../data/playbook.ts';
import { createEngine, type Button, type CoachInput, type CoachState } from '../../dialogs/engine.ts';
import { ObjectionClassifier } from '../../intents/classifier.ts';
import { ROOT } from '../helpers.ts';

interface Turn {
  rep?: string;
  press?: string;
  action?: string;
  state?: unknown;
  brief?: boolean;
  bot?: string[];
  not?: string[];
  buttons?: string[];
  events?: string[];
  mode?: CoachState['mode'];
}

interface Transcript {
  title: string;
  lang?: 'zh' | 'en';
  turns: Turn[];
}

const playbook = loadPlaybook();
const engine = createEngine(playbook, ObjectionClassifier.build(playbook));
const dir = join(ROOT, 'tests', 'transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function matches(haystack: string, needle: string): boolean {
  if (needle.length > 2 && needle.startsWith('/') && needle.endsWith('/')) return new RegExp(needle.slice(1, -1), 'u').test(haystack);
  return haystack.includes(needle);
}

describe.each(files)('%s', (file) => {
  const transcript = parse(readFileSync(join(dir, file), 'utf8')) as Transcript;

  it(transcript.title, () => {
    let state: unknown = engine.initialState(transcript.lang);
    let buttons: Button[] = [];
    transcript.turns.forEach((turn, index) => {
      const where = `${file} turn ${index + 1}`;
      if (turn.state !== undefined) state = turn.state;
      let input: CoachInput;
      if (turn.press !== undefined) {
        const button = buttons.find((b) => b.label.includes(turn.press!));
        expect(button, `${where}: no button "${turn.press}" among ${JSON.stringify(buttons.map((b) => b.label))}`).toBeDefined();
        input = { type: 'action', action: button!.action };
      } else if (turn.action !== undefined) {
        input = { type: 'action', action: turn.action };
      } else {
        input = { type: 'text', text: turn.rep ?? '', langHint: transcript.lang, brief: turn.brief };
      }
      const result = engine.handle(state, input);
      // The state must survive a trip through JSON storage.
      state = JSON.parse(JSON.stringify(result.state));
      const offered = result.replies.flatMap((r) => r.buttons ?? []);
      if (offered.length) buttons = result.replies.filter((r) => r.buttons?.length).at(-1)!.buttons!;
      const text = result.replies.map((r) => (r.audience === 'team' ? `[to the team]\n${r.text}` : r.text)).join('\n---\n');
      for (const reply of result.replies) {
        for (const b of reply.buttons ?? []) expect(Buffer.byteLength(b.action), `${where}: action too long for Telegram`).toBeLessThanOrEqual(64);
      }
      for (const needle of turn.bot ?? []) expect(matches(text, needle), `${where}: expected "${needle}" in:\n${text}`).toBe(true);
      for (const needle of turn.not ?? []) expect(matches(text, needle), `${where}: did not expect "${needle}" in:\n${text}`).toBe(false);
      for (const label of turn.buttons ?? []) {
        expect(offered.some((b) => b.label.includes(label)), `${where}: expected button "${label}" among ${JSON.stringify(offered.map((b) => b.label))}`).toBe(true);
      }
      const kinds = result.events.map((e) => e.kind);
      for (const kind of turn.events ?? []) expect(kinds, `${where}: events`).toContain(kind);
      if (turn.mode) expect((result.state as CoachState).mode, `${where}: mode`).toBe(turn.mode);
    });
  });
});
