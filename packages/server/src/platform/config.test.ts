import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FLAGS, databaseTarget, loadConfig } from './config.ts';
import { AppError } from './errors.ts';

/** The AppError loadConfig throws for this environment (and flags), or a failure if it throws none. */
function configError(env: Record<string, string>, flags: Record<string, string> = {}): AppError {
  try {
    loadConfig(env, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify({ env, flags })}`);
}

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      logLevel: 'info',
      bodyLimit: 1024 * 1024,
      sessionHours: 12,
      loginMaxFailures: 5,
      secureCookies: false,
      validateResponses: false,
    });
    expect(config.adminPassword).toBeUndefined();
    // The SQLite file lives in the data directory, as an absolute path so a later chdir cannot move it.
    expect(config.database).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'yingji.sqlite') });
  });

  it('reads environment variables, converting numbers and booleans', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: '/srv/yingji',
      LOG_LEVEL: 'warn',
      SESSION_HOURS: '0.5',
      SECURE_COOKIES: 'true',
      YINGJI_ADMIN_PASSWORD: 'a-long-enough-secret',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/yingji',
      logLevel: 'warn',
      sessionHours: 0.5,
      secureCookies: true,
      adminPassword: 'a-long-enough-secret',
      database: { dialect: 'sqlite', file: path.resolve('/srv/yingji/yingji.sqlite') },
    });
  });

  it('lets command-line flags override the environment, and ignores empty values', () => {
    const config = loadConfig({ PORT: '9000', LOG_LEVEL: 'warn', HOST: '' }, { port: '9100', dataDir: '/tmp/y' });
    expect(config).toMatchObject({ port: 9100, logLevel: 'warn', host: '0.0.0.0', dataDir: '/tmp/y' });
    // Every config key has a flag named after it, for `yingji --help`.
    expect(CONFIG_FLAGS.find((f) => f.key === 'databaseUrl')).toEqual({
      key: 'databaseUrl',
      flag: '--database-url',
      env: 'DATABASE_URL',
    });
    expect(CONFIG_FLAGS.find((f) => f.key === 'adminPassword')?.env).toBe('YINGJI_ADMIN_PASSWORD');
  });

  it('selects PostgreSQL for a postgres:// DATABASE_URL and SQLite for anything else', () => {
    const url = 'postgres://yingji:secret@db.internal:5432/yingji';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ dialect: 'postgres', url });
    expect(databaseTarget('postgresql://db/yingji', './data')).toEqual({ dialect: 'postgres', url: 'postgresql://db/yingji' });
    expect(loadConfig({ DATABASE_URL: 'var/county.sqlite', DATA_DIR: '/ignored' }).database).toEqual({
      dialect: 'sqlite',
      file: path.resolve('var/county.sqlite'),
    });
    // A flag beats the environment here too.
    expect(loadConfig({ DATABASE_URL: url }, { databaseUrl: '/tmp/x.sqlite' }).database).toEqual({
      dialect: 'sqlite',
      file: '/tmp/x.sqlite',
    });
  });

  it('rejects bad values with CONFIG_INVALID naming the environment variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'abc' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ YINGJI_ADMIN_PASSWORD: 'short' }, 'YINGJI_ADMIN_PASSWORD'],
      [{ SECURE_COOKIES: 'yes' }, 'SECURE_COOKIES'],
      [{ BODY_LIMIT: '10' }, 'BODY_LIMIT'],
    ];
    for (const [env, name] of cases) {
      const error = configError(env);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain(name);
      expect(error.message).toMatch(/^配置有误/);
    }
    expect(configError({}, { port: 'abc' }).message).toContain('PORT');
  });

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', YINGJI_ADMIN_PASSWORD: 'short' });
    const { problems } = error.details as { problems: string[] };
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'YINGJI_ADMIN_PASSWORD']);
    expect(error.message).toContain('至少 10 位');
  });
});
