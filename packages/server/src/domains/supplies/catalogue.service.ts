import { randomUUID } from 'node:crypto';
import type { SupplyKind, SupplyKindCreate, SupplyKindQuery, SupplyKindUpdate } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { catalogueRepo } from './catalogue.repo.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { toKind } from './supplies.mappers.ts';

/** 品目 and their 储备标准: the county's 储备目录 (000「梳理制定应急物资储备目录」). */
export class CatalogueService {
  constructor(private readonly deps: SuppliesDeps) {}

  async list(actor: Actor, query: SupplyKindQuery): Promise<{ items: SupplyKind[]; total: number }> {
    assertCan(actor, 'supplies:read');
    const { rows, total } = await catalogueRepo.list(this.deps.db.kysely, query);
    return { items: rows.map(toKind), total };
  }

  async get(actor: Actor, id: string): Promise<SupplyKind> {
    assertCan(actor, 'supplies:read');
    const row = await catalogueRepo.byId(this.deps.db.kysely, id);
    if (!row) fail('SUPPLY_KIND_NOT_FOUND', { id });
    return toKind(row);
  }

  async create(actor: Actor, input: SupplyKindCreate): Promise<SupplyKind> {
    assertCan(actor, 'supplies:catalogue');
    return this.deps.db.kysely.transaction().execute((trx) => this.insert(trx, actor, input));
  }

  /** Inside the caller's transaction (the Excel import uses it row by row). */
  async insert(trx: Executor, actor: Actor, input: SupplyKindCreate): Promise<SupplyKind> {
    if (await catalogueRepo.byName(trx, input.name)) fail('SUPPLY_KIND_EXISTS', { name: input.name });
    const now = this.deps.clock.now().toISOString();
    const id = randomUUID();
    await catalogueRepo.insert(trx, {
      id,
      name: input.name,
      category: input.category,
      unit: input.unit,
      shelf_life_days: input.shelfLifeDays,
      spec: input.spec,
      standard_county: input.reserveStandard.county,
      standard_township: input.reserveStandard.township,
      standard_village: input.reserveStandard.village,
      source: input.source ?? `${actor.username} 添加`,
      created_at: now,
      updated_at: now,
    });
    const kind = toKind((await catalogueRepo.byId(trx, id))!);
    await this.deps.audit.record(trx, actor, {
      action: 'supply_kind.create',
      entity: 'supply_kind',
      entityId: id,
      areaCode: actor.areaCode || null,
      after: kind,
    });
    return kind;
  }

  async update(actor: Actor, id: string, input: SupplyKindUpdate): Promise<SupplyKind> {
    assertCan(actor, 'supplies:catalogue');
    return this.deps.db.kysely.transaction().execute((trx) => this.change(trx, actor, id, input));
  }

  async change(trx: Executor, actor: Actor, id: string, input: SupplyKindUpdate): Promise<SupplyKind> {
    const before = await catalogueRepo.byId(trx, id);
    if (!before) fail('SUPPLY_KIND_NOT_FOUND', { id });
    if (input.name !== undefined && input.name !== before.name && (await catalogueRepo.byName(trx, input.name))) {
      fail('SUPPLY_KIND_EXISTS', { name: input.name });
    }
    await catalogueRepo.update(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.unit !== undefined && { unit: input.unit }),
      ...(input.shelfLifeDays !== undefined && { shelf_life_days: input.shelfLifeDays }),
      ...(input.spec !== undefined && { spec: input.spec }),
      ...(input.source !== undefined && { source: input.source }),
      ...(input.reserveStandard !== undefined && {
        standard_county: input.reserveStandard.county,
        standard_township: input.reserveStandard.township,
        standard_village: input.reserveStandard.village,
      }),
      updated_at: this.deps.clock.now().toISOString(),
    });
    const after = toKind((await catalogueRepo.byId(trx, id))!);
    await this.deps.audit.record(trx, actor, {
      action: 'supply_kind.update',
      entity: 'supply_kind',
      entityId: id,
      // The catalogue is county-wide; the entry is filed under the editor's area so that area's users see it.
      areaCode: actor.areaCode || null,
      before: toKind(before),
      after,
    });
    return after;
  }
}
