/**
 * The dashboard's pages, rendered on the server as plain HTML (every value escaped by `html`),
 * with one small script that draws the overview's charts.
 */
import { LABELS, type Lang, type Playbook } from '../../data/playbook.ts';
import type { DialogFilter, DialogPage, Overview } from '../../store/dashboard.ts';
import type { AuditRow, DialogRow } from '../../store/store.ts';
import { DASHBOARD_TEXT, type DashboardText } from './i18n.ts';
import { html, jsonForScript, raw, type SafeHtml } from './html.ts';

const DAY_MS = 86_400_000;

export interface PageContext {
  lang: Lang;
  playbook: Playbook;
  /** The signed-in session's CSRF token (for forms), absent on the sign-in page. */
  csrf?: string;
  /** The page's query string without `lang`, so the language switch keeps the view. */
  query: string;
}

const t = (ctx: PageContext): DashboardText => DASHBOARD_TEXT[ctx.lang];
const labelName = (ctx: PageContext, label: string | null) => (label && (LABELS as readonly string[]).includes(label) ? ctx.playbook.labels[label as (typeof LABELS)[number]].short[ctx.lang] : (label ?? ''));
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const link = (ctx: PageContext, path: string, params: Record<string, string | number | undefined> = {}) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  search.set('lang', ctx.lang);
  return `${path}?${search.toString()}`;
};

export function layout(ctx: PageContext, active: 'overview' | 'dialogs' | 'review' | 'none', body: SafeHtml): string {
  const words = t(ctx);
  const other = ctx.lang === 'zh' ? 'en' : 'zh';
  const tab = (name: 'overview' | 'dialogs' | 'review', path: string) => html`<a href="${link(ctx, path)}" class="${active === name ? 'active' : ''}">${words[name]}</a>`;
  return html`<!doctype html>
<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title}</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<header>
  <h1>${words.title}</h1>
  ${ctx.csrf
    ? html`<nav>${tab('overview', '/dashboard')}${tab('dialogs', '/dashboard/dialogs')}${tab('review', '/dashboard/review')}</nav>
  <a href="?${ctx.query ? `${ctx.query}&` : ''}lang=${other}" data-test="switch-lang">${words.switchLang}</a>
  <form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="${ctx.csrf}"><button>${words.signOut}</button></form>`
    : ''}
</header>
<main>${body}</main>
</body>
</html>`.value;
}

export function signInPage(ctx: PageContext): string {
  const words = t(ctx);
  return layout(ctx, 'none', html`<h2>${words.signInTitle}</h2><p class="notice">${words.signIn}</p>`);
}

export function messagePage(ctx: PageContext, message: string): string {
  return layout(ctx, 'none', html`<p class="notice">${message}</p>`);
}

/** The overview: per type per day, the walk funnel, busiest hours, per rep, corrections. */
export function overviewPage(ctx: PageContext, data: Overview, days: number, period: { sinceMs: number; untilMs: number }, offsetMinutes: number): string {
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
  const periods = [7, 30, 90].map((n) => html`<a href="${link(ctx, '/dashboard', { days: n, tz: offsetMinutes })}" class="${n === days ? 'active' : ''}">${words.lastDays(n)}</a>`);
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
    <table data-test="corrections"><tr><th>${words.predictedType}</th><th>${words.total}</th><th>${words.corrected}</th><th>${words.rate}</th></tr>
    ${data.corrections.map((c) => html`<tr><td>${labelName(ctx, c.label)}</td><td>${c.classified}</td><td>${c.corrected}</td><td>${c.classified ? Math.round((100 * c.corrected) / c.classified) : 0}%</td></tr>`)}
    </table>
  </section>
</div>
<section class="card" style="margin-top:1rem"><h2>${words.perRep}</h2>
  <table data-test="per-rep"><tr><th>${words.rep}</th>${LABELS.map((l) => html`<th>${labelName(ctx, l)}</th>`)}<th>${words.total}</th></tr>
  ${data.perRep.map((r) => html`<tr><td><a href="${link(ctx, '/dashboard/dialogs', { rep: r.userId })}">${r.userName}</a> <span class="tag">${r.channel}</span></td><td>${r.timing}</td><td>${r.deal_size}</td><td>${r.trust}</td><td>${r.none}</td><td>${r.total}</td></tr>`)}
  </table>
</section>
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
  : html`<table data-test="dialogs"><tr><th>${words.when}</th><th>${words.rep}</th><th>${words.quote}</th><th>${words.type}</th><th>${words.steps}</th><th>${words.outcome}</th></tr>
${page.rows.map(
  (d) => html`<tr><td><a href="${link(ctx, `/dashboard/dialogs/${encodeURIComponent(d.id)}`)}">${when(d.at)}</a></td><td>${d.user_name}</td><td class="quote">${d.quote}</td>
<td>${labelName(ctx, d.label)}${d.corrected ? html` <span class="tag" title="${words.predictedType}">✎ ${labelName(ctx, d.predicted)}</span>` : ''}</td><td>${d.steps}</td><td>${d.outcome ? (words.outcomes[d.outcome] ?? d.outcome) : ''}</td></tr>`,
)}</table>`}
<div class="pager" data-test="pager">
  ${page.page > 1 ? html`<a href="${link(ctx, '/dashboard/dialogs', { ...params, page: page.page - 1 })}">${words.previous}</a>` : ''}
  <span>${words.page(page.page, pages, page.total)}</span>
  ${page.page < pages ? html`<a href="${link(ctx, '/dashboard/dialogs', { ...params, page: page.page + 1 })}">${words.next}</a>` : ''}
</div>`,
  );
}

export function transcriptPage(ctx: PageContext, dialog: DialogRow, rows: AuditRow[]): string {
  const words = t(ctx);
  const line = (row: AuditRow): SafeHtml | '' => {
    switch (row.kind) {
      case 'message':
        return html`<tr><td class="who">${when(row.at)} · ${words.rep}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'button':
        return html`<tr><td class="who">${when(row.at)} · ${words.rep}</td><td><span class="tag">▸ ${row.detail}</span></td></tr>`;
      case 'command':
        return html`<tr><td class="who">${when(row.at)} · ${words.rep}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'reply':
        return html`<tr><td class="who">${words.coach}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'classified': {
        const matched = (JSON.parse(row.data ?? '{}') as { matched?: string[] }).matched ?? [];
        return html`<tr><td class="who">${words.classification}</td><td><span class="tag">${labelName(ctx, row.label)} · ${Math.round((row.confidence ?? 0) * 100)}%</span> ${matched.join(' · ')}</td></tr>`;
      }
      case 'corrected':
        return html`<tr><td class="who">${words.corrected}</td><td><span class="tag">✎ ${labelName(ctx, row.label)} → ${labelName(ctx, row.detail)}</span></td></tr>`;
      case 'step':
        return html`<tr><td class="who">${words.step}</td><td><span class="tag">${row.detail}</span></td></tr>`;
      case 'outcome':
        return html`<tr><td class="who">${words.outcome}</td><td><span class="tag">${words.outcomes[row.detail ?? ''] ?? row.detail}</span></td></tr>`;
      default:
        return '';
    }
  };
  return layout(
    ctx,
    'dialogs',
    html`<p><a href="${link(ctx, '/dashboard/dialogs')}">${words.backToDialogs}</a></p>
<h2>${words.transcript}: ${dialog.user_name} · ${when(dialog.at)} · ${labelName(ctx, dialog.label)}</h2>
<table class="transcript" data-test="transcript">${rows.map(line)}</table>`,
  );
}

export function reviewPage(ctx: PageContext, corrections: DialogRow[], notice?: string): string {
  const words = t(ctx);
  return layout(
    ctx,
    'review',
    html`${notice ? html`<p class="notice" data-test="notice">${notice}</p>` : ''}
<p>${words.reviewIntro}</p>
${corrections.length === 0
  ? html`<p class="empty">${words.noCorrections}</p>`
  : html`<table data-test="review"><tr><th>${words.when}</th><th>${words.rep}</th><th>${words.quote}</th><th>${words.predictedType}</th><th>${words.corrected}</th><th></th></tr>
${corrections.map(
  (d) => html`<tr><td><a href="${link(ctx, `/dashboard/dialogs/${encodeURIComponent(d.id)}`)}">${when(d.at)}</a></td><td>${d.user_name}</td><td class="quote">${d.quote}</td><td>${labelName(ctx, d.predicted)}</td><td>${labelName(ctx, d.corrected)}</td>
<td><form method="post" action="/dashboard/review/${encodeURIComponent(d.id)}?lang=${ctx.lang}">
<input type="hidden" name="csrf" value="${ctx.csrf ?? ''}">
<button class="primary" name="decision" value="accepted">${words.accept}</button>
<button class="reject" name="decision" value="rejected">${words.reject}</button></form></td></tr>`,
)}</table>`}`,
  );
}

/** Filter form values → the store's filter (dates as whole days, in UTC). */
export function toFilter(form: FilterForm): DialogFilter {
  const day = (text: string | undefined) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : undefined);
  const until = day(form.to);
  return {
    rep: form.rep?.trim() || undefined,
    label: form.type && (LABELS as readonly string[]).includes(form.type) ? form.type : undefined,
    outcome: form.outcome && ['booked', 'open', 'lost', 'none'].includes(form.outcome) ? form.outcome : undefined,
    q: form.q?.trim() || undefined,
    sinceMs: day(form.from),
    untilMs: until === undefined ? undefined : until + DAY_MS,
  };
}
