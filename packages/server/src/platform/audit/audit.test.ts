import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { DIALECTS, freshDb } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';
import { ManualClock } from '../clock.ts';
import { AuditLog } from './audit.ts';

const YONGHE = '441825100';
const YONGLIAN = '441825100201'; // 永联村, 永和镇

interface Entry {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  entityId: string;
  areaCode: string | null;
  after: { population?: number } | null;
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let zhiban: ApiClient;
  let yonghe: ApiClient;
  let jitianVillage: string;

  const db = () => env.platform.db.kysely;
  const rowCount = async () => Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(db())).rows[0]!.n);
  const list = async (client: ApiClient, query: string) => {
    const res = await client.get(`/api/audit?${query.includes('limit=') ? query : `limit=500&${query}`}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Entry[]; total: number };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    zhiban = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitianVillage = (await zhiban.get('/api/areas?parentCode=441825104&limit=1')).json().items[0].code;
    // Three edits two hours apart (the clock starts at 2026-07-01T02:00Z = 10:00 in Asia/Shanghai).
    expect((await yonghe.patch(`/api/areas/${YONGLIAN}`, { population: 100 })).statusCode).toBe(200);
    env.clock.advance(2 * 3_600_000);
    expect((await zhiban.patch(`/api/areas/${jitianVillage}`, { population: 200 })).statusCode).toBe(200);
    env.clock.advance(2 * 3_600_000);
    expect((await zhiban.patch(`/api/areas/${YONGLIAN}`, { population: 300 })).statusCode).toBe(200);
  });
  afterAll(() => env.close());

  it('verifies an untouched chain and counts every row', async () => {
    const rows = await rowCount();
    expect(rows).toBeGreaterThan(10); // demo load, users, log-ins, edits
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: rows, firstBadSeq: null, reason: null });
    // Tiny batches cross many batch boundaries and must agree.
    expect(await env.platform.audit.verify(3)).toEqual({ ok: true, checked: rows, firstBadSeq: null, reason: null });
  });

  it('filters by actor, entity, action and time window', async () => {
    const byYonghe = await list(admin, 'actor=yonghe');
    expect(byYonghe.items.length).toBeGreaterThan(0);
    expect(byYonghe.items.every((e) => e.actorName === 'yonghe')).toBe(true);
    expect(byYonghe.items.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'area.update']));

    const updates = await list(admin, 'entity=area&action=area.update');
    expect(updates.total).toBe(3);
    // Newest first.
    expect(updates.items.map((e) => [e.entityId, e.after?.population])).toEqual([
      [YONGLIAN, 300],
      [jitianVillage, 200],
      [YONGLIAN, 100],
    ]);

    // 11:30–13:00 Shanghai time = 03:30–05:00 UTC: only the middle edit (04:00 UTC).
    const window = await list(
      admin,
      `action=area.update&from=${encodeURIComponent('2026-07-01T11:30:00+08:00')}&to=${encodeURIComponent('2026-07-01T13:00:00+08:00')}`,
    );
    expect(window.items.map((e) => [e.entityId, e.at])).toEqual([[jitianVillage, '2026-07-01T04:00:00.000Z']]);
    expect((await list(admin, 'action=area.update&from=2026-07-01T06:00:00Z')).total).toBe(1);
    expect((await list(admin, 'action=area.update&to=2026-07-01T02:00:00Z')).total).toBe(1);

    const paged = await list(admin, 'entity=area&action=area.update&limit=1&offset=1');
    expect(paged).toMatchObject({ total: 3, items: [{ entityId: jitianVillage }] });
    expect((await admin.get('/api/audit?from=yesterday')).json().code).toBe('VALIDATION_FAILED');
  });

  it('shows a township officer only the entries of their township', async () => {
    const seen = await list(yonghe, '');
    const expected = await db().selectFrom('audit_log').select('seq').where('area_code', 'like', `${YONGHE}%`).execute();
    expect(seen.total).toBe(expected.length);
    expect(seen.items.every((e) => e.areaCode?.startsWith(YONGHE))).toBe(true);
    // Including what the county did in the township, but nothing of 吉田镇 and no area-less entries.
    expect(seen.items.some((e) => e.actorName === 'zhiban' && e.entityId === YONGLIAN)).toBe(true);
    expect((await list(yonghe, `entityId=${jitianVillage}`)).total).toBe(0);
    expect((await list(admin, `entityId=${jitianVillage}`)).total).toBeGreaterThan(0);
  });

  it('lets only the administrator verify the chain', async () => {
    for (const client of [zhiban, yonghe, await env.login('chakan')]) {
      const res = await client.get('/api/audit/verify');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await (await env.login('qiye')).get('/api/audit')).json().code).toBe('FORBIDDEN');
  });

  it('refuses UPDATE and DELETE on audit_log in the database itself', async () => {
    await expect(sql`update audit_log set actor_name = 'someone' where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    expect(await env.platform.audit.verify()).toMatchObject({ ok: true });
  });

  // Runs last: it removes the triggers, as an intruder with database access would.
  it('shows an edited row and a deleted row once the triggers are gone', async () => {
    if (dialect === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db());
      await sql`drop trigger audit_log_no_delete`.execute(db());
    } else {
      await sql`drop trigger audit_log_no_change on audit_log`.execute(db());
    }
    const rows = await rowCount();
    const victim = (await list(admin, 'action=area.update')).items.at(-1)!.seq;
    const original = (await db().selectFrom('audit_log').select('after_json').where('seq', '=', victim).executeTakeFirstOrThrow())
      .after_json;

    await db().updateTable('audit_log').set({ after_json: '{"population":99999}' }).where('seq', '=', victim).execute();
    const edited = (await admin.get('/api/audit/verify')).json();
    expect(edited).toMatchObject({ ok: false, firstBadSeq: victim, checked: victim - 1 });
    expect(edited.reason).toContain('篡改');

    // Putting the exact content back makes the chain whole again: the hash covers content, nothing else.
    await db().updateTable('audit_log').set({ after_json: original }).where('seq', '=', victim).execute();
    expect(await env.platform.audit.verify()).toEqual({ ok: true, checked: rows, firstBadSeq: null, reason: null });

    const middle = Math.floor(rows / 2);
    await db().deleteFrom('audit_log').where('seq', '=', middle).execute();
    const gap = await env.platform.audit.verify();
    expect(gap).toMatchObject({ ok: false, firstBadSeq: middle, checked: middle - 1 });
    expect(gap.reason).toContain(`缺少第 ${middle} 条`);
  });
});

describe('yingji audit verify (CLI)', () => {
  it('exits 0 on an intact chain and 3, saying 篡改, after tampering', async () => {
    const fresh = await freshDb('sqlite');
    try {
      const audit = new AuditLog(fresh.db, new ManualClock());
      for (const population of [1, 2, 3]) {
        const entry = { action: 'area.update', entity: 'area', entityId: YONGLIAN, areaCode: YONGLIAN, after: { population } };
        await fresh.db.kysely.transaction().execute((trx) => audit.record(trx, SYSTEM_ACTOR, entry));
      }
      await fresh.db.close();
      if (fresh.target.dialect !== 'sqlite') throw new Error('unreachable');
      const file = fresh.target.file;

      const intact = await runCli(['audit', 'verify', '--database-url', file]);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('已校验 3 条');

      const raw = new SQLite(file);
      raw.exec('drop trigger audit_log_no_update');
      raw.prepare(`update audit_log set after_json = '{"population":42}' where seq = 2`).run();
      raw.close();

      const tampered = await runCli(['audit', 'verify', '--database-url', file]);
      expect(tampered.code).toBe(3);
      expect(tampered.stdout).toContain('篡改');
      expect(tampered.stdout).toContain('第 2 条');
    } finally {
      await fresh.drop();
    }
  });
});
