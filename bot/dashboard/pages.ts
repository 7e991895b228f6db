/**
 * The dashboard's overview and dialog list, rendered on the server as plain HTML (every value
 * escaped by `html`), with one small script that draws the overview's charts.
 */
import { LABELS } from '../../data/playbook.ts';
import type { DialogFilter, DialogPage, Overview } from '../../store/dashboard.ts';
import type { Override } from '../../store/store.ts';
import { ruleTitle, stepTitle } from '../service/audit-view.ts';
import { html, jsonForScript, raw } from './html.ts';
import { labelName, layout, link, t, when, type PageContext } from './layout.ts';
import { pipelineSection } from './pipeline.ts';
import { startOfDay } from './timezone.ts';
import type { Pipeline } from '../../store/store.ts';

const DAY_MS = 86_400_000;

/** The overview: per type per day, the walk funnel, busiest hours, per rep, corrections, compliance overrides, the open-deal pipeline. */
export function overviewPage(ctx: PageContext, data: Overview, days: number, period: { sinceMs: number; untilMs: number }, offsetMinutes: number, overrides: Override[] = [], pipeline?: Pipeline): string {
  const words = t(ctx);
  const firstDay = Math.floor((period.sinceMs + offsetMinutes * 60_000) / DAY_MS);
  const lastDay = Math.floor((period.untilMs - 1 + offsetMinutes * 60_000) / DAY_MS);
  const dayNumbers = Array.from({ length: lastDay - firstDay + 1 }, (_, i) => firstDay + i);
  const perDay = Object.fromEntries(LABELS.map((label) => [label, dayNumbers.map((day) => data.perDay.find((r) => r.day === day && r.label === label)?.n ?? 0)]));
  const chartData = {
    days: dayNumbers.map((day) => new Date(day * DAY_MS).toISOString().slice(5, 10)),
    labels: LABELS,
    labelNames: Object.fromEntries(LABELS.map((l) => [l, labelName(ctx, l)])),
    perDay,
    funnelTitle: words.funnel,
    funnelLabels: words.funnelSteps,
    funnel: [data.funnel.dialogs, data.funnel.started, data.funnel.finished, data.funnel.booked],
    perHourTitle: words.perHour,
    hours: Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
    perHour: Array.from({ length: 24 }, (_, h) => data.perHour.find((r) => r.hour === h)?.n ?? 0),
  };
  const periods = [7, 30, 90].map((n) => html`<a href="${link(ctx, '/dashboard', { days: n })}" class="${n === days ? 'active' : ''}">${words.lastDays(n)}</a>`);
  const empty = data.funnel.dialogs === 0;
  return layout(
    ctx,
    'overview',
    html`<div class="periods" data-test="periods">${periods}</div>
${empty ? html`<p class="empty">${words.noData}</p>` : ''}
<div class="grid">
  <section class="card"><h2>${words.perDay}</h2><div class="chart"><canvas id="chart-per-day"></canvas></div></section>
  <section class="card"><h2>${words.funnel}</h2><div class="chart"><canvas id="chart-funnel"></canvas></div></section>
  <section class="card"><h2>${words.perHour}</h2><div class="chart"><canvas id="chart-per-hour"></canvas></div></section>
  <section class="card"><h2>${words.correctionRate}</h2>
    <div class="scroll"><table data-test="corrections"><tr><th>${words.predictedType}</th><th>${words.total}</th><th>${words.corrected}</th><th>${words.rate}</th></tr>
    ${data.corrections.map((c) => html`<tr><td>${labelName(ctx, c.label)}</td><td>${c.classified}</td><td>${c.corrected}</td><td>${c.classified ? Math.round((100 * c.corrected) / c.classified) : 0}%</td></tr>`)}
    </table></div>
  </section>
</div>
<section class="card wide"><h2>${words.perRep}</h2>
  <div class="scroll"><table data-test="per-rep"><tr><th>${words.rep}</th>${LABELS.map((l) => html`<th>${labelName(ctx, l)}</th>`)}<th>${words.total}</th></tr>
  ${data.perRep.map((r) => html`<tr><td><a href="${link(ctx, '/dashboard/dialogs', { rep: r.userId })}">${r.userName}</a> <span class="tag">${r.channel}</span></td><td>${r.timing}</td><td>${r.deal_size}</td><td>${r.trust}</td><td>${r.none}</td><td>${r.total}</td></tr>`)}
  </table></div>
</section>
<section class="card wide"><h2>${words.overrides} (${overrides.length})</h2>
  ${overrides.length === 0
    ? html`<p class="empty">${words.noOverrides}</p>`
    : html`<div class="scroll"><table data-test="overrides"><tr><th>${words.when}</th><th>${words.rep}</th><th>${words.rule}</th><th>${words.step}</th></tr>
  ${overrides.map((o) => html`<tr><td>${when(ctx, o.at)}</td><td><a href="${link(ctx, '/dashboard/dialogs', { rep: o.userId })}">${o.userName}</a></td><td title="${o.ruleId}">⚠️ ${ruleTitle(ctx.lang, o.ruleId)}</td><td>${labelName(ctx, o.objection)} · ${stepTitle(ctx.playbook, ctx.lang, o.objection, o.step)}</td></tr>`)}
  </table></div>`}
</section>
${pipeline ? pipelineSection(ctx, pipeline) : ''}
<script type="application/json" id="dashboard-data">${jsonForScript(chartData)}</script>
<script src="/dashboard/assets/chart.umd.min.js"></script>
<script src="/dashboard/assets/dashboard.js"></script>`,
  );
}

/** Filter values as they go back into links and the form. */
export interface FilterForm {
  rep?: string;
  type?: string;
  outcome?: string;
  from?: string;
  to?: string;
  q?: string;
}

export function dialogsPage(ctx: PageContext, page: DialogPage, form: FilterForm): string {
  const words = t(ctx);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const params = { ...form };
  const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}" ${raw(value === (selected ?? '') ? 'selected' : '')}>${label}</option>`;
  return layout(
    ctx,
    'dialogs',
    html`<form class="filters" method="get" action="/dashboard/dialogs" data-test="filters">
  <input type="hidden" name="lang" value="${ctx.lang}">
  <label>${words.rep}<input name="rep" value="${form.rep ?? ''}"></label>
  <label>${words.type}<select name="type">${option('', words.allTypes, form.type)}${LABELS.map((l) => option(l, labelName(ctx, l), form.type))}</select></label>
  <label>${words.outcome}<select name="outcome">${option('', words.allOutcomes, form.outcome)}${Object.entries(words.outcomes).map(([k, v]) => option(k, v, form.outcome))}${option('none', words.noOutcome, form.outcome)}</select></label>
  <label>${words.from}<input type="date" name="from" value="${form.from ?? ''}"></label>
  <label>${words.to}<input type="date" name="to" value="${form.to ?? ''}"></label>
  <label>${words.search}<input name="q" value="${form.q ?? ''}"></label>
  <button class="primary">${words.filter}</button>
  <a href="${link(ctx, '/dashboard/dialogs.csv', params)}" data-test="export">${words.exportCsv}</a>
</form>
${page.rows.length === 0
  ? html`<p class="empty">${words.noDialogs}</p>`
  : html`<table data-test="dialogs" class="cards"><tr><th>${words.when}</th><th>${words.rep}</th><th>${words.quote}</th><th>${words.type}</th><th>${words.steps}</th><th>${words.outcome}</th></tr>
${page.rows.map(
  (d) => html`<tr><td><a href="${link(ctx, `/dashboard/dialogs/${encodeURIComponent(d.id)}`)}">${when(ctx, d.at)}</a></td><td data-label="${words.rep}">${d.user_name}</td><td class="quote">${d.quote}</td>
<td data-label="${words.type}">${labelName(ctx, d.label)}${d.corrected ? html` <span class="tag" title="${words.predictedType}">✎ ${labelName(ctx, d.predicted)}</span>` : ''}</td><td data-label="${words.steps}">${d.steps}</td><td data-label="${words.outcome}">${d.outcome ? (words.outcomes[d.outcome] ?? d.outcome) : ''}</td></tr>`,
)}</table>`}
<div class="pager" data-test="pager">
  ${page.page > 1 ? html`<a href="${link(ctx, '/dashboard/dialogs', { ...params, page: page.page - 1 })}">${words.previous}</a>` : ''}
  <span>${words.page(page.page, pages, page.total)}</span>
  ${page.page < pages ? html`<a href="${link(ctx, '/dashboard/dialogs', { ...params, page: page.page + 1 })}">${words.next}</a>` : ''}
</div>`,
  );
}

/** Filter form values → the store's filter (dates as whole days on the manager's clock). */
export function toFilter(form: FilterForm, zone: string): DialogFilter {
  const since = startOfDay(form.from, zone);
  const lastDay = startOfDay(form.to, zone);
  // The end of the last day: the start of the calendar day after it.
  const until = lastDay === undefined ? undefined : startOfDay(new Date(Date.parse(`${form.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10), zone);
  return {
    rep: form.rep?.trim() || undefined,
    label: form.type && (LABELS as readonly string[]).includes(form.type) ? form.type : undefined,
    outcome: form.outcome && ['booked', 'open', 'lost', 'none'].includes(form.outcome) ? form.outcome : undefined,
    q: form.q?.trim() || undefined,
    sinceMs: since,
    untilMs: until,
  };
}
