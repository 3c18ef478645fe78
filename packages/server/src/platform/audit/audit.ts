import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditEntry, AuditQuery, AuditVerify } from '@yingji/contracts/audit.ts';
import type { Actor } from '../access/actor.ts';
import { inScope } from '../access/scope.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { parseJson, type Executor } from '../db/types.ts';
import type { AuditLogTable } from './audit.tables.ts';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string;
  areaCode: string | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);
/** Any constant: PostgreSQL transactions that append to the chain take this advisory lock in turn. */
const AUDIT_LOCK_KEY = 2260_2026;

function rowHash(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.area_code,
    row.before_json,
    row.after_json,
  ]);
  return createHash('sha256').update(row.prev_hash).update(canonical).digest('hex');
}

/**
 * The audit trail: every write appends who/when/what/before/after in the same transaction as the write itself,
 * so a rolled-back change leaves no entry and a committed one always has one.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(trx: Executor, actor: Actor | null, record: AuditRecord): Promise<void> {
    if (this.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: this.clock.now().toISOString(),
      actor_id: actor?.userId ?? null,
      actor_name: actor?.username ?? 'system',
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId,
      area_code: record.areaCode,
      before_json: record.before === undefined ? null : JSON.stringify(record.before),
      after_json: record.after === undefined ? null : JSON.stringify(record.after),
      prev_hash: last?.hash ?? GENESIS,
    };
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash: rowHash(row) })
      .execute();
  }

  async list(actor: Actor, query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    let q = this.db.kysely.selectFrom('audit_log');
    // Entries without an area (e.g. log-ins) are visible only to county-wide scopes' administrators.
    if (!actor.roles.includes('admin')) q = q.where((eb) => inScope(eb, 'area_code', actor.areaCode));
    if (query.actor) q = q.where('actor_name', '=', query.actor);
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('at', '<=', new Date(query.to).toISOString());
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute();
    return { items: rows.map(toEntry), total: Number(total.n) };
  }

  /** Recomputes the whole chain in order; reports the first row that was edited, inserted or removed. */
  async verify(batch = 5000): Promise<AuditVerify> {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    for (;;) {
      const rows = await this.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute();
      if (rows.length === 0) return { ok: true, checked: expectedSeq - 1, firstBadSeq: null, reason: null };
      for (const row of rows) {
        const bad = (reason: string): AuditVerify => ({ ok: false, checked: expectedSeq - 1, firstBadSeq: row.seq, reason });
        if (Number(row.seq) !== expectedSeq) return { ...bad(`缺少第 ${expectedSeq} 条记录`), firstBadSeq: expectedSeq };
        if (row.prev_hash !== prevHash) return bad('前序哈希不匹配（记录被删除或插入）');
        if (rowHash(row) !== row.hash) return bad('记录内容与哈希不符（记录被篡改）');
        prevHash = row.hash;
        expectedSeq += 1;
      }
    }
  }
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    areaCode: row.area_code,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
    hash: row.hash,
  };
}
