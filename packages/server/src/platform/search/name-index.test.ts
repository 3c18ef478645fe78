import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb, type FreshDb } from '../../../test/db.ts';
import { likeText } from './like.ts';
import { INDEX_DRIVES_BELOW, NameIndex } from './name-index.ts';
import { nameQuery, nameTokens } from './name-tokens.ts';

// Names with what trips a search up: 2-character words (消防, 永和), shared pairs, repeats, ASCII case, spaces,
// quotes, LIKE's wildcards, a backslash, characters outside the BMP, one-character names.
const NAMES = [
  '永和镇消防救援队',
  '吉田镇森林消防队',
  '连山县消防大队',
  '消防',
  '防消',
  '永和',
  '和永和',
  '哈哈哈哈',
  '太保镇 应急 分队',
  'ABC Rescue Team',
  'abc rescue team 2',
  "O'Brien 救援",
  '50% 完好 仓库',
  'a_b\\c',
  '𠀋𠀋 村 避难场所',
  '水',
  'Z',
  '永和镇永联村避难场所',
  '蓝天救援队（连山）',
];
// Substrings of the names, of every length, plus strings that are not there and wildcard-laden ones.
const QUERIES = [
  ...new Set([
    ...NAMES.flatMap((name) => {
      const chars = Array.from(name);
      const out: string[] = [];
      for (let i = 0; i < chars.length; i += 1)
        for (let n = 1; n <= 4 && i + n <= chars.length; n += 1) out.push(chars.slice(i, i + n).join(''));
      return out;
    }),
    '消防救援',
    '防救',
    '和永',
    '永和镇永',
    'RESCUE',
    'Rescue',
    'rEsCuE tEaM',
    '%',
    '50%',
    '_',
    'a_b',
    "'",
    '\\',
    '镇消防大',
    '不存在',
    '哈哈哈哈哈',
    'z',
  ]),
];

describe('name tokens', () => {
  it('are plain ASCII, pairs in order then each distinct character, ASCII letters folded', () => {
    expect(nameTokens('Ab水')).toEqual(['b000061000062', 'b000062006c34', 'u000061', 'u000062', 'u006c34']);
    expect(nameTokens('哈哈哈')).toEqual(['b0054c80054c8', 'b0054c80054c8', 'u0054c8']);
    expect(nameQuery('')).toBeNull();
    expect(nameQuery('消防')).toEqual({ fts5: '"b006d88009632"', tsquery: "'b006d88009632'" });
    expect(nameQuery('永和镇')!.tsquery).toBe("'b006c3800548c' <-> 'b00548c009547'");
    for (const token of nameTokens("𠀋 'a%\\")) expect(token).toMatch(/^[bu][0-9a-f]+$/);
  });
});

describe.each(DIALECTS)('name index on %s', (dialect) => {
  let fresh: FreshDb;
  let db: Kysely<{ things: { id: string; name: string } }>;
  const index = new NameIndex('things_name');
  const ids = NAMES.map((_, i) => `id-${i}`);

  beforeAll(async () => {
    fresh = await freshDb(dialect);
    db = fresh.db.kysely as never;
    await db.schema
      .createTable('things')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await index.create(db as never, dialect);
    await db
      .insertInto('things')
      .values(NAMES.map((name, i) => ({ id: ids[i]!, name })))
      .execute();
    await index.put(
      db as never,
      dialect,
      NAMES.map((name, i) => ({ id: ids[i]!, text: name })),
    );
  });
  afterAll(() => fresh.drop());

  /** What a list returns: LIKE alone (what the registers did), and LIKE with the index driving. */
  async function search(q: string) {
    const like = await db.selectFrom('things').select('id').where('name', 'like', likeText(q)).orderBy('id').execute();
    const filter = await index.contains(db as never, dialect, q);
    let indexed = db.selectFrom('things').select('id');
    if (filter) indexed = indexed.where('name', 'like', filter.pattern);
    if (filter?.idIn) indexed = indexed.where(filter.idIn('things.id'));
    return { like: like.map((r) => r.id), indexed: (await indexed.orderBy('id').execute()).map((r) => r.id), filter };
  }

  it('finds exactly what LIKE finds, for every substring of every name and for what is not there', async () => {
    for (const q of QUERIES) {
      const { like, indexed, filter } = await search(q);
      expect(indexed, q).toEqual(like);
      // The index drove every one of these (a handful of rows), so LIKE alone did not hide a miss.
      if (filter) expect(filter.idIn, q).not.toBeNull();
    }
  });

  it('matches, before LIKE, exactly the names containing q with ASCII letters folded', async () => {
    const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (const q of QUERIES.filter((x) => !/[%_\\]/.test(x))) {
      const matching = index.matching(dialect, q)!;
      const { rows } = await sql<{ row_id: string }>`${matching}`.execute(db);
      const expected = ids.filter((_, i) => fold(NAMES[i]!).includes(fold(q)));
      expect(rows.map((r) => r.row_id).sort(), q).toEqual(expected.sort());
    }
  });

  it('follows renames and deletions', async () => {
    await db.updateTable('things').set({ name: '上帅镇山洪灾害避险点' }).where('id', '=', ids[0]!).execute();
    await index.put(db as never, dialect, [{ id: ids[0]!, text: '上帅镇山洪灾害避险点' }]);
    await db.deleteFrom('things').where('id', '=', ids[1]!).execute();
    await index.remove(db as never, dialect, [ids[1]!]);
    for (const q of ['消防', '永和镇消防', '山洪', '避险点', '森林', '上']) {
      const { like, indexed } = await search(q);
      expect(indexed, q).toEqual(like);
    }
    expect((await search('山洪')).indexed).toEqual([ids[0]]);
    expect((await search('森林')).indexed).toEqual([]);
  });

  it('counts matches up to a cap, and leaves common words to the ordered walk', async () => {
    // After the rename above: 连山县消防大队 and 消防.
    expect(await index.probe(db as never, dialect, '消防', 100)).toBe(2);
    expect(await index.probe(db as never, dialect, '消防', 1)).toBe(1);
    const many = Array.from({ length: INDEX_DRIVES_BELOW }, (_, i) => ({ id: `bulk-${i}`, text: `压测避难场所${i}` }));
    await index.put(db as never, dialect, many);
    expect((await index.contains(db as never, dialect, '避难'))!.idIn).toBeNull();
    expect((await index.contains(db as never, dialect, '场所1999'))!.idIn).not.toBeNull();
    expect(await index.contains(db as never, dialect, '%_')).toBeNull();
  });
});
