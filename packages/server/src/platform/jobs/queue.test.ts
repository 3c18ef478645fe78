import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb, type FreshDb } from '../../../test/db.ts';
import { ManualClock } from '../clock.ts';
import { openDatabase } from '../db/database.ts';
import { backoffMs, JobQueue, type Job } from './queue.ts';

const log = pino({ level: 'silent' });

describe.each(DIALECTS)('job queue on %s', (dialect) => {
  let fresh: FreshDb;
  let clock: ManualClock;
  let queue: JobQueue;

  beforeEach(async () => {
    fresh = await freshDb(dialect);
    clock = new ManualClock('2026-07-01T02:00:00.000Z');
    queue = new JobQueue(fresh.db, clock, log);
  });
  afterEach(() => fresh.drop());

  const jobRow = (id: string) => fresh.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('makes one job of two enqueues with the same idempotency key', async () => {
    const first = await queue.enqueue(fresh.db.kysely, 'sms', { to: '13800138000' }, { idempotencyKey: 'warning-1:13800138000' });
    const second = await queue.enqueue(
      fresh.db.kysely,
      'sms',
      { to: '13800138000' },
      { idempotencyKey: 'warning-1:13800138000' },
    );
    expect(second).toBe(first);
    // Jobs without a key are never merged.
    await queue.enqueue(fresh.db.kysely, 'sms', { to: 'a' });
    await queue.enqueue(fresh.db.kysely, 'sms', { to: 'a' });
    expect(await queue.counts()).toEqual({ queued: 3, dead: 0 });
  });

  it('claims a job, runs its handler with the payload and marks it done', async () => {
    const seen: Job[] = [];
    queue.register('sms', async (job) => void seen.push(job));
    const id = await queue.enqueue(fresh.db.kysely, 'sms', { to: '13800138000', text: '暴雨红色预警' });

    expect(await queue.runOnce()).toBe(true);
    expect(seen).toEqual([{ id, kind: 'sms', payload: { to: '13800138000', text: '暴雨红色预警' }, attempts: 1 }]);
    expect(await jobRow(id)).toMatchObject({
      state: 'done',
      attempts: 1,
      locked_by: null,
      finished_at: clock.now().toISOString(),
    });
    expect(await queue.runOnce()).toBe(false);
    expect(await queue.counts()).toEqual({ queued: 0, dead: 0 });
  });

  it('does not run a job before its run_at', async () => {
    queue.register('sms', async () => undefined);
    await queue.enqueue(fresh.db.kysely, 'sms', {}, { runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await queue.runOnce()).toBe(false);
    clock.advance(60_000);
    expect(await queue.runOnce()).toBe(true);
  });

  it('retries a failing job only after its back-off, and buries it after max_attempts', async () => {
    let calls = 0;
    queue.register('webhook', async () => {
      calls += 1;
      throw new Error(`网关拒绝 ${calls}`);
    });
    const id = await queue.enqueue(fresh.db.kysely, 'webhook', {}, { maxAttempts: 3 });

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(await queue.runOnce()).toBe(true);
      expect(calls).toBe(attempt);
      const row = await jobRow(id);
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe(`网关拒绝 ${attempt}`);
      if (attempt < 3) {
        expect(row.state).toBe('queued');
        // Not a moment before the back-off has passed…
        clock.advance(backoffMs(attempt) - 1);
        expect(await queue.runOnce()).toBe(false);
        clock.advance(1);
      } else {
        expect(row.state).toBe('dead');
        expect(row.finished_at).toBe(clock.now().toISOString());
      }
    }
    // …and never again once dead, however long we wait.
    clock.advance(24 * 3_600_000);
    expect(await queue.runOnce()).toBe(false);
    expect(calls).toBe(3);
    expect(await queue.counts()).toEqual({ queued: 0, dead: 1 });
  });

  it('backs off 5 s, 10 s, 20 s … up to an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });

  it('gives a running job whose lease expired to another worker, and ignores the first worker afterwards', async () => {
    const other = new JobQueue(fresh.db, clock, log);
    const id = await queue.enqueue(fresh.db.kysely, 'sms', {});
    const first = await queue.claim(['sms']);
    expect(first?.id).toBe(id);

    // While the lease runs, nobody else may take it.
    clock.advance(60_000);
    expect(await other.claim(['sms'])).toBeNull();
    clock.advance(1);
    const second = await other.claim(['sms']);
    expect(second).toMatchObject({ id, attempts: 2 });
    expect((await jobRow(id)).locked_by).toBe(other.workerId);

    // The first worker was presumed dead: its late report must not overwrite the new owner's state.
    await queue.complete(first!);
    expect((await jobRow(id)).state).toBe('running');
    await other.complete(second!);
    expect((await jobRow(id)).state).toBe('done');
  });

  it('leaves no job when the enqueuing transaction rolls back', async () => {
    await expect(
      fresh.db.kysely.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'sms', {}, { idempotencyKey: 'rolled-back' });
        throw new Error('the change that needed the message failed');
      }),
    ).rejects.toThrow('failed');
    expect(await fresh.db.kysely.selectFrom('jobs').selectAll().execute()).toEqual([]);
    // The key is free again: the retried change can enqueue it.
    await queue.enqueue(fresh.db.kysely, 'sms', {}, { idempotencyKey: 'rolled-back' });
    expect(await queue.counts()).toEqual({ queued: 1, dead: 0 });
  });

  it('counts queued and dead jobs, not running or done ones', async () => {
    queue.register('ok', async () => undefined);
    queue.register('bad', async () => Promise.reject(new Error('no')));
    await queue.enqueue(fresh.db.kysely, 'ok', {});
    await queue.enqueue(fresh.db.kysely, 'bad', {}, { maxAttempts: 1 });
    await queue.enqueue(fresh.db.kysely, 'idle', {});
    expect(await queue.counts()).toEqual({ queued: 3, dead: 0 });
    while (await queue.runOnce()) {
      /* drain ok and bad; 'idle' has no handler so this queue never claims it */
    }
    expect(await queue.counts()).toEqual({ queued: 1, dead: 1 });
  });

  if (dialect === 'postgres') {
    it('lets two processes claim concurrently without ever taking the same job twice', async () => {
      for (let i = 0; i < 20; i += 1) await queue.enqueue(fresh.db.kysely, 'sms', { i });
      // Two separate connection pools stand for two server processes.
      const dbA = openDatabase(fresh.target);
      const dbB = openDatabase(fresh.target);
      try {
        const workers = [new JobQueue(dbA, clock, log), new JobQueue(dbB, clock, log)];
        const claimed = new Map<string, string[]>();
        // Several claim loops per process, all at once, so claims really overlap.
        const loop = async (q: JobQueue) => {
          for (let job = await q.claim(['sms']); job; job = await q.claim(['sms'])) {
            claimed.set(job.id, [...(claimed.get(job.id) ?? []), q.workerId]);
          }
        };
        await Promise.all(workers.flatMap((q) => Array.from({ length: 4 }, () => loop(q))));

        expect(claimed.size).toBe(20);
        expect([...claimed.values()].every((owners) => owners.length === 1)).toBe(true);
        const rows = await fresh.db.kysely.selectFrom('jobs').select(['id', 'state', 'locked_by', 'attempts']).execute();
        for (const row of rows) {
          expect(row).toMatchObject({ state: 'running', attempts: 1, locked_by: claimed.get(row.id)![0] });
        }
      } finally {
        await dbA.close();
        await dbB.close();
      }
    });
  }
});
