/**
 * Runs every conversation in tests/transcripts/*.yaml through the coaching engine, as a channel
 * would: typed commands parsed first, the state stored as JSON between turns. The file format
 * is in transcript-schema.ts (validated before a transcript runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPlaybook } from '../../data/playbook.ts';
import { MAX_ACTION_BYTES } from '../../dialogs/actions.ts';
import { inputFromText } from '../../dialogs/commands.ts';
import { createEngine, type Button, type CoachInput, type CoachState, type PlannedReminder } from '../../dialogs/engine.ts';
import { ROOT } from '../helpers.ts';
import { parseTranscript } from './transcript-schema.ts';
import { loadClassifier } from '../../intents/model-cache.ts';

const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));
const dir = join(ROOT, 'tests', 'transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function matches(haystack: string, needle: string): boolean {
  if (needle.length > 2 && needle.startsWith('/') && needle.endsWith('/')) return new RegExp(needle.slice(1, -1), 'u').test(haystack);
  return haystack.includes(needle);
}

describe('the transcript format', () => {
  it('rejects a typo loudly, naming the field', () => {
    const typo = { title: 't', turns: [{ rep: 'hello', bots: ['x'] }] };
    expect(() => parseTranscript('typo.yaml', typo)).toThrow(/typo\.yaml[\s\S]*turns\.0[\s\S]*bots/);
  });
  it('rejects an unknown event kind and a turn that does two things', () => {
    expect(() => parseTranscript('e.yaml', { title: 't', turns: [{ rep: 'x', events: ['clasified'] }] })).toThrow(/turns\.0\.events\.0/);
    expect(() => parseTranscript('two.yaml', { title: 't', turns: [{ rep: 'x', press: 'y' }] })).toThrow(/exactly one/);
  });
});

describe.each(files)('%s', (file) => {
  const transcript = parseTranscript(file, parse(readFileSync(join(dir, file), 'utf8')));

  it(transcript.title, () => {
    let state: unknown = { ...engine.initialState(transcript.lang), ...(transcript.profile ? { profile: transcript.profile } : {}) };
    let buttons: Button[] = [];
    let now = transcript.clock ? Date.parse(transcript.clock.now) : undefined;
    const planned = new Map<string, PlannedReminder>();
    transcript.turns.forEach((turn, index) => {
      const where = `${file} turn ${index + 1}`;
      if (turn.state !== undefined) state = turn.state;
      if (turn.at !== undefined) now = Date.parse(turn.at);
      if (turn.reminder !== undefined) {
        // The scheduler sends a reminder: the rep sees its text and can press its buttons.
        const sent = [...planned.values()].filter((r) => r.kind === turn.reminder).at(-1);
        expect(sent, `${where}: no ${turn.reminder} reminder planned`).toBeDefined();
        for (const needle of turn.bot ?? []) expect(matches(sent!.payload.text, needle), `${where}: expected "${needle}" in:\n${sent!.payload.text}`).toBe(true);
        for (const needle of turn.not ?? []) expect(matches(sent!.payload.text, needle), `${where}: did not expect "${needle}" in:\n${sent!.payload.text}`).toBe(false);
        buttons = sent!.payload.buttons ?? [];
        for (const label of turn.buttons ?? []) expect(buttons.some((b) => b.label.includes(label)), `${where}: expected button "${label}" among ${JSON.stringify(buttons.map((b) => b.label))}`).toBe(true);
        return;
      }
      const clock = transcript.clock && now !== undefined ? { clock: { now, timeZone: transcript.clock.timeZone } } : {};
      let input: CoachInput;
      if (turn.press !== undefined) {
        const button = buttons.find((b) => b.label.includes(turn.press!));
        expect(button, `${where}: no button "${turn.press}" among ${JSON.stringify(buttons.map((b) => b.label))}`).toBeDefined();
        input = { type: 'action', action: button!.action, ...clock };
      } else if (turn.action !== undefined) {
        input = { type: 'action', action: turn.action, ...clock };
      } else {
        input = { ...inputFromText(turn.rep ?? '', { langHint: transcript.lang, context: turn.context }), ...clock };
      }
      const result = engine.handle(state, input);
      for (const cancel of result.followUps?.cancel ?? []) for (const [id, r] of planned) if (r.deal === cancel.deal && (!cancel.kinds || cancel.kinds.includes(r.kind))) planned.delete(id);
      for (const r of result.followUps?.schedule ?? []) {
        planned.delete(r.id);
        planned.set(r.id, r);
        for (const b of r.payload.buttons ?? []) expect(Buffer.byteLength(b.action), `${where}: reminder action too long for Telegram`).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      }
      if (turn.schedules) expect(result.followUps?.schedule.map((r) => r.kind) ?? [], `${where}: reminders scheduled`).toEqual(turn.schedules);
      if (turn.cancels !== undefined) expect((result.followUps?.cancel.length ?? 0) > 0, `${where}: reminders cancelled`).toBe(turn.cancels);
      // The state must survive a trip through JSON storage.
      state = JSON.parse(JSON.stringify(result.state));
      const offered = result.replies.flatMap((r) => r.buttons ?? []);
      if (offered.length) buttons = result.replies.filter((r) => r.buttons?.length).at(-1)!.buttons!;
      const text = result.replies.map((r) => (r.kind === 'team_post' ? `[to the team]\n${r.text}` : r.text)).join('\n---\n');
      for (const b of offered) expect(Buffer.byteLength(b.action), `${where}: action too long for Telegram`).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      for (const needle of turn.bot ?? []) expect(matches(text, needle), `${where}: expected "${needle}" in:\n${text}`).toBe(true);
      for (const needle of turn.not ?? []) expect(matches(text, needle), `${where}: did not expect "${needle}" in:\n${text}`).toBe(false);
      for (const label of turn.buttons ?? []) {
        expect(offered.some((b) => b.label.includes(label)), `${where}: expected button "${label}" among ${JSON.stringify(offered.map((b) => b.label))}`).toBe(true);
      }
      const kinds = result.events.map((e) => e.kind);
      for (const kind of turn.events ?? []) expect(kinds, `${where}: events`).toContain(kind);
      if (turn.mode) expect((result.state as CoachState).mode, `${where}: mode`).toBe(turn.mode);
      expect(result.lang, `${where}: the result's language is the state's`).toBe((result.state as CoachState).lang);
    });
  });
});
