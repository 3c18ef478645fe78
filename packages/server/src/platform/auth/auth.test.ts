import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type TestEnv } from '../../../test/env.ts';
import { DEMO_PASSWORD } from '../../demo/demo.ts';

const login = (env: TestEnv, username: string, password: string, ip = '10.0.0.1') =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe.each(DIALECTS)('log-in and sessions on %s', (dialect) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await testEnv(dialect, { loginRateLimit: 8 });
  });
  afterAll(() => env.close());

  it('logs in with an argon2id hash and an HTTP-only, SameSite cookie', async () => {
    const res = await login(env, 'zhiban', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'yingji_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().user).toMatchObject({ username: 'zhiban', roles: ['duty_officer'], areaName: '连山壮族瑶族自治县' });
    const stored = await env.platform.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'zhiban')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    // The session table keeps a hash of the token, never the token itself.
    const sessions = await env.platform.db.kysely.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain(cookie.value);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await login(env, 'lingdao', 'not-the-password-1', '10.0.0.2');
    const unknown = await login(env, 'nobody', 'not-the-password-1', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('LOGIN_FAILED');
  });

  it('locks an account after repeated failures, even for the right password, until the lock passes', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await login(env, 'jitian', 'wrong-password-1', `10.1.0.${i}`)).json().code).toBe('LOGIN_FAILED');
    const fifth = await login(env, 'jitian', 'wrong-password-1', '10.1.0.9');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect((await login(env, 'jitian', DEMO_PASSWORD, '10.1.1.1')).json().code).toBe('ACCOUNT_LOCKED');
    env.clock.advance(16 * 60_000);
    expect((await login(env, 'jitian', DEMO_PASSWORD, '10.1.1.2')).statusCode).toBe(200);
    const audit = (await (await env.login('admin')).get('/api/audit?action=auth.lock')).json();
    expect(audit.items[0]).toMatchObject({ entity: 'user', after: { username: 'jitian' } });
  });

  it('rate-limits log-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await login(env, 'nobody', 'x', '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect((await login(env, 'nobody', 'x', '10.9.9.9')).json().code).toBe('RATE_LIMITED');
  });

  it('requires the CSRF token on every state-changing request', async () => {
    const client = await env.login('yonghe');
    const noToken = await client.request({
      method: 'PATCH',
      url: '/api/areas/441825100201',
      body: { population: 5 },
      headers: { 'x-csrf-token': '' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_INVALID');
    const wrongToken = await client.request({
      method: 'PATCH',
      url: '/api/areas/441825100201',
      body: { population: 5 },
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongToken.json().code).toBe('CSRF_INVALID');
    expect((await client.patch('/api/areas/441825100201', { population: 5 })).statusCode).toBe(200);
  });

  it('rejects requests without a session and ends expired sessions', async () => {
    const anonymous = await env.app.inject({ method: 'GET', url: '/api/areas/tree' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
    const client = await env.login('chakan');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(13 * 3_600_000);
    const expired = await client.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');
  });

  it('changes a password, ending the other sessions of the user', async () => {
    const laptop = await env.login('xinxiyuan');
    const phone = await env.login('xinxiyuan');
    const weak = await laptop.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(weak.json().code).toBe('VALIDATION_FAILED');
    const wrong = await laptop.post('/api/auth/password', { currentPassword: 'wrong-one-1', newPassword: 'Brand-new-pass-9' });
    expect(wrong.json().code).toBe('PASSWORD_WRONG');
    expect(
      (await laptop.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Brand-new-pass-9' })).statusCode,
    ).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(env, 'xinxiyuan', DEMO_PASSWORD, '10.2.0.1')).statusCode).toBe(401);
    expect((await login(env, 'xinxiyuan', 'Brand-new-pass-9', '10.2.0.2')).statusCode).toBe(200);
  });

  it('logs out', async () => {
    const client = await env.login('lingdao');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});
