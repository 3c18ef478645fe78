import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.ts';
import type { Database } from './schema.ts';

export type Dialect = DatabaseTarget['dialect'];

/** One open database: the Kysely instance every repo uses, plus what the few dialect-aware places need. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  readonly target: DatabaseTarget;
  /** The raw better-sqlite3 handle (SQLite only): online backup needs it. */
  readonly sqlite?: SQLite.Database;
  ping(): Promise<number>;
  close(): Promise<void>;
}

/** pg returns int8 and numeric as strings (SQLite gives numbers); normalise here so repos see one type. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Db {
  if (target.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10, types: pgTypes });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return wrap(kysely, target);
  }
  fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new SQLite(target.file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged commit survives power loss, which ledgers and acknowledged sensor readings rely on.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return wrap(kysely, target, sqlite);
}

/**
 * Kysely prepares every statement anew; preparing costs more than running a small query. Repos build the same SQL
 * text again and again (parameters are bound, not inlined), so prepared statements are kept and reused, least
 * recently used dropped first. Reuse is safe: Kysely runs one query at a time on the single SQLite connection.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

function wrap(kysely: Kysely<Database>, target: DatabaseTarget, sqlite?: SQLite.Database): Db {
  let closing: Promise<void> | null = null;
  return {
    kysely,
    dialect: target.dialect,
    target,
    sqlite,
    async ping() {
      const started = performance.now();
      await sql`select 1`.execute(kysely);
      return performance.now() - started;
    },
    close() {
      // Idempotent: the CLI, the server and tests may each close the same database.
      closing ??= kysely.destroy();
      return closing;
    },
  };
}
