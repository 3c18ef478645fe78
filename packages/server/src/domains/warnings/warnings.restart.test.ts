import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, stopServer, type ServerProcess } from '../../../test/cli.ts';
import { DIALECTS, freshTarget } from '../../../test/db.ts';
import { loadDemo } from '../../demo/demo.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { createPlatform } from '../../platform/platform.ts';
import { startLoopbackSmsc, type LoopbackSmsc } from './channels/smpp.loopback.ts';
import { residentRows } from './warnings.test-support.ts';

const VILLAGE = '441825100201';
const RESIDENTS = 6_000;
const duty: Actor = { userId: 'r1', username: 'restart-duty', roles: ['duty_officer'], areaCode: '441825' };
const leader: Actor = { userId: 'r2', username: 'restart-leader', roles: ['county_leader'], areaCode: '441825' };

describe.each(DIALECTS)('warning delivery across a server restart on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('sends every message exactly once when the server is stopped mid-delivery and started again', async () => {
    const { target, remove } = await freshTarget(dialect);
    cleanup.push(remove);
    const smsc: LoopbackSmsc = await startLoopbackSmsc({ systemId: 'restart', password: 'restart' });
    cleanup.push(() => smsc.close());

    // A signed warning to 6,000 residents of one village, its fan-out queued, as a server would leave it at 签发.
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Restart-2026' }), database: target };
    const setup = await createPlatform(config, { log: pino({ level: 'silent' }), db: openDatabase(target) });
    await loadDemo(setup);
    const now = new Date().toISOString();
    const rows = residentRows({
      village: VILLAGE,
      count: RESIDENTS,
      id: () => randomUUID(),
      phone: (i) => `1370000${String(i).padStart(4, '0')}`,
      now,
    });
    for (let i = 0; i < rows.length; i += 500) {
      await setup.db.kysely
        .insertInto('warning_contacts')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const { warnings } = setup.warnings;
    const { id } = await warnings.draft(duty, {
      hazard: 'flash_flood',
      level: 'red',
      headline: '重启测试',
      description: '山洪。',
      instruction: '立即转移。',
      effective: null,
      expires: new Date(Date.now() + 86_400_000).toISOString(),
      target: { areaCodes: [VILLAGE], polygon: null, circle: null },
      groups: ['residents'],
      channels: ['sms'],
      alarmId: null,
    });
    await warnings.submit(duty, id);
    await warnings.review(leader, id, { approve: true, opinion: null });
    await warnings.sign(leader, id, null);
    // Everyone who agreed in the village: these residents and the demo's own.
    const expected = Number(
      (
        await setup.db.kysely
          .selectFrom('warning_contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('village_code', '=', VILLAGE)
          .where('grp', '=', 'residents')
          .where('consent', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
    await setup.close();

    // One submit_sm in flight at a time, so the stop lands in the middle of the delivery.
    const settings = { SMPP_URL: `smpp://restart:restart@127.0.0.1:${smsc.port}`, SMPP_WINDOW: '1', MQTT_MODE: 'off' };
    const databaseUrl = target.dialect === 'sqlite' ? target.file : target.url;
    const started = (output: string) => (/已启动/.test(output) ? true : null);
    let server: ServerProcess<true> = await startServer(databaseUrl, settings, started);
    cleanup.push(() => stopServer(server.child, 'SIGKILL'));
    await smsc.waitForMessages(500);
    await stopServer(server.child, 'SIGTERM');
    const beforeRestart = smsc.counts.messages;
    expect(beforeRestart).toBeLessThan(expected);

    server = await startServer(databaseUrl, settings, started);
    await smsc.waitForMessages(expected);
    await stopServer(server.child, 'SIGTERM');

    const phones = smsc.messages.filter((m) => m.text.includes('重启测试')).map((m) => m.to);
    expect(phones).toHaveLength(expected);
    expect(new Set(phones).size).toBe(expected);
  });
});
