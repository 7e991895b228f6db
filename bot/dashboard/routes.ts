/**
 * The managers' dashboard on the project's HTTP server (`/dashboard`): sign-in by link or
 * token, the pages, their JSON API, the CSV export and the review of corrections. Works
 * offline — every script and style comes from the project or its dependencies.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { appendFeedback } from '../../data/feedback.ts';
import type { Label, Lang, Playbook } from '../../data/playbook.ts';
import type { DialogRow, Store } from '../../store/store.ts';
import { toCsv } from '../csv.ts';
import type { Logger } from '../logger.ts';
import { DashboardAuth, type DashboardSession } from './auth.ts';
import { DASHBOARD_TEXT } from './i18n.ts';
import { dialogsPage, messagePage, overviewPage, reviewPage, signInPage, toFilter, transcriptPage, type FilterForm, type PageContext } from './pages.ts';

const DAY_MS = 86_400_000;
const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export interface DashboardOptions {
  store: Store;
  playbook: Playbook;
  /** Where accepted corrections are written (the playbook folder). */
  playbookDir: string;
  auth: DashboardAuth;
  logger: Logger;
}

interface Signed extends Request {
  session?: DashboardSession;
}

function langOf(req: Request): Lang {
  const asked = String(req.query.lang ?? '');
  if (asked === 'zh' || asked === 'en') return asked;
  return /^zh/i.test(req.get('accept-language') ?? '') ? 'zh' : 'en';
}

function queryWithoutLang(req: Request): string {
  const params = new URLSearchParams(req.query as Record<string, string>);
  params.delete('lang');
  return params.toString();
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const filterForm = (req: Request): FilterForm => ({ rep: str(req.query.rep), type: str(req.query.type), outcome: str(req.query.outcome), from: str(req.query.from), to: str(req.query.to), q: str(req.query.q) });

const DIALOG_COLUMNS: (keyof DialogRow)[] = ['id', 'at', 'channel', 'chat_id', 'user_id', 'user_name', 'quote', 'predicted', 'confidence', 'corrected', 'label', 'started', 'steps', 'last_step', 'finished', 'outcome', 'review', 'reviewed_by'];

export function createDashboardRouter(options: DashboardOptions): Router {
  const { store, auth, logger, playbook } = options;
  const queries = store.dashboard;
  const router = express.Router();
  const context = (req: Signed): PageContext => ({ lang: langOf(req), playbook, csrf: req.session?.csrf, query: queryWithoutLang(req) });
  const page = (res: Response, status: number, body: string) => res.status(status).set(SECURITY_HEADERS).type('html').send(body);

  router.use('/assets', express.static(ASSETS, { fallthrough: true, maxAge: '1h' }));
  router.get('/assets/chart.umd.min.js', (_req, res) => res.sendFile(CHART_JS, { maxAge: '1h' }));

  router.get('/login', (req, res) => {
    const sub = auth.verifyLogin(str(req.query.token));
    if (!sub) {
      logger.warn({ ip: req.ip }, 'dashboard login with an invalid or expired link');
      return page(res, 401, signInPage(context(req)));
    }
    const { cookie } = auth.newSession(sub);
    const secure = req.secure || req.get('x-forwarded-proto') === 'https';
    res.set('set-cookie', DashboardAuth.setCookie(cookie, secure));
    logger.info({ sub }, 'dashboard sign-in');
    res.redirect(303, `/dashboard?lang=${langOf(req)}`);
  });

  // Everything below needs a session.
  router.use((req: Signed, res: Response, next: NextFunction) => {
    const session = auth.readSession(DashboardAuth.cookie(req.get('cookie')));
    if (!session) {
      if (req.path.startsWith('/api/')) return void res.status(401).set(SECURITY_HEADERS).json({ ok: false, error: 'sign in first' });
      return void page(res, 401, signInPage(context(req)));
    }
    req.session = session;
    next();
  });

  /** State-changing requests: the session's CSRF token, and no foreign Origin. */
  const guard = (req: Signed, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    const sameOrigin = !origin || origin === `${req.protocol}://${req.get('host')}` || origin === `https://${req.get('host')}`;
    if (!sameOrigin || !DashboardAuth.csrfMatches(req.session!, (req.body as { csrf?: unknown } | undefined)?.csrf)) {
      logger.warn({ sub: req.session?.sub, origin }, 'dashboard request refused: CSRF check failed');
      return void page(res, 403, messagePage(context(req), DASHBOARD_TEXT[langOf(req)].forbidden));
    }
    next();
  };
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  const period = (req: Request) => {
    const days = [7, 30, 90].includes(Number(req.query.days)) ? Number(req.query.days) : 7;
    const tz = Number(req.query.tz);
    const offset = Number.isInteger(tz) && Math.abs(tz) <= 14 * 60 ? tz : 0;
    const untilMs = (Math.floor((Date.now() + offset * 60_000) / DAY_MS) + 1) * DAY_MS - offset * 60_000;
    return { days, offset, period: { sinceMs: untilMs - days * DAY_MS, untilMs } };
  };

  router.get('/', async (req: Signed, res) => {
    const { days, offset, period: range } = period(req);
    page(res, 200, overviewPage(context(req), await queries.overview(range, offset), days, range, offset));
  });
  router.get('/api/overview', async (req, res) => {
    const { offset, period: range } = period(req);
    res.set(SECURITY_HEADERS).json(await queries.overview(range, offset));
  });

  const pageNumber = (req: Request) => Math.max(1, Math.min(100_000, Number(req.query.page) || 1));
  router.get('/dialogs', async (req: Signed, res) => {
    const formValues = filterForm(req);
    page(res, 200, dialogsPage(context(req), await queries.dialogs(toFilter(formValues), pageNumber(req)), formValues));
  });
  router.get('/api/dialogs', async (req, res) => {
    res.set(SECURITY_HEADERS).json(await queries.dialogs(toFilter(filterForm(req)), pageNumber(req)));
  });
  router.get('/dialogs.csv', async (req, res) => {
    const rows = await queries.allDialogs(toFilter(filterForm(req)));
    const csv = toCsv(DIALOG_COLUMNS, rows, (r, c) => (c === 'at' ? new Date(r.at).toISOString() : r[c as keyof DialogRow]));
    res
      .set(SECURITY_HEADERS)
      .type('text/csv')
      .attachment(`dialogs-${new Date().toISOString().slice(0, 10)}.csv`)
      .send(csv);
  });
  router.get('/dialogs/:id', async (req: Signed, res) => {
    const dialog = await queries.dialog(String(req.params.id));
    if (!dialog) return void page(res, 404, messagePage(context(req), DASHBOARD_TEXT[langOf(req)].notFound));
    page(res, 200, transcriptPage(context(req), dialog, await queries.transcript(dialog.id)));
  });
  router.get('/api/dialogs/:id', async (req, res) => {
    const dialog = await queries.dialog(String(req.params.id));
    if (!dialog) return void res.status(404).json({ ok: false, error: 'no such dialog' });
    res.set(SECURITY_HEADERS).json({ dialog, transcript: await queries.transcript(dialog.id) });
  });

  router.get('/review', async (req: Signed, res) => {
    const words = DASHBOARD_TEXT[langOf(req)];
    const done = str(req.query.done);
    page(res, 200, reviewPage(context(req), await queries.corrections(), done === 'accepted' ? words.accepted : done === 'rejected' ? words.rejected : undefined));
  });
  router.post('/review/:id', form, guard, async (req: Signed, res) => {
    const decision = (req.body as { decision?: string }).decision;
    if (decision !== 'accepted' && decision !== 'rejected') return void page(res, 400, messagePage(context(req), DASHBOARD_TEXT[langOf(req)].forbidden));
    const dialog = await queries.review(String(req.params.id), decision, req.session!.sub);
    if (!dialog) return void page(res, 404, messagePage(context(req), DASHBOARD_TEXT[langOf(req)].notFound));
    if (decision === 'accepted') {
      appendFeedback(options.playbookDir, {
        text: dialog.quote,
        label: dialog.corrected as Label,
        was: dialog.predicted as Label,
        accepted_by: req.session!.sub,
        accepted_at: new Date(dialog.reviewed_at ?? Date.now()).toISOString(),
        dialog: dialog.id,
      });
    }
    logger.info({ sub: req.session!.sub, dialog: dialog.id, decision }, 'correction reviewed');
    res.redirect(303, `/dashboard/review?lang=${langOf(req)}&done=${decision}`);
  });

  router.post('/logout', form, guard, (req, res) => {
    res.set('set-cookie', DashboardAuth.setCookie('', false).replace(/Max-Age=\d+/, 'Max-Age=0'));
    res.redirect(303, `/dashboard?lang=${langOf(req)}`);
  });

  return router;
}
