import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test/db.ts';
import { testEnv, type TestEnv } from '../test/env.ts';

describe.each(DIALECTS)('platform HTTP surface on %s', (dialect) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await testEnv(dialect);
  });
  afterAll(() => env.close());

  it('reports database, event and job state on /api/health without a session', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: { dialect, ok: true },
      events: { transport: dialect === 'postgres' ? 'postgres-notify' : 'in-process', ok: true },
    });
    // Domains schedule their periodic jobs at start (e.g. the daily expiry scan): health reports what the table holds.
    const queued = await env.platform.db.kysely
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(res.json().jobs).toEqual({ queued: Number(queued.n), dead: 0 });
  });

  it('serves an OpenAPI 3.1 document generated from the contracts, and its UI', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/areas/tree', '/api/areas/{code}', '/api/users', '/api/audit', '/api/health']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    expect(login.additionalProperties).toBe(false);
    const ui = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with a catalogue 404', async () => {
    const client = await env.login('zhiban');
    const res = await client.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '请求的资源不存在' });
  });

  it('sets security headers', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
