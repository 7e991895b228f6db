/**
 * The overview's pipeline of open deals: a table by type and age (days since the deal last
 * moved), the open deals stalled longest first with their next reminder, outcomes after a
 * reminder versus without, and reminders sent versus acted on. Server-rendered, every value
 * escaped; on a phone (390 px) the deals table becomes cards like the dialog list.
 */
import type { Pipeline } from '../../store/store.ts';
import { html, type SafeHtml } from './html.ts';
import { labelName, t, when, type PageContext } from './layout.ts';

const TYPES = ['timing', 'deal_size', 'trust'] as const;

export function pipelineSection(ctx: PageContext, pipeline: Pipeline): SafeHtml {
  const words = t(ctx);
  const outcomes = (after: boolean) => ['booked', 'open', 'lost'].map((o) => pipeline.outcomes.find((r) => r.outcome === o && r.afterFollowUp === after)?.deals ?? 0);
  const [afterBooked, afterOpen, afterLost] = outcomes(true);
  const [withoutBooked, withoutOpen, withoutLost] = outcomes(false);
  const types = TYPES.filter((type) => pipeline.byType[type]);
  return html`<section class="card wide" data-test="pipeline"><h2>${words.pipeline} (${pipeline.open.length})</h2>
${pipeline.open.length === 0
    ? html`<p class="empty">${words.noOpenDeals}</p>`
    : html`<h3>${words.pipelineByType}</h3>
  <div class="scroll"><table data-test="pipeline-types"><tr><th>${words.type}</th>${words.ageBuckets.map((b) => html`<th>${b}</th>`)}</tr>
  ${types.map((type) => {
    const b = pipeline.byType[type]!;
    return html`<tr><td>${labelName(ctx, type)}</td><td>${b.fresh}</td><td>${b.week}</td><td>${b.stalled}</td></tr>`;
  })}
  </table></div>
  <h3>${words.stalledFirst}</h3>
  <div class="scroll"><table class="cards" data-test="pipeline-deals"><tr><th>${words.rep}</th><th>${words.customer}</th><th>${words.type}</th><th>${words.age}</th><th>${words.nextReminder}</th></tr>
  ${pipeline.open.map((d) => html`<tr><td>${d.userName}</td><td>${d.alias ?? words.unnamedCustomer}</td><td>${labelName(ctx, d.objection)}</td><td>${d.ageDays}</td><td>${d.followUp ? html`${words.followUpKinds[d.followUp.kind] ?? d.followUp.kind} · ${when(ctx, d.followUp.at)}` : '—'}</td></tr>`)}
  </table></div>`}
<p data-test="pipeline-outcomes">${words.outcomesAfterFollowUp}: ${words.outcomes.booked} ${afterBooked} / ${withoutBooked} · ${words.outcomes.open} ${afterOpen} / ${withoutOpen} · ${words.outcomes.lost} ${afterLost} / ${withoutLost}</p>
<p data-test="pipeline-reminders">${words.remindersActed(pipeline.reminders.sent, pipeline.reminders.late, pipeline.reminders.actedOn)}</p>
</section>`;
}
