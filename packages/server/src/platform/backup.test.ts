import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshTarget } from '../../test/db.ts';
import { adminQuery, TEST_DB_PREFIX, urlFor } from '../../test/pg.ts';
import { loadDemo } from '../demo/demo.ts';
import { SYSTEM_ACTOR } from './access/actor.ts';
import { AuditLog } from './audit/audit.ts';
import { backup, restore } from './backup.ts';
import { ManualClock } from './clock.ts';
import { loadConfig, type DatabaseTarget } from './config.ts';
import { openDatabase } from './db/database.ts';
import { AppError } from './errors.ts';
import { createPlatform, type Platform } from './platform.ts';

const YONGLIAN = '441825100201'; // 永联村, 永和镇

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let target: DatabaseTarget;
  let removeTarget: () => Promise<void>;
  let dir: string;
  let clock: ManualClock;
  let platform: Platform;

  beforeEach(async () => {
    ({ target, remove: removeTarget } = await freshTarget(dialect));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-backup-'));
    clock = new ManualClock('2026-07-01T02:00:00.000Z');
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Admin-test-2026' }), database: target };
    platform = await createPlatform(config, { clock, log: pino({ level: 'silent' }), db: openDatabase(target) });
    await loadDemo(platform);
  });
  afterEach(async () => {
    await platform.close();
    await removeTarget();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the test reads back after a restore, through a new connection as a restarted server would. */
  async function reopen() {
    const db = openDatabase(target);
    try {
      const area = await db.kysely.selectFrom('areas').select(['population']).where('code', '=', YONGLIAN).executeTakeFirst();
      const grids = await db.kysely.selectFrom('areas').select('code').where('level', '=', 'grid').execute();
      const audit = await new AuditLog(db, clock).verify();
      return { population: area?.population, grids: grids.map((g) => g.code), audit };
    } finally {
      await db.close();
    }
  }

  it('brings the database back to the moment of the backup, audit chain intact', async () => {
    await platform.areas.update(SYSTEM_ACTOR, YONGLIAN, { population: 2345 });
    const grid = await platform.areas.createGrid(SYSTEM_ACTOR, YONGLIAN, {
      name: '永联村第一网格',
      population: 300,
      gridOfficerName: '覃网格',
      gridOfficerPhone: '13800138000',
    });
    const file = path.join(dir, 'nested', 'yingji.backup');
    const { bytes } = await backup(platform.db, file);
    expect(bytes).toBe(fs.statSync(file).size);
    expect(bytes).toBeGreaterThan(0);
    const atBackup = (await platform.audit.verify()).checked;

    // Life goes on after the backup: an edit, and a row removed behind the application's back.
    clock.advance(3_600_000);
    await platform.areas.update(SYSTEM_ACTOR, YONGLIAN, { population: 9999 });
    await platform.db.kysely.deleteFrom('areas').where('code', '=', grid.code).execute();
    expect(await reopen()).toMatchObject({ population: 9999, grids: [], audit: { ok: true, checked: atBackup + 1 } });

    await platform.close();
    await restore(target, file);

    expect(await reopen()).toEqual({
      population: 2345,
      grids: [grid.code],
      audit: { ok: true, checked: atBackup, firstBadSeq: null, reason: null },
    });
  });

  it('refuses a file that is not a Yingji database and leaves the current one untouched', async () => {
    await platform.areas.update(SYSTEM_ACTOR, YONGLIAN, { population: 777 });
    const before = await platform.audit.verify();
    await platform.close();

    const garbage = path.join(dir, 'notes.txt');
    fs.writeFileSync(garbage, '这不是数据库备份\n'.repeat(100));
    const missing = path.join(dir, 'does-not-exist.backup');
    // A well-formed database of the right kind that is not Yingji's.
    const foreign = path.join(dir, 'foreign.backup');
    if (dialect === 'sqlite') {
      const other = new SQLite(foreign);
      other.exec("create table areas (code text primary key); insert into areas values ('x')");
      other.close();
    } else {
      // Not freshTarget: that copies the migrated template, which is a Yingji database.
      const name = `${TEST_DB_PREFIX}foreign_${process.pid}`;
      await adminQuery(`create database "${name}"`);
      const other = openDatabase({ dialect: 'postgres', url: urlFor(name) });
      try {
        await other.kysely.schema.createTable('areas_copy').addColumn('code', 'text').execute();
        await backup(other, foreign);
      } finally {
        await other.close();
        await adminQuery(`drop database "${name}" with (force)`);
      }
    }

    for (const file of [garbage, missing, foreign]) {
      const error = await restore(target, file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, file).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BACKUP_FAILED');
    }
    expect(await reopen()).toMatchObject({ population: 777, audit: before });
  });
});
