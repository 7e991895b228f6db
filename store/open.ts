/**
 * Opens the configured store: PostgreSQL when a connection string is given, otherwise the
 * embedded SQLite file `objection-coach.db` in the data folder.
 */
import { join } from 'node:path';
import { Store } from './store.ts';

export const SQLITE_FILE = 'objection-coach.db';

export async function openStore(options: { databaseUrl?: string; dataDir: string }): Promise<Store> {
  if (options.databaseUrl) return Store.openPostgres(options.databaseUrl);
  return Store.openSqlite(join(options.dataDir, SQLITE_FILE));
}
