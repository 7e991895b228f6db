/**
 * The dashboard's practice view (`/dashboard/practice`): the team's practice rounds by objection
 * type and by rep — rounds, the share of technique moves hit, the move missed most, mistakes —
 * kept apart from real deals (the other pages count none of it), and the switch that lets rounds
 * open with the team's real quotes. Rendered on the server, usable on a 390 px phone (tables as
 * cards).
 */
import { OBJECTIONS, type Objection } from '../../data/playbook.ts';
import { loadPractice, techniques, type Move, type PracticeData } from '../../data/practice.ts';
import { practiceStats, type PracticeResult, type TypeStats } from '../../dialogs/practice/index.ts';
import type { PracticeRow } from '../../store/store.ts';
import { html } from './html.ts';
import { labelName, layout, link, t, type PageContext } from './layout.ts';

/** One rep's practice: who, and their figures per type. */
export interface RepPractice {
  userId: string;
  userName: string;
  channel: string;
  rounds: number;
  byType: Partial<Record<Objection, TypeStats>>;
}

/** The team's practice and each rep's, from the finished rounds (oldest first). */
export function practiceByRep(rows: PracticeRow[]): { team: ReturnType<typeof practiceStats>; reps: RepPractice[] } {
  const records = (list: PracticeRow[]) => list.map((r) => ({ at: new Date(r.at).toISOString(), result: r.result as PracticeResult }));
  const byRep = new Map<string, PracticeRow[]>();
  for (const row of rows) {
    const key = `${row.channel}:${row.userId}`;
    byRep.set(key, [...(byRep.get(key) ?? []), row]);
  }
  const reps = [...byRep.values()].map((list) => {
    const last = list.at(-1)!;
    const stats = practiceStats(records(list));
    return { userId: last.userId, userName: last.userName, channel: last.channel, rounds: stats.rounds, byType: stats.byType };
  });
  return { team: practiceStats(records(rows)), reps: reps.sort((a, b) => b.rounds - a.rounds) };
}

let data: PracticeData | undefined;
const practiceData = () => (data ??= loadPractice());

/** Hit rate, the move missed most and the mistakes of one type's figures. */
function figures(ctx: PageContext, type: Objection, s: TypeStats) {
  const d = practiceData();
  const moves = techniques(d, type);
  const hits = moves.reduce((n, m) => n + (s.hits[m] ?? 0), 0);
  const rate = s.rounds ? Math.round((100 * hits) / (s.rounds * moves.length)) : 0;
  const weakest = [...moves].sort((a, b) => (s.hits[a] ?? 0) - (s.hits[b] ?? 0))[0];
  const missed = weakest && (s.hits[weakest] ?? 0) < s.rounds ? `${d.moves[weakest].name[ctx.lang]} (${s.rounds - (s.hits[weakest] ?? 0)}/${s.rounds})` : '—';
  const mistakes = Object.entries(s.mistakes).map(([m, n]) => `${d.moves[m as Move].name[ctx.lang]} ${n}`).join(' · ') || '—';
  return { rate: `${rate}%`, missed, mistakes };
}

export function practicePage(ctx: PageContext, rows: PracticeRow[], days: number, teamQuotes: boolean): string {
  const words = t(ctx);
  const { team, reps } = practiceByRep(rows);
  const periods = [7, 30, 90].map((n) => html`<a href="${link(ctx, '/dashboard/practice', { days: n })}" class="${n === days ? 'active' : ''}">${words.lastDays(n)}</a>`);
  const header = html`<tr><th>${words.type}</th><th>${words.practiceRounds}</th><th>${words.practiceHit}</th><th>${words.practiceMissed}</th><th>${words.practiceMistakes}</th></tr>`;
  const typeRow = (type: Objection, s: TypeStats) => {
    const f = figures(ctx, type, s);
    return html`<tr><td>${labelName(ctx, type)}</td><td data-label="${words.practiceRounds}">${s.rounds}</td><td data-label="${words.practiceHit}">${f.rate}</td><td data-label="${words.practiceMissed}">${f.missed}</td><td data-label="${words.practiceMistakes}">${f.mistakes}</td></tr>`;
  };
  const types = (byType: Partial<Record<Objection, TypeStats>>) => OBJECTIONS.flatMap((type) => (byType[type] ? [typeRow(type, byType[type]!)] : []));
  return layout(
    ctx,
    'practice',
    html`<div class="periods" data-test="periods">${periods}</div>
<p class="notice" data-test="practice-intro">${words.practiceIntro}</p>
<form class="filters" method="post" action="/dashboard/practice/team?lang=${ctx.lang}" data-test="team-quotes">
  <input type="hidden" name="csrf" value="${ctx.csrf ?? ''}"><input type="hidden" name="on" value="${teamQuotes ? 'off' : 'on'}">
  <span>${words.teamQuotes(teamQuotes)}</span> <button class="primary">${teamQuotes ? words.teamQuotesOff : words.teamQuotesOn}</button>
</form>
${rows.length === 0
  ? html`<p class="empty">${words.noPractice}</p>`
  : html`<section class="card"><h2>${words.practiceTeam}</h2><table class="cards" data-test="practice-team">${header}${types(team.byType)}</table></section>
<section class="card wide"><h2>${words.practiceByRep}</h2><table class="cards" data-test="practice-reps">${header}
${reps.map((r) => html`<tr class="group"><th colspan="5">${r.userName} <span class="tag">${r.channel}</span> · ${r.rounds}</th></tr>${types(r.byType)}`)}
</table></section>`}`,
  );
}
