import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/demo.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { openDatabase, type Dialect } from '../src/platform/db/database.ts';
import { createPlatform, type Platform, type PlatformOptions } from '../src/platform/platform.ts';
import { freshTarget } from './db.ts';

export const ADMIN_PASSWORD = 'Admin-test-2026';

export interface ApiClient {
  csrfToken: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
}

export interface TestEnv {
  dialect: Dialect;
  platform: Platform;
  app: FastifyInstance;
  clock: ManualClock;
  /** Logs in through the API and returns a client that sends the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/**
 * A whole running platform on a fresh database of the given dialect, with the demo county (连山) and its users
 * loaded, a movable clock, and the HTTP app ready for inject().
 */
export async function testEnv(
  dialect: Dialect,
  overrides: Partial<Config> = {},
  options: Pick<PlatformOptions, 'channels'> = {},
): Promise<TestEnv> {
  const { target, remove } = await freshTarget(dialect);
  const config: Config = {
    ...loadConfig({ YINGJI_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', VALIDATE_RESPONSES: 'true' }),
    ...overrides,
    database: target,
  };
  const clock = new ManualClock('2026-07-01T02:00:00.000Z');
  const platform = await createPlatform(config, { ...options, clock, log: pino({ level: 'silent' }), db: openDatabase(target) });
  await loadDemo(platform);
  const app = await buildApp(platform);
  await app.ready();

  async function login(username: string, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD): Promise<ApiClient> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'yingji_session')!;
    const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
    const request: ApiClient['request'] = ({ method, url, body, headers }) =>
      app.inject({
        method,
        url,
        cookies: { yingji_session: cookie.value },
        headers: { 'x-csrf-token': csrfToken, ...headers },
        ...(body !== undefined && { payload: body as object }),
      });
    return {
      csrfToken,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, body }),
      patch: (url, body) => request({ method: 'PATCH', url, body }),
    };
  }

  return {
    dialect,
    platform,
    app,
    clock,
    login,
    async close() {
      await app.close();
      await platform.close();
      await remove();
    },
  };
}
