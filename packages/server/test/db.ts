import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../src/platform/config.ts';
import { openDatabase, type Db, type Dialect } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { adminQuery, runPrefix, templateFor, urlFor } from './pg.ts';

/** The dialects this run covers: SQLite always, PostgreSQL whenever a server is reachable (always under CI). */
export const DIALECTS: Dialect[] = inject('dialects');

export interface FreshDb {
  db: Db;
  target: DatabaseTarget;
  /** Closes the connection (if still open) and deletes the database. */
  drop(): Promise<void>;
}

/** A new, migrated, empty database of the given dialect, for one test. */
export async function freshTarget(dialect: Dialect): Promise<{ target: DatabaseTarget; remove(): Promise<void> }> {
  const name = `${runPrefix(inject('runPid'))}${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-test-'));
    return {
      target: { dialect, file: path.join(dir, 'yingji.sqlite') },
      remove: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await adminQuery(`create database "${name}" template "${templateFor(inject('runPid'))}"`);
  return {
    target: { dialect, url: urlFor(name) },
    remove: async () => void (await adminQuery(`drop database if exists "${name}" with (force)`)),
  };
}

export async function freshDb(dialect: Dialect): Promise<FreshDb> {
  const { target, remove } = await freshTarget(dialect);
  const db = openDatabase(target);
  await migrateToLatest(db);
  let closed = false;
  return {
    db,
    target,
    async drop() {
      if (!closed) await db.close();
      closed = true;
      await remove();
    },
  };
}
