import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb, type FreshDb } from '../../../test/db.ts';
import { cappedTotal, pageRows } from './paging.ts';

describe('pageRows', () => {
  it('keeps the page and says whether the extra row was there', () => {
    expect(pageRows([1, 2, 3], 2)).toEqual({ rows: [1, 2], hasMore: true });
    expect(pageRows([1, 2], 2)).toEqual({ rows: [1, 2], hasMore: false });
    expect(pageRows([], 2)).toEqual({ rows: [], hasMore: false });
  });
});

describe.each(DIALECTS)('cappedTotal on %s', (dialect) => {
  let fresh: FreshDb;
  let db: Kysely<{ numbers: { n: number; even: number } }>;

  beforeAll(async () => {
    fresh = await freshDb(dialect);
    db = fresh.db.kysely as never;
    await db.schema
      .createTable('numbers')
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('even', 'integer', (c) => c.notNull())
      .execute();
    await db
      .insertInto('numbers')
      .values(Array.from({ length: 25 }, (_, n) => ({ n, even: n % 2 === 0 ? 1 : 0 })))
      .execute();
  });
  afterAll(() => fresh.drop());

  it('counts exactly up to the cap and says "capped" beyond it, whatever the query selects', async () => {
    const evens = db.selectFrom('numbers').selectAll().where('even', '=', 1); // 13 rows
    expect(await cappedTotal(db as never, evens, 20)).toEqual({ total: 13, totalCapped: false });
    expect(await cappedTotal(db as never, evens, 13)).toEqual({ total: 13, totalCapped: false });
    expect(await cappedTotal(db as never, evens, 12)).toEqual({ total: 12, totalCapped: true });
    expect(await cappedTotal(db as never, db.selectFrom('numbers').where('n', '<', 0), 5)).toEqual({
      total: 0,
      totalCapped: false,
    });
    expect(await cappedTotal(db as never, db.selectFrom('numbers'))).toEqual({ total: 25, totalCapped: false });
  });
});
