import { CompiledQuery } from 'kysely';
import type { Metric } from '@yingji/contracts/monitoring.ts';
import type { Dialect } from '../../platform/db/database.ts';
import type { Executor } from '../../platform/db/types.ts';

export interface ReadingRow {
  stationId: string;
  metric: Metric;
  at: string;
  value: number;
}

export interface AggregateDelta {
  stationId: string;
  metric: Metric;
  bucket: string;
  min: number;
  max: number;
  sum: number;
  count: number;
}

export interface CounterDelta {
  stationId: string;
  accepted: number;
  duplicates: number;
  rejected: number;
  rateLimited: number;
  lastRejectReason: string | null;
  lastRejectedAt: string | null;
}

/** Rows per statement: 5 parameters each, well under both dialects' bound-parameter limits. */
const CHUNK = 1000;

function placeholders(dialect: Dialect): () => string {
  let n = 1;
  return () => (dialect === 'postgres' ? `$${n++}` : '?');
}

/** Statement texts by (dialect, row count): the same few texts recur, so they are built once. */
const insertTexts = new Map<string, string>();
function insertText(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const p = placeholders(dialect);
    const values = Array.from({ length: rows }, () => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()})`).join(', ');
    text =
      `insert into monitoring_readings (station_id, metric, at, value, received_at) values ${values} ` +
      'on conflict do nothing returning station_id, metric, at';
    insertTexts.set(key, text);
  }
  return text;
}

export const readingKey = (stationId: string, metric: string, at: string) => `${stationId}\u0000${metric}\u0000${at}`;

/** The hot path of ingest: statements are written directly (one multi-row insert per chunk), not built by Kysely. */
export const readingsRepo = {
  /**
   * Inserts the readings, skipping those already stored (same station, metric, instant: insert-or-ignore on the
   * primary key, on both dialects). Returns the keys of the rows actually inserted.
   */
  async insertIgnore(db: Executor, dialect: Dialect, rows: readonly ReadingRow[], receivedAt: string): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const parameters: unknown[] = [];
      for (const r of part) parameters.push(r.stationId, r.metric, r.at, r.value, receivedAt);
      const result = await db.executeQuery<{ station_id: string; metric: string; at: string }>(
        CompiledQuery.raw(insertText(dialect, part.length), parameters),
      );
      for (const r of result.rows) inserted.add(readingKey(r.station_id, r.metric, r.at));
    }
    return inserted;
  },

  /** Adds the deltas to the hourly or daily aggregates (keys unique within the call: PostgreSQL requires it). */
  async addAggregates(
    db: Executor,
    dialect: Dialect,
    table: 'monitoring_hourly' | 'monitoring_daily',
    deltas: readonly AggregateDelta[],
  ): Promise<void> {
    const [least, greatest] = dialect === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
    for (let i = 0; i < deltas.length; i += 500) {
      const part = deltas.slice(i, i + 500);
      const p = placeholders(dialect);
      const values = part.map(() => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()})`).join(', ');
      const text =
        `insert into ${table} (station_id, metric, bucket, min, max, sum, count) values ${values} ` +
        `on conflict (station_id, metric, bucket) do update set min = ${least}(${table}.min, excluded.min), ` +
        `max = ${greatest}(${table}.max, excluded.max), sum = ${table}.sum + excluded.sum, count = ${table}.count + excluded.count`;
      const parameters = part.flatMap((d) => [d.stationId, d.metric, d.bucket, d.min, d.max, d.sum, d.count]);
      await db.executeQuery(CompiledQuery.raw(text, parameters));
    }
  },

  async addCounters(db: Executor, dialect: Dialect, deltas: readonly CounterDelta[], now: string): Promise<void> {
    for (let i = 0; i < deltas.length; i += 500) {
      const part = deltas.slice(i, i + 500);
      const p = placeholders(dialect);
      const values = part.map(() => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()})`).join(', ');
      const t = 'monitoring_ingest_counters';
      const text =
        `insert into ${t} (station_id, accepted, duplicates, rejected, rate_limited, last_reject_reason, last_rejected_at, updated_at) ` +
        `values ${values} on conflict (station_id) do update set accepted = ${t}.accepted + excluded.accepted, ` +
        `duplicates = ${t}.duplicates + excluded.duplicates, rejected = ${t}.rejected + excluded.rejected, ` +
        `rate_limited = ${t}.rate_limited + excluded.rate_limited, ` +
        `last_reject_reason = coalesce(excluded.last_reject_reason, ${t}.last_reject_reason), ` +
        `last_rejected_at = coalesce(excluded.last_rejected_at, ${t}.last_rejected_at), updated_at = excluded.updated_at`;
      const parameters = part.flatMap((d) => [
        d.stationId,
        d.accepted,
        d.duplicates,
        d.rejected,
        d.rateLimited,
        d.lastRejectReason,
        d.lastRejectedAt,
        now,
      ]);
      await db.executeQuery(CompiledQuery.raw(text, parameters));
    }
  },

  counters(db: Executor, stationIds: readonly string[]) {
    if (stationIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('monitoring_ingest_counters').selectAll().where('station_id', 'in', stationIds).execute();
  },

  /** The newest reading of one station and metric (a reverse scan of the primary key). */
  latest(db: Executor, stationId: string, metric: Metric) {
    return db
      .selectFrom('monitoring_readings')
      .select(['at', 'value'])
      .where('station_id', '=', stationId)
      .where('metric', '=', metric)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Readings of a station's metric measured at or after `since` (the evaluator rebuilds its windows from these). */
  since(db: Executor, stationId: string, metric: Metric, since: string) {
    return db
      .selectFrom('monitoring_readings')
      .select(['at', 'value'])
      .where('station_id', '=', stationId)
      .where('metric', '=', metric)
      .where('at', '>=', since)
      .orderBy('at')
      .execute();
  },

  raw(db: Executor, stationId: string, metric: Metric, from: string, to: string) {
    return db
      .selectFrom('monitoring_readings')
      .select(['at', 'value'])
      .where('station_id', '=', stationId)
      .where('metric', '=', metric)
      .where('at', '>=', from)
      .where('at', '<=', to)
      .orderBy('at')
      .execute();
  },

  aggregates(
    db: Executor,
    table: 'monitoring_hourly' | 'monitoring_daily',
    stationId: string,
    metric: Metric,
    from: string,
    to: string,
  ) {
    return db
      .selectFrom(table)
      .select(['bucket', 'min', 'max', 'sum', 'count'])
      .where('station_id', '=', stationId)
      .where('metric', '=', metric)
      .where('bucket', '>=', from)
      .where('bucket', '<=', to)
      .orderBy('bucket')
      .execute();
  },

  /** Deletes one station's raw readings of one metric older than the cutoff (a range of the primary key). */
  async pruneRaw(db: Executor, stationId: string, metric: Metric, before: string): Promise<number> {
    const result = await db
      .deleteFrom('monitoring_readings')
      .where('station_id', '=', stationId)
      .where('metric', '=', metric)
      .where('at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Every (station, metric) pair that has readings, from the hourly aggregates (far smaller than the raw table). */
  pairs(db: Executor) {
    return db.selectFrom('monitoring_hourly').select(['station_id', 'metric']).distinct().execute();
  },

  async deleteStation(db: Executor, stationId: string): Promise<void> {
    for (const table of ['monitoring_readings', 'monitoring_hourly', 'monitoring_daily', 'monitoring_ingest_counters'] as const) {
      await db.deleteFrom(table).where('station_id', '=', stationId).execute();
    }
  },

  count(db: Executor, stationId: string) {
    return db
      .selectFrom('monitoring_readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('station_id', '=', stationId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
};
