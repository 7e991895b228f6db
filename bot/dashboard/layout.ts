/**
 * What every dashboard page shares: the page context (language, time zone, session), the frame
 * (header, tabs, language switch, sign-out, the time zone label), links that keep the language,
 * times on the manager's clock, and the sign-in and message pages.
 */
import type { Lang, Playbook } from '../../data/playbook.ts';
import { DASHBOARD_TEXT, type DashboardText } from './i18n.ts';
import { html, type SafeHtml } from './html.ts';
import { labelName as nameOf } from '../service/audit-view.ts';
import { formatIn, offsetLabel, offsetMinutes } from './timezone.ts';

export interface PageContext {
  lang: Lang;
  playbook: Playbook;
  /** The signed-in session's CSRF token (for forms), absent on the sign-in page. */
  csrf?: string;
  /** The page's query string without `lang` and `tz`, so the language switch keeps the view. */
  query: string;
  /** The IANA time zone times are shown in, and the team's default. */
  zone: string;
  teamZone: string;
  /** Whether the sign-in page offers the DASHBOARD_TOKEN form. */
  tokenForm?: boolean;
}

export const t = (ctx: PageContext): DashboardText => DASHBOARD_TEXT[ctx.lang];
export const labelName = (ctx: PageContext, label: string | null | undefined) => nameOf(ctx.playbook, ctx.lang, label);
/** A time on the manager's clock: "YYYY-MM-DD HH:mm". */
export const when = (ctx: PageContext, ms: number) => formatIn(ctx.zone, ms);

export function link(ctx: PageContext, path: string, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  search.set('lang', ctx.lang);
  return `${path}?${search.toString()}`;
}

function zoneLabel(ctx: PageContext): SafeHtml {
  const words = t(ctx);
  const here = (zone: string) => {
    const offset = offsetLabel(offsetMinutes(zone, Date.now()));
    return offset === zone ? zone : `${zone} (${offset})`;
  };
  const other = (zone: string) => html` · <a href="?${ctx.query ? `${ctx.query}&` : ''}lang=${ctx.lang}&tz=${encodeURIComponent(zone)}">${words.useZone(zone)}</a>`;
  return html`<p class="tz" data-test="tz">🕘 ${words.timesIn} <strong>${here(ctx.zone)}</strong>${ctx.zone !== ctx.teamZone ? other(ctx.teamZone) : ''}${ctx.zone !== 'UTC' && ctx.teamZone !== 'UTC' ? other('UTC') : ''}</p>`;
}

export function layout(ctx: PageContext, active: 'overview' | 'dialogs' | 'review' | 'practice' | 'none', body: SafeHtml): string {
  const words = t(ctx);
  const other = ctx.lang === 'zh' ? 'en' : 'zh';
  const tab = (name: 'overview' | 'dialogs' | 'review' | 'practice', path: string) => html`<a href="${link(ctx, path)}" class="${active === name ? 'active' : ''}">${words[name]}</a>`;
  return html`<!doctype html>
<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}" data-tz="${ctx.zone}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title}</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
${ctx.csrf ? html`<script src="/dashboard/assets/tz.js"></script>` : ''}
</head>
<body>
<header>
  <h1>${words.title}</h1>
  ${ctx.csrf
    ? html`<nav data-test="tabs">${tab('overview', '/dashboard')}${tab('dialogs', '/dashboard/dialogs')}${tab('review', '/dashboard/review')}${tab('practice', '/dashboard/practice')}</nav>
  <div class="tools"><a href="?${ctx.query ? `${ctx.query}&` : ''}lang=${other}" data-test="switch-lang">${words.switchLang}</a>
  <form method="post" action="/dashboard/logout?lang=${ctx.lang}"><input type="hidden" name="csrf" value="${ctx.csrf}"><button data-test="sign-out">${words.signOut}</button></form></div>`
    : ''}
</header>
<main>${ctx.csrf ? zoneLabel(ctx) : ''}${body}</main>
</body>
</html>`.value;
}

export function signInPage(ctx: PageContext, reason: string, retryAfterSeconds?: number): string {
  const words = t(ctx);
  const why = words.signInReasons[reason] ?? '';
  const wait = retryAfterSeconds ? ` ${words.tryAgainIn(Math.ceil(retryAfterSeconds / 60))}` : '';
  return layout(
    ctx,
    'none',
    html`<h2>${words.signInTitle}</h2>
${why ? html`<p class="notice" data-test="sign-in-reason">${why}${wait}</p>` : ''}
<p class="notice">${words.signIn}</p>
${ctx.tokenForm
  ? html`<form class="filters" method="post" action="/dashboard/login?lang=${ctx.lang}" data-test="token-form"><label>${words.tokenLabel}<input type="password" name="token" autocomplete="current-password"></label><button class="primary">${words.signInButton}</button></form>`
  : ''}`,
  );
}

export function messagePage(ctx: PageContext, message: string): string {
  return layout(ctx, 'none', html`<p class="notice">${message}</p>`);
}
