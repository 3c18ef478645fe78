import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Executor } from '../db/types.ts';
import { likeLiteral, likeText } from './like.ts';
import { nameQuery, nameTokens } from './name-tokens.ts';

/** One entry of a name index: the row's id and the text searched ("name contains"). */
export interface NameEntry {
  id: string;
  text: string;
}

/**
 * Below this many index matches a list reads the matches (each looked up, then sorted: a few ms); from this many on,
 * matches are common enough that walking the list's ordered index with LIKE meets a page of them sooner.
 */
export const INDEX_DRIVES_BELOW = 2_000;

/** The filter "name contains q" as a list applies it: see NameIndex.contains. */
export interface ContainsFilter {
  /** The LIKE pattern: `%q%` with LIKE's own wildcards removed from q (q is matched literally). */
  pattern: string;
  /**
   * `<id column> in (the ids the index matches)`, to drive the query; null when walking the list's ordered index
   * is the better plan.
   */
  idIn: ((idColumn: string) => RawBuilder<SqlBool>) | null;
}

/** Rows per statement when writing: keeps every statement under SQLite's bound-parameter limit. */
const CHUNK = 400;

/**
 * "Name contains" over a register of any size, answered from an index on both dialects (ADR 0007). Each name is
 * stored as tokens: one per pair of adjacent characters, with its position, and one per distinct character
 * (name-tokens.ts). A query of two or more characters is the phrase of its pairs, which matches exactly the names
 * containing it (positions make the pairs adjacent, so "消防" and "永和" need no third character, unlike trigrams);
 * a single character is looked up as itself.
 *
 * - SQLite: an FTS5 table without content, rowid = an integer key per row (`<name>_keys` maps the register's text id).
 * - PostgreSQL: a tsvector per row built from the tokens as they are (no text-search parser, no dictionary), with a
 *   GIN index; the query is a tsquery phrase (`<->`).
 *
 * ASCII letters are folded to lower case (what SQLite's LIKE folds); nothing else is, so the index finds a superset
 * of what LIKE finds on either dialect, and callers keep their `name LIKE` beside it for the exact answer.
 *
 * The index is written by the repo, in the transaction that inserts, renames or deletes the row.
 */
export class NameIndex {
  readonly keys: string;
  readonly fts: string;

  constructor(readonly name: string) {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`name index ${name}: lower-case letters and _ only`);
    this.keys = `${name}_keys`;
    this.fts = `${name}_fts`;
  }

  /** Creates the index's tables (in a migration). */
  async create(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
    if (dialect === 'sqlite') {
      await sql`create table ${sql.table(this.keys)} (key integer primary key, row_id text not null unique)`.execute(db);
      await sql`create virtual table ${sql.table(this.fts)} using fts5(tokens, content='', contentless_delete=1)`.execute(db);
    } else {
      await sql`create table ${sql.table(this.name)} (row_id text primary key, tokens tsvector not null)`.execute(db);
      await sql`create index ${sql.id(`${this.name}_tokens`)} on ${sql.table(this.name)} using gin (tokens)`.execute(db);
    }
  }

  /** Indexes the entries, replacing what an id had before (a rename). */
  async put(db: Executor, dialect: Dialect, entries: NameEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      if (dialect === 'sqlite') await this.putSqlite(db, chunk);
      else {
        const values = chunk.map((e) => sql`(${e.id}, ${tsvector(e.text)}::tsvector)`);
        await sql`insert into ${sql.table(this.name)} (row_id, tokens) values ${sql.join(values)}
          on conflict (row_id) do update set tokens = excluded.tokens`.execute(db);
      }
    }
  }

  private async putSqlite(db: Executor, chunk: NameEntry[]): Promise<void> {
    const ids = chunk.map((e) => e.id);
    const { rows: known } = await sql<{ key: number; row_id: string }>`
      select key, row_id from ${sql.table(this.keys)} where row_id in (${sql.join(ids)})`.execute(db);
    const keyOf = new Map(known.map((r) => [r.row_id, r.key]));
    if (known.length > 0)
      await sql`delete from ${sql.table(this.fts)} where rowid in (${sql.join(known.map((r) => r.key))})`.execute(db);
    const fresh = ids.filter((id) => !keyOf.has(id));
    if (fresh.length > 0) {
      const { rows } = await sql<{ key: number; row_id: string }>`
        insert into ${sql.table(this.keys)} (row_id) values ${sql.join(fresh.map((id) => sql`(${id})`))}
        returning key, row_id`.execute(db);
      for (const r of rows) keyOf.set(r.row_id, r.key);
    }
    const values = chunk.map((e) => sql`(${keyOf.get(e.id)!}, ${nameTokens(e.text).join(' ')})`);
    await sql`insert into ${sql.table(this.fts)} (rowid, tokens) values ${sql.join(values)}`.execute(db);
  }

  /** Drops the entries of deleted rows. */
  async remove(db: Executor, dialect: Dialect, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = sql.join(ids.slice(i, i + CHUNK));
      if (dialect === 'sqlite') {
        await sql`delete from ${sql.table(this.fts)}
          where rowid in (select key from ${sql.table(this.keys)} where row_id in (${chunk}))`.execute(db);
        await sql`delete from ${sql.table(this.keys)} where row_id in (${chunk})`.execute(db);
      } else {
        await sql`delete from ${sql.table(this.name)} where row_id in (${chunk})`.execute(db);
      }
    }
  }

  /**
   * The ids of rows whose indexed text contains `q` (ASCII case folded), as a subquery for `id in (…)`; null when
   * `q` is empty (every row matches). On SQLite the FTS table drives and each match is looked up by key.
   */
  matching(dialect: Dialect, q: string): RawBuilder<{ row_id: string }> | null {
    const query = nameQuery(q);
    if (!query) return null;
    return dialect === 'sqlite'
      ? sql`select k.row_id from ${sql.table(this.fts)} cross join ${sql.table(this.keys)} as k on k.key = ${sql.table(this.fts)}.rowid
          where ${sql.table(this.fts)} match ${query.fts5}`
      : sql`select row_id from ${sql.table(this.name)} where tokens @@ ${query.tsquery}::tsquery`;
  }

  /**
   * "Text contains q" for a list query: the LIKE that decides on each dialect, plus, when the index matches few rows,
   * the index's ids to drive the query. Null when q holds nothing to match (every row matches).
   */
  async contains(db: Executor, dialect: Dialect, q: string | undefined): Promise<ContainsFilter | null> {
    const text = likeLiteral(q ?? '');
    if (text === '') return null;
    const found = await this.probe(db, dialect, text, INDEX_DRIVES_BELOW);
    const ids = this.matching(dialect, text)!;
    return {
      pattern: likeText(text),
      idIn: found < INDEX_DRIVES_BELOW ? (idColumn) => sql<SqlBool>`${sql.ref(idColumn)} in (${ids})` : null,
    };
  }

  /**
   * How many rows the index matches, counted up to `cap` (the count stops there, so it costs at most `cap` index
   * entries): lets a repo choose between reading the matches and walking its ordered index with LIKE.
   */
  async probe(db: Executor, dialect: Dialect, q: string, cap: number): Promise<number> {
    const matching = this.matching(dialect, q);
    if (!matching) return cap;
    const { rows } = await sql<{ n: number }>`select count(*) as n from (${matching} limit ${cap}) as probed`.execute(db);
    return Number(rows[0]!.n);
  }
}

/** A tsvector literal: pairs at positions 1…, then single characters after them. */
function tsvector(text: string): string {
  return nameTokens(text)
    .map((token, i) => `'${token}':${Math.min(i + 1, 16383)}`)
    .join(' ');
}
