/**
 * One dialog's transcript: what the rep typed and pressed, the coach's answers, the
 * classification, the walk and any compliance override — step titles, button labels (also of a
 * button answered by its number) and rule titles in the manager's language, not the engine's ids
 * (those stay in a tooltip), and times on the manager's clock.
 */
import type { AuditRow, DialogRow } from '../../store/store.ts';
import { html, type SafeHtml } from './html.ts';
import { labelName, layout, link, t, when, type PageContext } from './layout.ts';
import { viewRows, type RowView } from '../service/audit-view.ts';

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
  const rep = (row: AuditRow) => `${when(ctx, row.at)} · ${words.rep}`;
  const line = ({ row, pressed, shown }: RowView): SafeHtml | '' => {
    switch (row.kind) {
      case 'message':
        if (pressed) return html`<tr><td class="who">${rep(row)}</td><td><span class="tag button" title="${row.text ?? ''}">▸ ${pressed}</span></td></tr>`;
        return html`<tr><td class="who">${rep(row)}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'command':
        return html`<tr><td class="who">${rep(row)}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'button':
        return html`<tr><td class="who">${rep(row)}</td><td><span class="tag button" title="${row.detail ?? ''}">▸ ${pressed ?? ''}</span></td></tr>`;
      case 'reply':
        return html`<tr><td class="who">${words.coach}</td><td><pre>${row.text ?? ''}</pre></td></tr>`;
      case 'classified':
        return html`<tr><td class="who">${words.classification}</td><td><span class="tag">${shown} · ${Math.round((row.confidence ?? 0) * 100)}%</span> ${matchedWords(row.data).join(' · ')}</td></tr>`;
      case 'corrected':
        return html`<tr><td class="who">${words.corrected}</td><td><span class="tag">✎ ${shown}</span></td></tr>`;
      case 'step':
        return html`<tr><td class="who">${words.step}</td><td><span class="tag step" title="${row.detail ?? ''}">${shown}</span></td></tr>`;
      case 'outcome':
        return html`<tr><td class="who">${words.outcome}</td><td><span class="tag">${shown}</span></td></tr>`;
      case 'compliance_override':
        return html`<tr class="override" data-test="override"><td class="who">${words.override}</td><td><span class="tag warn" title="${row.detail ?? ''}">⚠️ ${shown}</span><pre>${row.text ?? ''}</pre></td></tr>`;
      default:
        return '';
    }
  };
  return layout(
    ctx,
    'dialogs',
    html`<p><a href="${link(ctx, '/dashboard/dialogs')}">${words.backToDialogs}</a></p>
<h2>${words.transcript}: ${dialog.user_name} · ${when(ctx, dialog.at)} · ${labelName(ctx, dialog.label)}</h2>
<table class="transcript" data-test="transcript">${viewRows(ctx.playbook, ctx.lang, rows).map(line)}</table>`,
  );
}
