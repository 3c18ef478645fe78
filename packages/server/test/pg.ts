import pg from 'pg';

/** The PostgreSQL the tests use: this machine's server (trust auth), or TEST_PG_URL. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * Every test run names its databases after the pid of the run's main process (yingji_t_<pid>_…), so several runs
 * on one machine (two developers, an editor's watcher and CI) never drop each other's databases.
 */
export const TEST_DB_PREFIX = 'yingji_t_';
export const runPrefix = (pid: number) => `${TEST_DB_PREFIX}${pid}_`;
export const templateFor = (pid: number) => `${runPrefix(pid)}template`;

export function urlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the maintenance database with a short-lived client. */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function pgReachable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}
