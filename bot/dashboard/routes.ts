/**
 * The managers' dashboard on the project's HTTP server (`/dashboard`): security headers first,
 * sign-in (signin.ts), then the pages, their JSON API, the CSV export and the review of
 * corrections — every time on the manager's clock. Works offline: every script and style comes
 * from the project or its dependencies.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import type { Lang, Playbook } from '../../data/playbook.ts';
import type { DashboardAuthStore } from '../../store/dashboard-auth.ts';
import type { DialogRow, Store } from '../../store/store.ts';
import { labelName, stepTitle } from '../service/audit-view.ts';
import { toCsv } from '../service/csv.ts';
import { TEAM_QUOTES_SETTING } from '../service/practice-tools.ts';
import type { Logger } from '../logger.ts';
import { DashboardAuth } from './auth.ts';
import { DASHBOARD_TEXT } from './i18n.ts';
import { messagePage, signInPage, type PageContext } from './layout.ts';
import { dialogsPage, overviewPage, toFilter, type FilterForm } from './pages.ts';
import { practiceByRep, practicePage } from './practice.ts';
import { reviewPage } from './review.ts';
import { securityHeaders, type SignInLimits } from './security.ts';
import { createSignIn, type Signed } from './signin.ts';
import { defaultZone, formatIn, offsetMinutes, TZ_COOKIE, validZone } from './timezone.ts';
import { transcriptPage } from './transcript.ts';

const DAY_MS = 86_400_000;
const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

export interface DashboardOptions {
  store: Store;
  playbook: Playbook;
  /** Called after a manager accepts a correction (stored in the database): the instance retrains now. */
  onAccepted?: () => void;
  auth: DashboardAuth;
  logger: Logger;
  /** The team's time zone (IANA), shown until the browser says its own; default TEAM_TIMEZONE, else UTC. */
  timeZone?: string;
  signInLimits?: SignInLimits;
  /** The shared sign-in state; default: the store's dashboard_auth table. */
  authState?: DashboardAuthStore;
}

/** The store's sign-in state functions: bound by the store itself once it registers migration 100, else here over its database. */
function authStateOf(store: Store): DashboardAuthStore {
  return store.dashboardAuth;
}

function langOf(req: Request): Lang {
  const asked = String(req.query.lang ?? '');
  if (asked === 'zh' || asked === 'en') return asked;
  return /^zh/i.test(req.get('accept-language') ?? '') ? 'zh' : 'en';
}

function queryWithout(req: Request, ...names: string[]): string {
  const params = new URLSearchParams(Object.entries(req.query).filter(([, v]) => typeof v === 'string') as [string, string][]);
  for (const name of names) params.delete(name);
  return params.toString();
}

function cookieValue(req: Request, name: string): string | undefined {
  try {
    return decodeURIComponent(DashboardAuth.cookie(req.get('cookie'), name) ?? '');
  } catch {
    return undefined;
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const filterForm = (req: Request): FilterForm => ({ rep: str(req.query.rep), type: str(req.query.type), outcome: str(req.query.outcome), from: str(req.query.from), to: str(req.query.to), q: str(req.query.q) });
const isApi = (req: Request) => req.path.startsWith('/api/');

const DIALOG_COLUMNS: (keyof DialogRow)[] = ['id', 'at', 'channel', 'chat_id', 'user_id', 'user_name', 'quote', 'predicted', 'confidence', 'corrected', 'label', 'started', 'steps', 'last_step', 'finished', 'outcome', 'review', 'reviewed_by'];

export function createDashboardRouter(options: DashboardOptions): Router {
  const { store, auth, logger, playbook } = options;
  const queries = store.dashboard;
  const teamZone = validZone(options.timeZone) ?? defaultZone();
  const router = express.Router();

  /** The zone a request asks for (?tz=, kept in a cookie), the browser's (cookie), or the team's. */
  const zoneOf = (req: Request, res?: Response): string => {
    const asked = validZone(str(req.query.tz));
    if (asked && res) res.cookie(TZ_COOKIE, asked, { path: '/dashboard', sameSite: 'lax', maxAge: 365 * DAY_MS, encode: encodeURIComponent });
    return asked ?? validZone(cookieValue(req, TZ_COOKIE)) ?? teamZone;
  };
  const context = (req: Signed, res?: Response): PageContext => ({
    lang: langOf(req),
    playbook,
    csrf: req.session?.csrf,
    query: queryWithout(req, 'lang', 'tz'),
    zone: zoneOf(req, res),
    teamZone,
    tokenForm: auth.hasToken,
  });
  const page = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);
  const words = (req: Request) => DASHBOARD_TEXT[langOf(req)];

  router.use(securityHeaders);
  router.use('/assets', express.static(ASSETS, { fallthrough: true, maxAge: '1h' }));
  router.get('/assets/chart.umd.min.js', (_req, res) => res.sendFile(CHART_JS, { maxAge: '1h' }));

  const signIn = createSignIn({
    auth,
    state: options.authState ?? authStateOf(store),
    logger,
    limits: options.signInLimits,
    signInPage: (req, res, status, reason, retryAfter) => {
      if (isApi(req)) return void res.status(status).json({ ok: false, error: reason === 'locked' ? 'too many failed sign-ins' : 'sign in first' });
      page(res, status, signInPage(context(req), reason, retryAfter));
    },
    forbidden: (req, res) => page(res, 403, messagePage(context(req), words(req).forbidden)),
    home: (req) => `/dashboard?lang=${langOf(req)}`,
  });
  router.use(signIn.routes);
  // Everything below needs a live session.
  router.use(signIn.requireSession);
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  const period = (req: Request) => {
    const days = [7, 30, 90].includes(Number(req.query.days)) ? Number(req.query.days) : 7;
    const offset = offsetMinutes(zoneOf(req), Date.now());
    const untilMs = (Math.floor((Date.now() + offset * 60_000) / DAY_MS) + 1) * DAY_MS - offset * 60_000;
    return { days, offset, period: { sinceMs: untilMs - days * DAY_MS, untilMs } };
  };

  router.get('/', async (req: Signed, res) => {
    const { days, offset, period: range } = period(req);
    const pipeline = await store.deals.pipeline({ now: Date.now(), since: range.sinceMs });
    page(res, 200, overviewPage(context(req, res), await queries.overview(range, offset), days, range, offset, await queries.overrides(range), pipeline));
  });
  router.get('/api/overview', async (req, res) => {
    const { offset, period: range } = period(req);
    res.json({ ...(await queries.overview(range, offset)), overrides: await queries.overrides(range) });
  });

  const pageNumber = (req: Request) => Math.max(1, Math.min(100_000, Number(req.query.page) || 1));
  router.get('/dialogs', async (req: Signed, res) => {
    const formValues = filterForm(req);
    const ctx = context(req, res);
    page(res, 200, dialogsPage(ctx, await queries.dialogs(toFilter(formValues, ctx.zone), pageNumber(req)), formValues));
  });
  router.get('/api/dialogs', async (req, res) => {
    res.json(await queries.dialogs(toFilter(filterForm(req), zoneOf(req)), pageNumber(req)));
  });
  router.get('/dialogs.csv', async (req, res) => {
    const zone = zoneOf(req);
    const rows = await queries.allDialogs(toFilter(filterForm(req), zone));
    // The ids as the engine wrote them, then in words in the manager's language: the type and the last step's title.
    const lang = langOf(req);
    const columns = ['id', 'at', `local_time (${zone})`, ...DIALOG_COLUMNS.slice(2), 'type_name', 'last_step_title'];
    const csv = toCsv(
      columns,
      rows,
      (r, c) =>
        c === 'at' ? new Date(r.at).toISOString()
        : c === columns[2] ? formatIn(zone, r.at, true)
        : c === 'type_name' ? labelName(playbook, lang, r.label)
        : c === 'last_step_title' ? stepTitle(playbook, lang, r.label, r.last_step)
        : r[c as keyof DialogRow],
      { bom: true },
    );
    res.type('text/csv; charset=utf-8').attachment(`dialogs-${new Date().toISOString().slice(0, 10)}.csv`).send(csv);
  });
  router.get('/dialogs/:id', async (req: Signed, res) => {
    const dialog = await queries.dialog(String(req.params.id));
    if (!dialog) return void page(res, 404, messagePage(context(req, res), words(req).notFound));
    page(res, 200, transcriptPage(context(req, res), dialog, await queries.transcript(dialog.id)));
  });
  router.get('/api/dialogs/:id', async (req, res) => {
    const dialog = await queries.dialog(String(req.params.id));
    if (!dialog) return void res.status(404).json({ ok: false, error: 'no such dialog' });
    res.json({ dialog, transcript: await queries.transcript(dialog.id) });
  });

  router.get('/review', async (req: Signed, res) => {
    const done = str(req.query.done);
    const notice = done === 'accepted' ? words(req).accepted : done === 'rejected' ? words(req).rejected : undefined;
    page(res, 200, reviewPage(context(req, res), await queries.corrections({ limit: 10_000 }), { type: str(req.query.type), page: pageNumber(req), notice }));
  });
  router.post('/review/:id', form, signIn.guard, async (req: Signed, res) => {
    const decision = (req.body as { decision?: string }).decision;
    if (decision !== 'accepted' && decision !== 'rejected') return void page(res, 400, messagePage(context(req), words(req).forbidden));
    const dialog = await queries.review(String(req.params.id), decision, req.session!.sub);
    if (!dialog) return void page(res, 404, messagePage(context(req), words(req).notFound));
    if (decision === 'accepted') options.onAccepted?.();
    logger.info({ sub: req.session!.sub, dialog: dialog.id, decision }, 'correction reviewed');
    res.redirect(303, `/dashboard/review?lang=${langOf(req)}&done=${decision}`);
  });

  // Practice, kept apart from real deals: the team's rounds by type and rep, and the team-quotes switch.
  const practiceSince = (req: Request) => {
    const { days, period: range } = period(req);
    return { days, sinceMs: range.sinceMs };
  };
  router.get('/practice', async (req: Signed, res) => {
    const { days, sinceMs } = practiceSince(req);
    const allowed = (await store.settings.get(TEAM_QUOTES_SETTING)) === 'on';
    page(res, 200, practicePage(context(req, res), await store.practice.rounds(sinceMs), days, allowed));
  });
  router.get('/api/practice', async (req, res) => {
    const { sinceMs } = practiceSince(req);
    res.json(practiceByRep(await store.practice.rounds(sinceMs)));
  });
  router.post('/practice/team', form, signIn.guard, async (req: Signed, res) => {
    const on = (req.body as { on?: string }).on;
    if (on !== 'on' && on !== 'off') return void page(res, 400, messagePage(context(req), words(req).forbidden));
    await store.settings.set(TEAM_QUOTES_SETTING, on, req.session!.sub, Date.now());
    logger.info({ sub: req.session!.sub, teamQuotes: on }, 'practice team quotes set');
    res.redirect(303, `/dashboard/practice?lang=${langOf(req)}`);
  });

  // Nothing else here: a page (or JSON) that says so, with the same headers as every answer.
  router.use((req: Signed, res) => {
    if (isApi(req)) return void res.status(404).json({ ok: false, error: 'not found' });
    page(res, 404, messagePage(context(req), words(req).notFound));
  });
  const onError: ErrorRequestHandler = (err: unknown, req: Signed, res, _next) => {
    const status = typeof (err as { status?: unknown })?.status === 'number' && (err as { status: number }).status >= 400 && (err as { status: number }).status < 500 ? (err as { status: number }).status : 500;
    if (status >= 500) logger.error({ error: err instanceof Error ? err.message : String(err), path: req.path }, 'dashboard request failed');
    if (isApi(req)) return void res.status(status).json({ ok: false, error: status === 500 ? 'request failed' : 'bad request' });
    page(res, status, messagePage(context(req), status === 500 ? words(req).serverError : words(req).forbidden));
  };
  router.use(onError);
  return router;
}
