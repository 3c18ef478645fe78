import { randomUUID } from 'node:crypto';
import type {
  Equipment,
  EquipmentCreate,
  EquipmentListQuery,
  EquipmentOwnerType,
  EquipmentUpdate,
  MaintenanceDueReport,
} from '@yingji/contracts/rescue.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import { equipmentRepo } from './equipment.repo.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { toEquipment } from './rescue.mappers.ts';
import { assertMayKeepTeam } from './rescue.policy.ts';
import { EQUIPMENT_MAINTENANCE_DUE_DAYS } from './rescue.rules-config.ts';
import { addDays, daysBetween, shanghaiDate } from './rescue.rules.ts';
import { teamsRepo } from './teams.repo.ts';

export function equipmentInsertColumns(input: EquipmentCreate) {
  return {
    kind: input.kind,
    model: input.model,
    quantity: input.quantity,
    unit: input.unit,
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    state: input.state,
    maintenance_due: input.maintenanceDue,
    last_maintained: input.lastMaintained,
    remarks: input.remarks,
  };
}

/** 装备: equipment held by a team or a warehouse, its state and maintenance due dates. */
export class EquipmentService {
  constructor(private readonly deps: RescueDeps) {}

  /**
   * The owner must exist within the actor's scope; the equipment takes the owner's area. Warehouses belong to the
   * supplies domain and are checked through the injected directory. Called before the write's transaction opens:
   * the directory reads through its own service, and on SQLite (one connection) a read outside an open transaction
   * would wait for that transaction for ever.
   */
  async ownerArea(actor: Actor, ownerType: EquipmentOwnerType, ownerId: string): Promise<string> {
    if (ownerType === 'team') {
      const team = await teamsRepo.byId(this.deps.db.kysely, actor.areaCode, ownerId);
      if (!team) fail('RESCUE_OWNER_NOT_FOUND', { ownerType, ownerId });
      assertMayKeepTeam(actor, team.level);
      return team.area_code;
    }
    if (!(await this.deps.warehouses.exists(actor, ownerId))) fail('RESCUE_OWNER_NOT_FOUND', { ownerType, ownerId });
    const areaCode = (await this.deps.warehouses.areaOf?.(ownerId)) ?? actor.areaCode;
    assertWithinScope(actor, areaCode);
    return areaCode;
  }

  async list(actor: Actor, query: EquipmentListQuery): Promise<CappedPage<Equipment>> {
    assertCan(actor, 'rescue:read');
    const { rows, ...page } = await equipmentRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toEquipment), ...page };
  }

  async get(actor: Actor, id: string): Promise<Equipment> {
    assertCan(actor, 'rescue:read');
    const row = await equipmentRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('RESCUE_EQUIPMENT_NOT_FOUND', { id });
    return toEquipment(row);
  }

  async create(actor: Actor, input: EquipmentCreate): Promise<Equipment> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const id = randomUUID();
    const areaCode = await this.ownerArea(actor, input.ownerType, input.ownerId);
    const created = await db.kysely.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      await equipmentRepo.insert(trx, [
        { id, ...equipmentInsertColumns(input), area_code: areaCode, is_demo: 0, created_at: now, updated_at: now },
      ]);
      const equipment = toEquipment((await equipmentRepo.byId(trx, actor.areaCode, id))!);
      await audit.record(trx, actor, {
        action: 'rescue.equipment.create',
        entity: 'rescue_equipment',
        entityId: id,
        areaCode,
        after: equipment,
      });
      return equipment;
    });
    await events.publish('rescue.changed', created.areaCode, { kind: 'equipment', id, action: 'created' });
    return created;
  }

  async update(actor: Actor, id: string, input: EquipmentUpdate): Promise<Equipment> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const before = await equipmentRepo.byId(db.kysely, actor.areaCode, id);
    if (!before) fail('RESCUE_EQUIPMENT_NOT_FOUND', { id });
    assertMayKeepTeam(actor, before.owner_level);
    const areaCode =
      input.ownerType !== undefined && input.ownerId !== undefined
        ? await this.ownerArea(actor, input.ownerType, input.ownerId)
        : before.area_code;
    const after = await db.kysely.transaction().execute(async (trx) => {
      await equipmentRepo.update(trx, id, {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.model !== undefined && { model: input.model }),
        ...(input.quantity !== undefined && { quantity: input.quantity }),
        ...(input.unit !== undefined && { unit: input.unit }),
        ...(input.ownerType !== undefined && { owner_type: input.ownerType }),
        ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
        ...(input.state !== undefined && { state: input.state }),
        ...(input.maintenanceDue !== undefined && { maintenance_due: input.maintenanceDue }),
        ...(input.lastMaintained !== undefined && { last_maintained: input.lastMaintained }),
        ...(input.remarks !== undefined && { remarks: input.remarks }),
        area_code: areaCode,
        updated_at: clock.now().toISOString(),
      });
      const equipment = toEquipment((await equipmentRepo.byId(trx, actor.areaCode, id))!);
      await audit.record(trx, actor, {
        action: 'rescue.equipment.update',
        entity: 'rescue_equipment',
        entityId: id,
        areaCode,
        before: toEquipment(before),
        after: equipment,
      });
      return equipment;
    });
    await events.publish('rescue.changed', after.areaCode, { kind: 'equipment', id, action: 'updated' });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, events } = this.deps;
    const before = await db.kysely.transaction().execute(async (trx) => {
      const row = await equipmentRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('RESCUE_EQUIPMENT_NOT_FOUND', { id });
      assertMayKeepTeam(actor, row.owner_level);
      await equipmentRepo.remove(trx, id);
      await audit.record(trx, actor, {
        action: 'rescue.equipment.delete',
        entity: 'rescue_equipment',
        entityId: id,
        areaCode: row.area_code,
        before: toEquipment(row),
      });
      return row;
    });
    await events.publish('rescue.changed', before.area_code, { kind: 'equipment', id, action: 'deleted' });
  }

  /** Equipment in service with maintenance overdue or due within `days` (default: the configured rule). */
  async maintenanceDue(actor: Actor, days?: number): Promise<MaintenanceDueReport> {
    assertCan(actor, 'rescue:read');
    const window = days ?? (await this.deps.rules.get(EQUIPMENT_MAINTENANCE_DUE_DAYS));
    const today = shanghaiDate(this.deps.clock.now());
    const rows = await equipmentRepo.maintenanceDue(this.deps.db.kysely, actor.areaCode, addDays(today, window));
    return {
      today,
      days: window,
      items: rows.map((row) => {
        const daysLeft = daysBetween(today, row.maintenance_due!);
        return { ...toEquipment(row), daysLeft, overdue: daysLeft < 0 };
      }),
    };
  }
}
