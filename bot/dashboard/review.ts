/**
 * The review of the reps' corrections: grouped by the type the rep corrected to (a count per
 * type, each a filter), newest first within a type, a page at a time, each with accept / reject.
 */
import { LABELS } from '../../data/playbook.ts';
import type { DialogRow } from '../../store/store.ts';
import { html } from './html.ts';
import { labelName, layout, link, t, when, type PageContext } from './layout.ts';

export const REVIEW_PAGE_SIZE = 20;

export interface ReviewView {
  /** The type shown (undefined: all), and the page. */
  type?: string;
  page: number;
  notice?: string;
}

/** Corrections in review order: by corrected type (in the playbook's label order), newest first. */
export function reviewOrder(corrections: DialogRow[]): DialogRow[] {
  const rank = (label: string | null) => {
    const i = (LABELS as readonly string[]).indexOf(label ?? '');
    return i < 0 ? LABELS.length : i;
  };
  return [...corrections].sort((a, b) => rank(a.corrected) - rank(b.corrected) || b.at - a.at || (a.id < b.id ? -1 : 1));
}

export function reviewPage(ctx: PageContext, corrections: DialogRow[], view: ReviewView): string {
  const words = t(ctx);
  const ordered = reviewOrder(corrections);
  const counts = new Map<string, number>();
  for (const d of ordered) counts.set(d.corrected ?? '', (counts.get(d.corrected ?? '') ?? 0) + 1);
  const type = view.type && counts.has(view.type) ? view.type : undefined;
  const shown = type ? ordered.filter((d) => d.corrected === type) : ordered;
  const pages = Math.max(1, Math.ceil(shown.length / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, view.page), pages);
  const rows = shown.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE);
  const chip = (value: string | undefined, text: string) => html`<a href="${link(ctx, '/dashboard/review', { type: value })}" class="${value === type ? 'active' : ''}">${text}</a>`;
  const groups: { label: string; rows: DialogRow[] }[] = [];
  for (const d of rows) {
    const last = groups.at(-1);
    if (last && last.label === d.corrected) last.rows.push(d);
    else groups.push({ label: d.corrected ?? '', rows: [d] });
  }
  const row = (d: DialogRow) => html`<tr><td><a href="${link(ctx, `/dashboard/dialogs/${encodeURIComponent(d.id)}`)}">${when(ctx, d.at)}</a></td><td data-label="${words.rep}">${d.user_name}</td><td class="quote">${d.quote}</td><td data-label="${words.predictedType}">${labelName(ctx, d.predicted)}</td>
<td><form method="post" action="/dashboard/review/${encodeURIComponent(d.id)}?lang=${ctx.lang}">
<input type="hidden" name="csrf" value="${ctx.csrf ?? ''}">
<button class="primary" name="decision" value="accepted">${words.accept}</button>
<button class="reject" name="decision" value="rejected">${words.reject}</button></form></td></tr>`;
  return layout(
    ctx,
    'review',
    html`${view.notice ? html`<p class="notice" data-test="notice">${view.notice}</p>` : ''}
<p>${words.reviewIntro}</p>
${ordered.length === 0
  ? html`<p class="empty">${words.noCorrections}</p>`
  : html`<div class="periods" data-test="review-types">${chip(undefined, words.allCorrections(ordered.length))}${[...counts].map(([label, n]) => chip(label, `${labelName(ctx, label)} (${n})`))}</div>
<table data-test="review" class="cards"><tr><th>${words.when}</th><th>${words.rep}</th><th>${words.quote}</th><th>${words.predictedType}</th><th></th></tr>
${groups.map((g) => html`<tr class="group" data-test="review-group"><th colspan="5">${words.reviewGroup(labelName(ctx, g.label), counts.get(g.label) ?? 0)}</th></tr>${g.rows.map(row)}`)}</table>
<div class="pager" data-test="review-pager">
  ${page > 1 ? html`<a href="${link(ctx, '/dashboard/review', { type, page: page - 1 })}">${words.previous}</a>` : ''}
  <span>${words.reviewPage(page, pages, shown.length)}</span>
  ${page < pages ? html`<a href="${link(ctx, '/dashboard/review', { type, page: page + 1 })}">${words.next}</a>` : ''}
</div>`}`,
  );
}
