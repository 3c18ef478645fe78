import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { adminQuery, pgReachable, templateFor, TEST_DB_PREFIX, urlFor } from './pg.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dialects: ('sqlite' | 'postgres')[];
    /** The pid of this run's main process, which names its PostgreSQL databases. */
    runPid: number;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops this run's databases, and those left behind by runs whose process is gone (a killed run). */
async function dropTestDatabases(ownPid: number): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(`select datname from pg_database where datname like '${TEST_DB_PREFIX}%'`);
  for (const { datname } of rows) {
    const pid = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
    if (pid === ownPid || !Number.isInteger(pid) || !alive(pid))
      await adminQuery(`drop database if exists "${datname}" with (force)`);
  }
}

/**
 * Decides the dialects once per run. PostgreSQL is required under CI; elsewhere, without a reachable server, its
 * leg is skipped with a notice. A migrated template database makes each test's fresh database a fast copy.
 */
export default async function setup(project: TestProject) {
  const reachable = await pgReachable();
  if (!reachable && process.env.CI) throw new Error('CI is set but PostgreSQL at 127.0.0.1:5432 is not reachable');
  if (!reachable) {
    process.stdout.write(
      '\n[yingji] PostgreSQL 不可达：本次只在 SQLite 上运行数据库测试（PostgreSQL leg skipped: no server reachable)\n\n',
    );
    project.provide('dialects', ['sqlite']);
    return;
  }
  await dropTestDatabases(process.pid);
  await adminQuery(`create database "${templateFor(process.pid)}"`);
  const db = openDatabase({ dialect: 'postgres', url: urlFor(templateFor(process.pid)) }, { poolSize: 1 });
  await migrateToLatest(db);
  await db.close();
  project.provide('dialects', ['sqlite', 'postgres']);
  project.provide('runPid', process.pid);
  return async () => {
    await dropTestDatabases(process.pid);
  };
}
