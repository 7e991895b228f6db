/** Console rendering (bot/console/render.ts): numbered buttons, the team post marked, colours only when asked. */
import { describe, expect, it } from 'vitest';
import { renderEcho, renderFailure, renderReply, renderSaved } from '../../../bot/console/render.ts';

describe('console rendering', () => {
  it('numbers the buttons for the rep to answer with', () => {
    expect(renderReply({ kind: 'message', text: 'Step 1', buttons: [{ label: 'Next ▶', action: 'next' }, { label: 'Why?', action: 'why' }] })).toBe('Step 1\n  [1] Next ▶\n  [2] Why?');
  });

  it('marks a team post as going to the team', () => {
    expect(renderReply({ kind: 'team_post', text: '📣 Team share' })).toBe('→ team:\n📣 Team share');
  });

  it('paints only with the painter it is given (a terminal), plain otherwise (a pipe)', () => {
    const paint = (code: string, text: string) => `<${code}>${text}</>`;
    expect(renderReply({ kind: 'message', text: 'hi', buttons: [{ label: 'Go', action: 'go' }] }, paint)).toBe('<36>hi</>\n<33>  [1] Go</>');
    expect(renderFailure('oops', paint)).toBe('<31>oops</>');
    expect(renderSaved('/tmp/a.csv')).toBe('→ /tmp/a.csv');
    expect(renderEcho('hello')).toBe('> hello');
  });
});
