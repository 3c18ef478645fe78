import { CompiledQuery, type Insertable, type Selectable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { SupplyBalancesTable, SupplyMovementsTable } from './supplies.tables.ts';

export type BalanceRow = Selectable<SupplyBalancesTable>;
export type MovementRow = Selectable<SupplyMovementsTable>;
export interface BalanceKey {
  warehouseId: string;
  kindId: string;
  batchNo: string;
}

/** Rows per multi-row statement: well under both dialects' bound-parameter limits. */
const CHUNK = 400;

const MOVEMENT_COLUMNS = [
  'at',
  'type',
  'warehouse_id',
  'area_code',
  'kind_id',
  'batch_no',
  'quantity',
  'balance_after',
  'purpose',
  'reference',
  'transfer_id',
  'stocktake_id',
  'reason',
  'actor_id',
  'actor_name',
] as const;

/** Numbered placeholders for PostgreSQL ($1, $2, …), plain ones for SQLite. */
function placeholders(dialect: Dialect): () => string {
  let n = 1;
  return () => (dialect === 'postgres' ? `$${n++}` : '?');
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const stockRepo = {
  /**
   * The balance rows for these keys, locked until the transaction ends on PostgreSQL (rows are locked in key order,
   * so two transactions never wait on each other in a circle). SQLite serialises write transactions already.
   */
  async lockBalances(db: Executor, dialect: Dialect, keys: BalanceKey[]): Promise<BalanceRow[]> {
    const rows: BalanceRow[] = [];
    for (const part of chunks(keys)) {
      let q = db
        .selectFrom('supply_balances')
        .selectAll()
        .where((eb) =>
          eb(
            eb.refTuple('warehouse_id', 'kind_id', 'batch_no'),
            'in',
            part.map((k) => eb.tuple(k.warehouseId, k.kindId, k.batchNo)),
          ),
        )
        .orderBy('warehouse_id')
        .orderBy('kind_id')
        .orderBy('batch_no');
      if (dialect === 'postgres') q = q.forUpdate();
      rows.push(...(await q.execute()));
    }
    return rows;
  },

  /** Every batch of a kind in a warehouse, locked (PostgreSQL): what an outbound allocation chooses from. */
  lockKindInWarehouse(db: Executor, dialect: Dialect, warehouseId: string, kindId: string): Promise<BalanceRow[]> {
    let q = db
      .selectFrom('supply_balances')
      .selectAll()
      .where('warehouse_id', '=', warehouseId)
      .where('kind_id', '=', kindId)
      .orderBy('batch_no');
    if (dialect === 'postgres') q = q.forUpdate();
    return q.execute();
  },

  /** New batches start at zero; a concurrent insert of the same batch wins and this one then locks its row. */
  async insertEmptyBalances(db: Executor, rows: Insertable<SupplyBalancesTable>[]): Promise<void> {
    for (const part of chunks(rows)) {
      await db
        .insertInto('supply_balances')
        .values(part)
        .onConflict((oc) => oc.columns(['warehouse_id', 'kind_id', 'batch_no']).doNothing())
        .execute();
    }
  },

  /**
   * Moves balances by their deltas in one statement, each only if it stays at or above zero. The rows are locked
   * already; the condition makes overselling impossible even if a caller forgot to lock. Returns how many moved.
   */
  async applyDeltas(db: Executor, dialect: Dialect, deltas: (BalanceKey & { delta: number })[], at: string): Promise<number> {
    let moved = 0;
    for (const part of chunks(deltas, 200)) {
      // Placeholders are numbered in the order they appear in the text, as SQLite binds them by position.
      const p = placeholders(dialect);
      const set = `update supply_balances set quantity = supply_balances.quantity + v.column4, updated_at = ${p()} `;
      const values = part.map(() => `(${p()}, ${p()}, ${p()}, cast(${p()} as integer))`).join(', ');
      const text =
        set +
        `from (values ${values}) as v ` +
        'where supply_balances.warehouse_id = v.column1 and supply_balances.kind_id = v.column2 ' +
        'and supply_balances.batch_no = v.column3 and supply_balances.quantity + v.column4 >= 0';
      const parameters = [at, ...part.flatMap((d) => [d.warehouseId, d.kindId, d.batchNo, d.delta])];
      const result = await db.executeQuery(CompiledQuery.raw(text, parameters));
      moved += Number(result.numAffectedRows ?? 0);
    }
    return moved;
  },

  /**
   * Appends to the ledger; returns the generated ids in insert order. The hot path of every posting: the statement
   * is written directly rather than built value by value through the query builder, which cost more than the insert.
   */
  async insertMovements(db: Executor, dialect: Dialect, rows: Insertable<SupplyMovementsTable>[]): Promise<number[]> {
    const ids: number[] = [];
    for (const part of chunks(rows, 500)) {
      const p = placeholders(dialect);
      const values = part.map(() => `(${MOVEMENT_COLUMNS.map(() => p()).join(', ')})`).join(', ');
      const text = `insert into supply_movements (${MOVEMENT_COLUMNS.join(', ')}) values ${values} returning id`;
      const parameters = part.flatMap((row) => MOVEMENT_COLUMNS.map((c) => row[c] ?? null));
      const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(text, parameters));
      ids.push(...result.rows.map((r) => Number(r.id)));
    }
    return ids;
  },

  /** 账账相符: every balance row against the sum of its movements, both ways. */
  async reconcile(db: Executor): Promise<{ checked: number; mismatches: (BalanceKey & { balance: number; ledger: number })[] }> {
    const ledger = await db
      .selectFrom('supply_movements')
      .select(['warehouse_id', 'kind_id', 'batch_no', (eb) => eb.fn.sum<number>('quantity').as('total')])
      .groupBy(['warehouse_id', 'kind_id', 'batch_no'])
      .execute();
    const balances = await db.selectFrom('supply_balances').select(['warehouse_id', 'kind_id', 'batch_no', 'quantity']).execute();
    const key = (r: { warehouse_id: string; kind_id: string; batch_no: string }) =>
      `${r.warehouse_id}\u0000${r.kind_id}\u0000${r.batch_no}`;
    const sums = new Map(ledger.map((r) => [key(r), Number(r.total)]));
    const mismatches: (BalanceKey & { balance: number; ledger: number })[] = [];
    for (const b of balances) {
      const sum = sums.get(key(b)) ?? 0;
      sums.delete(key(b));
      if (sum !== Number(b.quantity)) {
        mismatches.push({
          warehouseId: b.warehouse_id,
          kindId: b.kind_id,
          batchNo: b.batch_no,
          balance: Number(b.quantity),
          ledger: sum,
        });
      }
    }
    for (const [k, sum] of sums) {
      const [warehouseId, kindId, batchNo] = k.split('\u0000') as [string, string, string];
      if (sum !== 0) mismatches.push({ warehouseId, kindId, batchNo, balance: 0, ledger: sum });
    }
    return { checked: balances.length, mismatches };
  },

  /** Batches with stock, within the scope, joined with their warehouse and kind for display. */
  balances(
    db: Executor,
    scopeCode: string,
    filter: { warehouseId?: string; kindId?: string; areaCode?: string; expiringBy?: string; limit?: number; offset?: number },
  ) {
    let q = db
      .selectFrom('supply_balances as b')
      .innerJoin('supply_warehouses as w', 'w.id', 'b.warehouse_id')
      .innerJoin('supply_kinds as k', 'k.id', 'b.kind_id')
      .where((eb) => inScope(eb, 'b.area_code', scopeCode))
      .where('b.quantity', '>', 0);
    if (filter.warehouseId) q = q.where('b.warehouse_id', '=', filter.warehouseId);
    if (filter.kindId) q = q.where('b.kind_id', '=', filter.kindId);
    if (filter.areaCode) q = q.where((eb) => inScope(eb, 'b.area_code', filter.areaCode!));
    if (filter.expiringBy) q = q.where('b.expiry_date', 'is not', null).where('b.expiry_date', '<=', filter.expiringBy);
    return q;
  },

  balanceColumns() {
    return [
      'b.warehouse_id',
      'w.name as warehouse_name',
      'w.level as warehouse_level',
      'b.area_code',
      'b.kind_id',
      'k.name as kind_name',
      'k.category',
      'k.unit',
      'b.batch_no',
      'b.production_date',
      'b.expiry_date',
      'b.quantity',
      'b.updated_at',
    ] as const;
  },

  /** Shipped-but-not-received quantities per (warehouse, kind): 在途, inbound to `to`, outbound from `from`. */
  async inTransit(db: Executor, scopeCode: string, warehouseId?: string) {
    let q = db
      .selectFrom('supply_transfer_items as i')
      .innerJoin('supply_transfers as t', 't.id', 'i.transfer_id')
      .where('t.state', '=', 'shipped')
      .where((eb) => eb.or([inScope(eb, 't.from_area_code', scopeCode), inScope(eb, 't.to_area_code', scopeCode)]))
      .select(['t.from_warehouse_id', 't.to_warehouse_id', 'i.kind_id', (eb) => eb.fn.sum<number>('i.quantity').as('quantity')])
      .groupBy(['t.from_warehouse_id', 't.to_warehouse_id', 'i.kind_id']);
    if (warehouseId)
      q = q.where((eb) => eb.or([eb('t.from_warehouse_id', '=', warehouseId), eb('t.to_warehouse_id', '=', warehouseId)]));
    return (await q.execute()).map((r) => ({ ...r, quantity: Number(r.quantity) }));
  },
};
