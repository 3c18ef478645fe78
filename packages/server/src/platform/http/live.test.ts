import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// ws ships no type declarations (and @types/ws is not installed); the little used here is typed by LiveSocket below.
import WebSocket from 'ws';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type TestEnv } from '../../../test/env.ts';
import { DEMO_PASSWORD } from '../../demo/demo.ts';
import type { Actor } from '../access/actor.ts';
import type { BusEvent } from '../events/bus.ts';
import { reaches } from './live.routes.ts';

type LiveSocket = WebSocket;

interface Message {
  type: string;
  areaCode: string | null;
  at: string;
  data: { code?: string; population?: number } | null;
}

const YONGLIAN = '441825100201'; // 永联村, 永和镇

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(DIALECTS)('live feed over WebSocket on %s', (dialect) => {
  let env: TestEnv;
  let base: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await env.close();
  });

  /** Logs in over real HTTP, as the browser does, and returns the Cookie header to send. */
  async function cookieFor(username: string): Promise<string> {
    const res = await fetch(`http://${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('yingji_session='));
    expect(session).toBeDefined();
    return session!.split(';')[0]!;
  }

  /** Opens /api/live and collects every message; resolves once the server has said it is connected. */
  async function connect(cookie: string): Promise<Message[]> {
    const messages: Message[] = [];
    const socket = new WebSocket(`ws://${base}/api/live`, { headers: { cookie } });
    sockets.push(socket);
    socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Message));
    await until(() => messages.some((m) => m.type === 'live.connected'));
    return messages;
  }

  it('sends a township officer the events of their township and not of another', async () => {
    const yonghe = await connect(await cookieFor('yonghe'));
    expect(yonghe[0]).toMatchObject({ type: 'live.connected', areaCode: '441825100', at: env.clock.now().toISOString() });
    const county = await connect(await cookieFor('zhiban'));

    const zhiban = await env.login('zhiban');
    const jitianVillage = (await zhiban.get('/api/areas?parentCode=441825104&limit=1')).json().items[0].code as string;
    // 吉田 first, then 永和: events travel in order, so once the 永和 one has arrived the 吉田 one would have too.
    expect((await zhiban.patch(`/api/areas/${jitianVillage}`, { population: 1111 })).statusCode).toBe(200);
    expect((await zhiban.patch(`/api/areas/${YONGLIAN}`, { population: 2222 })).statusCode).toBe(200);
    const updates = (messages: Message[]) => messages.filter((m) => m.type === 'area.updated');
    await until(() => updates(yonghe).length >= 1 && updates(county).length >= 2);

    expect(updates(yonghe)).toEqual([
      {
        type: 'area.updated',
        areaCode: YONGLIAN,
        at: env.clock.now().toISOString(),
        data: { code: YONGLIAN, name: '永联村委会', population: 2222 },
      },
    ]);
    // The duty officer's scope is the whole county: both events, in order.
    expect(updates(county).map((m) => m.data?.code)).toEqual([jitianVillage, YONGLIAN]);
  });

  it('ends the socket when an administrator changes the user it belongs to', async () => {
    const cookie = await cookieFor('jitian');
    const socket = new WebSocket(`ws://${base}/api/live`, { headers: { cookie } });
    sockets.push(socket);
    const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    const admin = await env.login('admin');
    const jitian = (await admin.get('/api/users?q=jitian')).json().items[0];
    expect((await admin.patch(`/api/users/${jitian.id}`, { areaCode: '441825105' })).statusCode).toBe(200);
    expect(await closed).toBe(4001);
  });

  it('refuses the upgrade without a session cookie', async () => {
    const attempts: Record<string, string>[] = [{}, { cookie: 'yingji_session=not-a-session' }];
    for (const headers of attempts) {
      const socket = new WebSocket(`ws://${base}/api/live`, { headers });
      const refused = await new Promise<Error>((resolve) => socket.on('error', resolve));
      expect(refused.message).toContain('401');
    }
  });
});

describe('reaches()', () => {
  const actor = (roles: Actor['roles'], areaCode: string): Actor => ({ userId: 'u', username: 'u', roles, areaCode });
  const event = (areaCode: string | null): BusEvent => ({
    type: 'user.changed',
    areaCode,
    at: '2026-07-01T02:00:00.000Z',
    data: { id: 'u', username: 'u' },
  });

  it('delivers area events to scopes that contain the area', () => {
    const yonghe = actor(['township_officer'], '441825100');
    expect(reaches(yonghe, event('441825100'))).toBe(true);
    expect(reaches(yonghe, event('441825100201'))).toBe(true);
    expect(reaches(yonghe, event('441825104'))).toBe(false);
    expect(reaches(yonghe, event('441825104201'))).toBe(false);
    // An event about the county as a whole is above a township's scope.
    expect(reaches(yonghe, event('441825'))).toBe(false);
    expect(reaches(actor(['duty_officer'], '441825'), event('441825104201'))).toBe(true);
    expect(reaches(actor(['admin'], ''), event('441825104201'))).toBe(true);
    expect(reaches(actor(['admin'], ''), event('440000'))).toBe(true);
  });

  it('delivers events without an area only to administrators', () => {
    expect(reaches(actor(['admin'], ''), event(null))).toBe(true);
    expect(reaches(actor(['duty_officer'], '441825'), event(null))).toBe(false);
    expect(reaches(actor(['readonly'], ''), event(null))).toBe(false);
  });
});
