/**
 * The rep's context: what they sell. Asked once, on first coaching use (industry buttons from
 * the industry packs, then an optional product name) — or given the team's default when there is
 * one — kept with the rep across walks, and changed with /profile. A walk waiting for it starts as soon as it is set; /profile in the
 * middle of a walk restarts that walk with the new pack.
 */
import type { ComplianceRules } from '../data/compliance.ts';
import { GENERIC_PACK } from '../data/industries.ts';
import { isTimeZone } from '../intents/dates.ts';
import { checkCompliance } from './compliance.ts';
import { showCurrent } from './present.ts';
import type { Turn } from './turn.ts';
import type { Objection, Quote } from './types.ts';
import { staleButton, startWalk } from './walk.ts';

/** Longest product name (it goes into customer messages). */
export const PRODUCT_MAX = 30;

type Resume = { quote: Quote; label: Objection } | null;

/** The industry buttons: every pack, the generic one last. */
export function askIndustry(turn: Turn, resume: Resume): void {
  turn.to({ mode: 'profile', stage: 'industry', resume });
  const { m, lang } = turn;
  const packs = [...turn.deps.packs.values()].sort((a, b) => Number(a.id === GENERIC_PACK) - Number(b.id === GENERIC_PACK) || a.name[lang].localeCompare(b.name[lang], lang));
  const profile = turn.profile;
  const now = profile ? m.profileNow(turn.pack.name[lang], profile.product) + '\n' : '';
  // "Before we start" only the first time: /profile in the middle of a walk has a profile already.
  turn.say(now + (resume && !profile ? m.profileFirst : m.profileIndustry), packs.map((p) => turn.button(p.id === GENERIC_PACK ? m.btnGenericIndustry : p.name[lang], { kind: 'industry', id: p.id })));
}

/**
 * /profile: what the rep sells now, and the buttons to change it (a walk in progress restarts
 * after). `/profile Asia/Shanghai` sets the rep's time zone instead (dates typed are read in it).
 */
export function profileCommand(turn: Turn, args: string[] = []): void {
  const state = turn.state;
  const [zone] = args;
  if (zone) {
    if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(zone) || !isTimeZone(zone)) return turn.say(turn.m.deals.zoneBad(zone.slice(0, 40)));
    state.zone = zone;
    return turn.say(turn.m.deals.zoneSaved(zone));
  }
  const resume = state.mode === 'walk' || state.mode === 'switch' || state.mode === 'outcome' ? { quote: state.quote, label: state.walk.objection } : null;
  askIndustry(turn, state.mode === 'outcome' ? null : resume);
}

/** An industry button: kept, then the product name is asked. */
export function chooseIndustry(turn: Turn, id: string): void {
  const state = turn.state;
  if (state.mode !== 'profile' || !turn.deps.packs.has(id)) return staleButton(turn);
  const same = state.profile?.industry === id;
  state.profile = { industry: id, product: same ? state.profile!.product : null };
  turn.to({ mode: 'profile', stage: 'product', resume: state.resume });
  const example = turn.pack.product_example[turn.lang];
  turn.say(turn.m.profileProduct(turn.pack.name[turn.lang], example), [turn.button(turn.m.btnNoProduct, { kind: 'noproduct' })]);
}

/** Why a product name cannot go into messages for customers, or undefined when it can. */
export function productProblem(name: string, compliance: ComplianceRules): string | undefined {
  if (!name || /^[\d\s]+$/u.test(name)) return 'is empty or only digits';
  if ([...name].length > PRODUCT_MAX) return `is longer than ${PRODUCT_MAX} characters`;
  if (/[\n[\]{}]/u.test(name)) return 'holds a line break or brackets';
  const finding = checkCompliance(compliance, name)[0];
  return finding ? `makes a promise the compliance rules forbid (${finding.ruleId})` : undefined;
}

/** Why a team's default profile cannot be used (no such industry pack, a product name that cannot go to customers), or undefined. */
export function teamProblem(team: { industry: string; product?: string | null }, packs: ReadonlyMap<string, unknown>, compliance: ComplianceRules): string | undefined {
  if (!packs.has(team.industry)) return `"${team.industry}" is not an industry pack (${[...packs.keys()].sort().join(', ')})`;
  const problem = team.product ? productProblem(team.product, compliance) : undefined;
  return problem ? `the product name "${team.product}" ${problem}` : undefined;
}

/** The product name typed at the product question: checked (it goes to customers), then kept. */
export function typeProduct(turn: Turn, text: string): void {
  const state = turn.state;
  if (state.mode !== 'profile' || state.stage !== 'product' || !state.profile) return staleButton(turn);
  const name = text.trim().replace(/[。.！!？?]+$/u, '');
  const bad = productProblem(name, turn.deps.compliance) !== undefined;
  if (bad) return turn.say(turn.m.profileBadProduct(PRODUCT_MAX), [turn.button(turn.m.btnNoProduct, { kind: 'noproduct' })]);
  state.profile = { ...state.profile, product: name };
  done(turn);
}

/** "No product name": the pack's wording is used. */
export function noProduct(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'profile' || state.stage !== 'product' || !state.profile) return staleButton(turn);
  state.profile = { ...state.profile, product: null };
  done(turn);
}

function done(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'profile' || !state.profile) return;
  turn.say(turn.m.profileSaved(turn.pack.name[turn.lang], state.profile.product));
  const resume = state.resume;
  if (resume) return startWalk(turn, resume.quote, resume.label);
  turn.to({ mode: 'idle' });
}

/** Shows the profile question the rep is at (after a stale button, on /start). */
export function showProfileStage(turn: Turn): void {
  const state = turn.state;
  if (state.mode !== 'profile') return showCurrent(turn);
  if (state.stage === 'industry' || !state.profile) return askIndustry(turn, state.resume);
  turn.say(turn.m.profileProduct(turn.pack.name[turn.lang], turn.pack.product_example[turn.lang]), [turn.button(turn.m.btnNoProduct, { kind: 'noproduct' })]);
}
