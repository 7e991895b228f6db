/**
 * One dialog's transcript: what the rep typed and pressed, the coach's answers, the
 * classification and the walk — step titles and button labels as the rep saw them, not the
 * engine's ids (those stay in a tooltip), and times on the manager's clock.
 */
import type { AuditRow, DialogRow } from '../../store/store.ts';
import { html, type SafeHtml } from './html.ts';
import { labelName, layout, link, t, when, type PageContext } from './layout.ts';
import { buttonLabel, stepTitle, type ButtonContext } from './names.ts';

function matchedWords(data: string | null): string[] {
  try {
    const matched = (JSON.parse(data ?? '{}') as { matched?: unknown }).matched;
    return Array.isArray(matched) ? matched.map(String) : [];
  } catch {
    return [];
  }
}

export function transcriptPage(ctx: PageContext, dialog: DialogRow, rows: AuditRow[]): string {
  const words = t(ctx);
  // Where the conversation stands as the rows go by: a button's label depends on the step shown.
  const at: ButtonContext = { objection: dialog.label };
  const rep = (row: AuditRow) => `${when(ctx, row.at)} · ${words.rep}`;
  const line = (row: AuditRow): SafeHtml | '' => {
    switch (row.kind) {
      case 'message':
      case 'command':
        return html`<tr><td class="who">${rep(row)}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'button':
        return html`<tr><td class="who">${rep(row)}</td><td><span class="tag button" title="${row.detail ?? ''}">▸ ${buttonLabel(ctx.playbook, ctx.lang, row.detail, at)}</span></td></tr>`;
      case 'reply':
        return html`<tr><td class="who">${words.coach}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'classified':
        at.classifiedAs = row.label;
        return html`<tr><td class="who">${words.classification}</td><td><span class="tag">${labelName(ctx, row.label)} · ${Math.round((row.confidence ?? 0) * 100)}%</span> ${matchedWords(row.data).join(' · ')}</td></tr>`;
      case 'corrected':
        at.classifiedAs = row.detail;
        return html`<tr><td class="who">${words.corrected}</td><td><span class="tag">✎ ${labelName(ctx, row.label)} → ${labelName(ctx, row.detail)}</span></td></tr>`;
      case 'step':
        at.objection = row.label;
        at.step = row.detail;
        return html`<tr><td class="who">${words.step}</td><td><span class="tag step" title="${row.detail ?? ''}">${stepTitle(ctx.playbook, ctx.lang, row.label, row.detail)}</span></td></tr>`;
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
<h2>${words.transcript}: ${dialog.user_name} · ${when(ctx, dialog.at)} · ${labelName(ctx, dialog.label)}</h2>
<table class="transcript" data-test="transcript">${rows.map(line)}</table>`,
  );
}
