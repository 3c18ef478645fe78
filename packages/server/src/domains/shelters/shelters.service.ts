import { randomUUID } from 'node:crypto';
import type { Shelter, ShelterCreate, ShelterListQuery, ShelterOccupancy, ShelterUpdate } from '@yingji/contracts/shelters.ts';
import type { Insertable } from 'kysely';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/types.ts';
import { dutyHoldersRepo } from './duty-holders.repo.ts';
import { prepareRows, type SheltersDeps } from './shelters.deps.ts';
import { sheltersRepo, type ShelterRow } from './shelters.repo.ts';
import { SHELTER_AREA_PER_PERSON } from './shelters.rules-config.ts';
import { shelterCapacity, type AreaPerPerson } from './shelters.rules.ts';
import type { SheltersTable } from './shelters.tables.ts';

export function toShelter(row: ShelterRow, norms: AreaPerPerson): Shelter {
  const capacity = shelterCapacity(row.usable_area, row.grade, norms);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    grade: row.grade,
    usableArea: row.usable_area,
    areaPerPerson: norms[row.grade],
    capacity,
    occupancy: row.occupancy,
    freeCapacity: Math.max(0, capacity - row.occupancy),
    open: row.open === 1,
    openedAt: row.opened_at,
    facilities: JSON.parse(row.facilities) as Shelter['facilities'],
    managerName: row.manager_name,
    managerPhone: row.manager_phone,
    address: row.address,
    note: row.note,
    lon: row.lon,
    lat: row.lat,
    areaCode: row.area_code,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * 应急避难场所: the register, its open/closed state and the head count. Capacity is always derived from the usable
 * area and the area-per-person rule in force, so an administrator's change of the norm applies everywhere at once.
 */
export class SheltersService {
  constructor(private readonly deps: SheltersDeps) {}

  norms(): Promise<AreaPerPerson> {
    return this.deps.rules.get(SHELTER_AREA_PER_PERSON);
  }

  async list(actor: Actor, query: ShelterListQuery): Promise<CappedPage<Shelter>> {
    assertCan(actor, 'shelters:read');
    const { rows, ...page } = await sheltersRepo.list(this.deps.db.kysely, this.deps.db.dialect, actor.areaCode, query);
    const norms = await this.norms();
    return { items: rows.map((row) => toShelter(row, norms)), ...page };
  }

  async get(actor: Actor, id: string): Promise<Shelter> {
    assertCan(actor, 'shelters:read');
    const row = await sheltersRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    // Out of scope and absent look the same: a scope must not reveal what exists outside it.
    if (!row) fail('SHELTER_NOT_FOUND', { id });
    return toShelter(row, await this.norms());
  }

  /** Every shelter in the actor's scope (exports). */
  async all(actor: Actor): Promise<Shelter[]> {
    assertCan(actor, 'shelters:read');
    const norms = await this.norms();
    return (await sheltersRepo.all(this.deps.db.kysely, actor.areaCode)).map((row) => toShelter(row, norms));
  }

  /** The stored row of a new shelter: its area follows from its point, which must lie in the actor's scope. */
  private async newRow(actor: Actor, input: ShelterCreate, demo: boolean): Promise<Insertable<SheltersTable>> {
    const areaCode = await this.deps.areas.locate(actor, input.lon, input.lat);
    const now = this.deps.clock.now().toISOString();
    return {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      grade: input.grade,
      usable_area: input.usableArea,
      facilities: JSON.stringify([...new Set(input.facilities)]),
      manager_name: input.managerName,
      manager_phone: input.managerPhone,
      address: input.address,
      note: input.note,
      lon: input.lon,
      lat: input.lat,
      area_code: areaCode,
      open: 0,
      occupancy: 0,
      opened_at: null,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  private async insert(
    actor: Actor,
    rows: Insertable<SheltersTable>[],
    action: 'shelter.create' | 'shelter.import' | 'shelter.demo',
  ) {
    const { db, audit } = this.deps;
    const norms = await this.norms();
    return db.kysely.transaction().execute(async (trx) => {
      await sheltersRepo.insertMany(trx, db.dialect, rows);
      const created: Shelter[] = [];
      for (const row of rows) {
        const shelter = toShelter((await sheltersRepo.byId(trx, '', row.id))!, norms);
        await audit.record(trx, actor, { action, entity: 'shelter', entityId: row.id, areaCode: row.area_code, after: shelter });
        created.push(shelter);
      }
      return created;
    });
  }

  async create(actor: Actor, input: ShelterCreate, options: { demo?: boolean } = {}): Promise<Shelter> {
    assertCan(actor, 'shelters:edit');
    const [created] = await this.insert(actor, [await this.newRow(actor, input, options.demo ?? false)], 'shelter.create');
    await this.deps.events.publish('shelters.changed', created!.areaCode, {
      kind: 'shelter',
      action: 'created',
      ids: [created!.id],
    });
    return created!;
  }

  /** Excel import: every row located and checked first, then all inserted in one transaction, or none. */
  async importRows(
    actor: Actor,
    items: { row: number; value: ShelterCreate }[],
    options: { demo?: boolean } = {},
  ): Promise<Shelter[]> {
    assertCan(actor, 'shelters:edit');
    const rows = await prepareRows(items, (input) => this.newRow(actor, input, options.demo ?? false), {
      LOCATION_OUTSIDE: '经度',
      OUT_OF_SCOPE: '经度',
    });
    const created = await this.insert(actor, rows, options.demo ? 'shelter.demo' : 'shelter.import');
    await this.deps.events.publish('shelters.changed', actor.areaCode || null, {
      kind: 'shelter',
      action: 'imported',
      ids: created.map((s) => s.id),
    });
    return created;
  }

  /**
   * Runs `change` on the locked row in a transaction and audits before/after; publishes the event after commit.
   * `change` returns the column changes, or null when there is nothing to change (no audit entry, no event).
   */
  private async mutate(
    actor: Actor,
    id: string,
    action: { audit: string; event: 'updated' | 'opened' | 'closed' | 'occupancy' },
    change: (row: ShelterRow, trx: Executor, norms: AreaPerPerson) => Promise<Partial<SheltersTable> | null>,
  ): Promise<Shelter> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, clock, events } = this.deps;
    const norms = await this.norms();
    const result = await db.kysely.transaction().execute(async (trx) => {
      const before = await sheltersRepo.lockById(trx, actor.areaCode, id);
      if (!before) fail('SHELTER_NOT_FOUND', { id });
      const changes = await change(before, trx, norms);
      if (!changes) return { after: toShelter(before, norms), changed: false };
      await sheltersRepo.update(trx, db.dialect, id, { ...changes, updated_at: clock.now().toISOString() });
      const after = toShelter((await sheltersRepo.byId(trx, '', id))!, norms);
      await audit.record(trx, actor, {
        action: action.audit,
        entity: 'shelter',
        entityId: id,
        areaCode: after.areaCode,
        before: toShelter(before, norms),
        after,
      });
      return { after, changed: true };
    });
    if (result.changed) {
      await events.publish('shelters.changed', result.after.areaCode, { kind: 'shelter', action: action.event, ids: [id] });
    }
    return result.after;
  }

  /**
   * A move is a new location: it must still be inside the county and the actor's scope. It is located before the
   * transaction, since the locator reads the areas through its own connection (SQLite has only one).
   */
  private async relocation(actor: Actor, id: string, input: { lon?: number; lat?: number }) {
    if (input.lon === undefined && input.lat === undefined) return null;
    const current = await sheltersRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!current) fail('SHELTER_NOT_FOUND', { id });
    const lon = input.lon ?? current.lon;
    const lat = input.lat ?? current.lat;
    return { lon, lat, area_code: await this.deps.areas.locate(actor, lon, lat) };
  }

  async update(actor: Actor, id: string, input: ShelterUpdate): Promise<Shelter> {
    assertCan(actor, 'shelters:edit');
    const moved = await this.relocation(actor, id, input);
    return this.mutate(actor, id, { audit: 'shelter.update', event: 'updated' }, async (row, _trx, norms) => {
      const capacity = shelterCapacity(input.usableArea ?? row.usable_area, input.grade ?? row.grade, norms);
      if (capacity < row.occupancy) fail('SHELTER_OVER_CAPACITY', { capacity, occupancy: row.occupancy });
      return {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.grade !== undefined && { grade: input.grade }),
        ...(input.usableArea !== undefined && { usable_area: input.usableArea }),
        ...(input.facilities !== undefined && { facilities: JSON.stringify([...new Set(input.facilities)]) }),
        ...(input.managerName !== undefined && { manager_name: input.managerName }),
        ...(input.managerPhone !== undefined && { manager_phone: input.managerPhone }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.note !== undefined && { note: input.note }),
        ...moved,
      };
    });
  }

  /** 开放 / 关闭. Closing needs the shelter empty, so nobody still inside drops out of the count. */
  setOpen(actor: Actor, id: string, open: boolean): Promise<Shelter> {
    const action = open
      ? { audit: 'shelter.open', event: 'opened' as const }
      : { audit: 'shelter.close', event: 'closed' as const };
    return this.mutate(actor, id, action, async (row) => {
      if ((row.open === 1) === open) return null;
      if (!open && row.occupancy > 0) fail('SHELTER_NOT_EMPTY', { occupancy: row.occupancy });
      return open ? { open: 1, opened_at: this.deps.clock.now().toISOString() } : { open: 0 };
    });
  }

  /** The head count: set after a roll call, or shifted by arrivals/departures; never above capacity nor below 0. */
  changeOccupancy(actor: Actor, id: string, input: ShelterOccupancy): Promise<Shelter> {
    return this.mutate(actor, id, { audit: 'shelter.occupancy', event: 'occupancy' }, async (row, trx, norms) => {
      if (row.open !== 1) fail('SHELTER_CLOSED', { id });
      const capacity = shelterCapacity(row.usable_area, row.grade, norms);
      const next = 'occupancy' in input ? input.occupancy : row.occupancy + input.delta;
      if (next < 0) fail('SHELTER_OCCUPANCY_NEGATIVE', { occupancy: row.occupancy, requested: next });
      if (next > capacity) fail('SHELTER_OVER_CAPACITY', { capacity, occupancy: row.occupancy, requested: next });
      if (next === row.occupancy) return null;
      const now = this.deps.clock.now().toISOString();
      const change = 'occupancy' in input ? { set: input.occupancy } : { delta: input.delta };
      // The conditional statement re-checks the bounds in SQL: a second guard under concurrent arrivals.
      if (!(await sheltersRepo.changeOccupancy(trx, id, change, capacity, now))) {
        fail('SHELTER_OVER_CAPACITY', { capacity, occupancy: row.occupancy, requested: next });
      }
      return { occupancy: next };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, events } = this.deps;
    const norms = await this.norms();
    const removed = await db.kysely.transaction().execute(async (trx) => {
      const row = await sheltersRepo.lockById(trx, actor.areaCode, id);
      if (!row) fail('SHELTER_NOT_FOUND', { id });
      if (row.occupancy > 0) fail('SHELTER_NOT_EMPTY', { occupancy: row.occupancy });
      const linked = await dutyHoldersRepo.countLinked(trx, { shelterId: id });
      if (linked > 0) fail('SHELTER_LINKED', { dutyHolders: linked });
      await sheltersRepo.remove(trx, db.dialect, id);
      await audit.record(trx, actor, {
        action: 'shelter.delete',
        entity: 'shelter',
        entityId: id,
        areaCode: row.area_code,
        before: toShelter(row, norms),
      });
      return row;
    });
    await events.publish('shelters.changed', removed.area_code, { kind: 'shelter', action: 'deleted', ids: [id] });
  }
}
