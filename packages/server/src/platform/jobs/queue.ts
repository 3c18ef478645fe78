import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Executor } from '../db/types.ts';
import type { JobsTable } from './jobs.tables.ts';

export interface EnqueueOptions {
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  attempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

/** Back-off after the n-th failed attempt: 5 s, 10 s, 20 s, … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);
}

/**
 * A durable job queue in a table, on both dialects. A job is claimed with a lease; it is done only when its
 * handler returns. A crash mid-job leaves the lease to expire and another worker takes it again, so handlers must be
 * idempotent (senders use the idempotency key as the message id).
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private started = false;
  private drainAgain = false;
  readonly workerId = `worker-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly leaseMs = 60_000,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Enqueue inside the caller's transaction, so the job exists if and only if the change that needs it committed. */
  async enqueue(trx: Executor, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    const inserted = await trx
      .insertInto('jobs')
      .values({
        id,
        kind,
        payload: JSON.stringify(payload),
        idempotency_key: options.idempotencyKey ?? null,
        state: 'queued',
        attempts: 0,
        max_attempts: options.maxAttempts ?? 8,
        run_at: (options.runAt ?? this.clock.now()).toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await trx
      .selectFrom('jobs')
      .select('id')
      .where('idempotency_key', '=', options.idempotencyKey ?? '')
      .executeTakeFirstOrThrow();
    return existing.id;
  }

  /** Takes the next due job (or one whose lease expired), marking it running under this worker's lease. */
  async claim(kinds: string[] = [...this.handlers.keys()]): Promise<Job | null> {
    if (kinds.length === 0) return null;
    const now = this.clock.now().toISOString();
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    return this.db.kysely.transaction().execute(async (trx) => {
      let next = trx
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(1);
      // On PostgreSQL several processes poll at once; SKIP LOCKED lets each take a different job without waiting.
      if (this.db.dialect === 'postgres') next = next.forUpdate().skipLocked();
      const picked = await next.executeTakeFirst();
      if (!picked) return null;
      const row = await trx
        .updateTable('jobs')
        .set((eb) => ({
          state: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: this.workerId,
          locked_until: leaseUntil,
          updated_at: now,
        }))
        .where('id', '=', picked.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row);
    });
  }

  async complete(job: Job): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.kysely
      .updateTable('jobs')
      .set({ state: 'done', locked_by: null, locked_until: null, finished_at: now, updated_at: now })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  async failed(job: Job, error: unknown): Promise<void> {
    const now = this.clock.now();
    const row = await this.db.kysely.selectFrom('jobs').select('max_attempts').where('id', '=', job.id).executeTakeFirst();
    const dead = !row || job.attempts >= row.max_attempts;
    await this.db.kysely
      .updateTable('jobs')
      .set({
        state: dead ? 'dead' : 'queued',
        run_at: new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: error instanceof Error ? error.message : String(error),
        finished_at: dead ? now.toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  /** Runs one due job if there is one; returns whether it ran one. Tests call this directly. */
  async runOnce(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job);
      await this.complete(job);
    } catch (error) {
      this.log.warn({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
      await this.failed(job, error);
    }
    return true;
  }

  /** Drains every due job; one drain at a time per process. */
  private async drain(): Promise<void> {
    if (this.running) {
      // A kick during a drain whose last look found nothing would otherwise wait for the next poll.
      this.drainAgain = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.drainAgain = false;
        while (await this.runOnce()) {
          /* keep draining */
        }
      } while (this.drainAgain);
    } catch (error) {
      this.log.error({ err: error }, 'job poll failed');
    } finally {
      this.running = false;
    }
  }

  /** Polls until stopped; drains several jobs per tick when there is a backlog. */
  start(intervalMs = 1000): void {
    this.started = true;
    this.timer = setInterval(() => void this.drain(), intervalMs);
    this.timer.unref();
  }

  /**
   * Runs due jobs now instead of at the next poll, for work whose latency matters (a signed warning's fan-out).
   * Does nothing unless the worker was started, so tests that drive the queue by hand stay in control.
   */
  kick(): void {
    if (this.started) void this.drain();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.started = false;
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async counts(): Promise<{ queued: number; dead: number }> {
    const rows = await this.db.kysely
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', ['queued', 'dead'])
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { queued: count('queued'), dead: count('dead') };
  }
}

function toJob(row: JobsTable): Job {
  return { id: row.id, kind: row.kind, payload: JSON.parse(row.payload), attempts: row.attempts };
}
