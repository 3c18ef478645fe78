import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';

const newUser = {
  username: 'taibao',
  displayName: '太保镇应急办 覃主任',
  roles: ['township_officer'],
  areaCode: '441825105',
  phone: '13712345678',
  password: 'Taibao-pass-2026',
};

describe.each(DIALECTS)('users on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
  });
  afterAll(() => env.close());

  it('lets the administrator create a scoped user who can then log in', async () => {
    const res = await admin.post('/api/users', newUser);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'taibao', areaName: '太保镇', roles: ['township_officer'] });
    const taibao = await env.login('taibao', newUser.password);
    const tree = (await taibao.get('/api/areas/tree?depth=0')).json();
    expect(tree.map((n: { code: string }) => n.code)).toEqual(['441825105']);
    const audit = (await admin.get(`/api/audit?action=user.create&entityId=${res.json().id}`)).json();
    expect(audit.items[0].after).toMatchObject({ username: 'taibao', areaCode: '441825105' });
    expect(audit.items[0].after).not.toHaveProperty('password');
    expect(JSON.stringify(audit.items[0])).not.toContain('argon2');
  });

  it('refuses duplicates, unknown areas, weak passwords and unknown fields', async () => {
    expect((await admin.post('/api/users', newUser)).json().code).toBe('USERNAME_TAKEN');
    expect((await admin.post('/api/users', { ...newUser, username: 'ghost', areaCode: '441825999' })).json().code).toBe(
      'AREA_NOT_FOUND',
    );
    expect((await admin.post('/api/users', { ...newUser, username: 'weak', password: 'abc' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await admin.post('/api/users', { ...newUser, username: 'extra', isRoot: true })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await admin.post('/api/users', { ...newUser, username: 'badrole', roles: ['emperor'] })).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('allows only administrators to manage users', async () => {
    const duty = await env.login('zhiban');
    expect((await duty.get('/api/users')).json().code).toBe('FORBIDDEN');
    expect((await duty.post('/api/users', { ...newUser, username: 'sneaky' })).json().code).toBe('FORBIDDEN');
  });

  it('moves a user to another area, ending their sessions, and disables accounts', async () => {
    const target = (await admin.get('/api/users?q=jitian')).json().items[0];
    const jitian = await env.login('jitian');
    const moved = await admin.patch(`/api/users/${target.id}`, { areaCode: '441825100' });
    expect(moved.json().areaName).toBe('永和镇');
    expect((await jitian.get('/api/auth/me')).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${target.id}`, { disabled: true })).json().disabled).toBe(true);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'jitian', password: 'Yingji-demo-2026' },
    });
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('does not let the administrator lock themselves out', async () => {
    const me = (await admin.get('/api/auth/me')).json().user;
    expect((await admin.patch(`/api/users/${me.id}`, { disabled: true })).json().code).toBe('FORBIDDEN');
  });
});
