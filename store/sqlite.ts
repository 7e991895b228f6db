/**
 * Node's built-in SQLite (`node:sqlite`) as the database behind Kysely's SQLite dialect.
 *
 * Kysely's `SqliteDialect` expects a better-sqlite3-shaped object; `DatabaseSync` differs in
 * three small ways, bridged here: statements take their parameters spread rather than as one
 * array, booleans must become 0/1, and `reader` (does the statement return rows?) is read from
 * the statement's result columns. The few statements every turn runs stay prepared.
 *
 * Transactions begin IMMEDIATE: every transaction of the store writes, and taking the write lock
 * at `begin` (waiting up to the busy timeout for another process to finish) means a row read
 * inside it cannot be overtaken by another process's commit before the write.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements stay prepared (the service runs a handful per turn). */
const PREPARED_LIMIT = 500;

/** Opens (and creates, with its folder) the SQLite file with the settings a server wants. */
export function openSqliteDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new DatabaseSync(file, { timeout: 5000 });
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  const prepared = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteStatement {
      const sql = text === 'begin' ? 'begin immediate' : text;
      let statement = prepared.get(sql);
      if (!statement) {
        statement = wrapStatement(database.prepare(sql));
        if (prepared.size < PREPARED_LIMIT) prepared.set(sql, statement);
      }
      return statement;
    },
  };
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...toSqlValues(parameters)),
    run: (parameters) => statement.run(...toSqlValues(parameters)),
    iterate: (parameters) => statement.iterate(...toSqlValues(parameters)),
  };
}

function toSqlValues(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : (value as SQLInputValue)));
}
