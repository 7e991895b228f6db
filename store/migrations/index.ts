/**
 * Every migration, in order: one file each, named `NNN_what.ts`, registered here under its file
 * name without `.ts` — the names Kysely's migrator records in `kysely_migration` (databases
 * created before this folder existed recorded the same names, so they open unchanged).
 * A new migration is a new file with the next number, added at the end of this list.
 */
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';
import { migration as m001 } from './001_sessions_and_audit.ts';
import { migration as m002 } from './002_processed_updates.ts';
import { migration as m003 } from './003_dialogs.ts';
import { migration as m004 } from './004_sessions_last_used.ts';
import { migration as m005 } from './005_dashboard_auth.ts';
import { migration as m006 } from './006_reminders.ts';
import { migration as m007 } from './007_deals.ts';
import { migration as m008 } from './008_reminder_prefs.ts';
import { migration as m009 } from './009_corrections.ts';
import { migration as m010 } from './010_practice.ts';
import { migration as m011 } from './011_delivery_outbox.ts';

const MIGRATIONS: [name: string, make: (kind: StoreKind) => Migration][] = [
  ['001_sessions_and_audit', m001],
  ['002_processed_updates', m002],
  ['003_dialogs', m003],
  ['004_sessions_last_used', m004],
  ['005_dashboard_auth', m005],
  ['006_reminders', m006],
  ['007_deals', m007],
  ['008_reminder_prefs', m008],
  ['009_corrections', m009],
  ['010_practice', m010],
  ['011_delivery_outbox', m011],
];

/** The migration names, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

/** The migrations for one kind of database (the few column types that differ). */
export function migrationsFor(kind: StoreKind): Record<string, Migration> {
  return Object.fromEntries(MIGRATIONS.map(([name, make]) => [name, make(kind)]));
}
