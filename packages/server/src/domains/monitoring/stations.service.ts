import { randomUUID } from 'node:crypto';
import type {
  IngestCounters,
  Station,
  StationCreate,
  StationCredentials,
  StationListQuery,
  StationUpdate,
} from '@yingji/contracts/monitoring.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { AppError, fail, type ErrorCode } from '../../platform/errors.ts';
import type { RowError } from '../../platform/excel.ts';
import { issueCredentials } from './credentials.ts';
import type { IngestService } from './ingest.service.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import type { MonitoringStationsTable } from './monitoring.tables.ts';
import { readingsRepo } from './readings.repo.ts';
import { stationsRepo, type StationRow } from './stations.repo.ts';

type CounterRow = Awaited<ReturnType<typeof readingsRepo.counters>>[number];
interface Prepared {
  row: Insertable<MonitoringStationsTable> & { id: string; area_code: string };
  credentials: StationCredentials;
}

const waterColumns = (w: StationCreate['waterLevels'] | undefined) =>
  w === undefined
    ? {}
    : { water_warning: w?.warning ?? null, water_guaranteed: w?.guaranteed ?? null, water_historic_max: w?.historicMax ?? null };

/**
 * 监测站点: the register (scope, policy, audit like every register) and each station's device credentials. Every
 * change is pushed to the ingest directory at once, so a new station can report the moment it is created.
 */
export class StationsService {
  constructor(
    private readonly deps: MonitoringDeps,
    private readonly ingest: IngestService,
  ) {}

  private counters(row: StationRow, stored: CounterRow | undefined): IngestCounters {
    const pending = this.ingest.pendingCounters(row.id);
    return {
      accepted: Number(stored?.accepted ?? 0) + (pending?.accepted ?? 0),
      duplicates: Number(stored?.duplicates ?? 0) + (pending?.duplicates ?? 0),
      rejected: Number(stored?.rejected ?? 0) + (pending?.rejected ?? 0),
      rateLimited: Number(stored?.rate_limited ?? 0) + (pending?.rateLimited ?? 0),
      lastRejectReason: pending?.lastRejectReason ?? stored?.last_reject_reason ?? null,
      lastRejectedAt: pending?.lastRejectedAt ?? stored?.last_rejected_at ?? null,
    };
  }

  private async toStations(rows: StationRow[]): Promise<Station[]> {
    const counters = await readingsRepo.counters(
      this.deps.db.kysely,
      rows.map((r) => r.id),
    );
    const byId = new Map(counters.map((c) => [c.station_id, c]));
    return rows.map((row) => {
      const live = this.ingest.directory.byId(row.id);
      const lastMs = live?.lastReadingMs ?? null;
      return {
        id: row.id,
        code: row.code,
        name: row.name,
        kind: row.kind,
        lon: row.lon,
        lat: row.lat,
        areaCode: row.area_code,
        ownerType: row.owner_type,
        ownerName: row.owner_name,
        deviceIds: JSON.parse(row.device_ids) as string[],
        state: live?.state ?? row.state,
        waterLevels:
          row.kind === 'water_level'
            ? { warning: row.water_warning, guaranteed: row.water_guaranteed, historicMax: row.water_historic_max }
            : null,
        note: row.note,
        mqttUsername: row.mqtt_username,
        lastReadingAt: lastMs !== null ? new Date(lastMs).toISOString() : row.last_reading_at,
        latest: this.ingest.latest.of(row.id),
        counters: this.counters(row, byId.get(row.id)),
        demo: row.demo === 1,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  async list(actor: Actor, query: StationListQuery): Promise<{ items: Station[]; total: number }> {
    assertCan(actor, 'monitoring:read');
    const { rows, total } = await stationsRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: await this.toStations(rows), total };
  }

  async get(actor: Actor, id: string): Promise<Station> {
    assertCan(actor, 'monitoring:read');
    const row = await stationsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('STATION_NOT_FOUND', { id });
    return (await this.toStations([row]))[0]!;
  }

  async all(actor: Actor): Promise<Station[]> {
    assertCan(actor, 'monitoring:read');
    return this.toStations(await stationsRepo.all(this.deps.db.kysely, actor.areaCode));
  }

  private async newRow(actor: Actor, input: StationCreate, demo: boolean): Promise<Prepared> {
    const areaCode = await this.deps.areas.locate(actor, input.lon, input.lat);
    const now = this.deps.clock.now().toISOString();
    const issued = issueCredentials(input.code);
    const id = randomUUID();
    return {
      row: {
        id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        lon: input.lon,
        lat: input.lat,
        area_code: areaCode,
        owner_type: input.ownerType,
        owner_name: input.ownerName,
        device_ids: JSON.stringify([...new Set(input.deviceIds)]),
        // No reading yet: offline until the first one arrives.
        state: 'offline',
        water_warning: null,
        water_guaranteed: null,
        water_historic_max: null,
        ...(input.kind === 'water_level' && waterColumns(input.waterLevels)),
        note: input.note,
        token_hash: issued.tokenHash,
        mqtt_username: issued.mqttUsername,
        mqtt_password_hash: issued.mqttPasswordHash,
        last_reading_at: null,
        demo: demo ? 1 : 0,
        created_at: now,
        updated_at: now,
      },
      credentials: {
        stationId: id,
        code: input.code,
        deviceToken: issued.deviceToken,
        mqttUsername: issued.mqttUsername,
        mqttPassword: issued.mqttPassword,
      },
    };
  }

  /** Stations with their credentials (shown once). Every row is checked first; then all are stored, or none. */
  async createMany(
    actor: Actor,
    items: { row: number; value: StationCreate }[],
    options: { demo?: boolean } = {},
  ): Promise<{ station: Station; credentials: StationCredentials }[]> {
    assertCan(actor, 'monitoring:write');
    if (items.length === 0) fail('IMPORT_INVALID', { errors: [] }, '文件中没有数据行');
    const errors: RowError[] = [];
    const prepared: Prepared[] = [];
    const seen = new Set<string>();
    const taken = new Set(
      (
        await stationsRepo.codeTaken(
          this.deps.db.kysely,
          items.map((i) => i.value.code),
        )
      ).map((r) => r.code),
    );
    for (const item of items) {
      if (taken.has(item.value.code) || seen.has(item.value.code)) {
        errors.push({ row: item.row, column: '站点编码', message: `站点编码 ${item.value.code} 已被占用` });
        continue;
      }
      seen.add(item.value.code);
      try {
        prepared.push(await this.newRow(actor, item.value, options.demo ?? false));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const column: Partial<Record<ErrorCode, string>> = { LOCATION_OUTSIDE: '经度', OUT_OF_SCOPE: '经度' };
        errors.push({ row: item.row, column: column[error.code] ?? null, message: error.message });
      }
    }
    if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    return this.store(actor, prepared, options.demo ? 'station.demo' : 'station.import', 'imported');
  }

  async create(actor: Actor, input: StationCreate): Promise<{ station: Station; credentials: StationCredentials }> {
    assertCan(actor, 'monitoring:write');
    if ((await stationsRepo.codeTaken(this.deps.db.kysely, [input.code])).length > 0)
      fail('STATION_CODE_TAKEN', { code: input.code });
    const [created] = await this.store(actor, [await this.newRow(actor, input, false)], 'station.create', 'created');
    return created!;
  }

  private async store(actor: Actor, prepared: Prepared[], action: string, event: 'created' | 'imported') {
    const { db, audit } = this.deps;
    const ids = await db.kysely.transaction().execute(async (trx) => {
      await stationsRepo.insertMany(
        trx,
        prepared.map((p) => p.row),
      );
      for (const { row } of prepared) {
        const { token_hash: _t, mqtt_password_hash: _p, ...after } = row;
        await audit.record(trx, actor, { action, entity: 'station', entityId: row.id, areaCode: row.area_code, after });
      }
      return prepared.map((p) => p.row.id);
    });
    await this.changed(actor.areaCode || null, event, ids);
    const stations = await this.toStations(await stationsRepo.everything(db.kysely, ids));
    const byId = new Map(stations.map((s) => [s.id, s]));
    return prepared.map((p) => ({ station: byId.get(p.row.id)!, credentials: p.credentials }));
  }

  /** Publishes the change and refreshes this process's directory before answering (others follow the bus). */
  private async changed(
    areaCode: string | null,
    action: 'created' | 'updated' | 'deleted' | 'imported' | 'credentials',
    ids: string[],
  ) {
    await this.ingest.directory.reload(ids);
    await this.deps.events.publish('monitoring.stations_changed', areaCode, { action, ids });
  }

  private async relocation(actor: Actor, id: string, input: { lon?: number | undefined; lat?: number | undefined }) {
    if (input.lon === undefined && input.lat === undefined) return null;
    const current = await stationsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!current) fail('STATION_NOT_FOUND', { id });
    const lon = input.lon ?? current.lon;
    const lat = input.lat ?? current.lat;
    return { lon, lat, area_code: await this.deps.areas.locate(actor, lon, lat) };
  }

  async update(actor: Actor, id: string, input: StationUpdate): Promise<Station> {
    assertCan(actor, 'monitoring:write');
    const { db, audit, clock, events } = this.deps;
    const moved = await this.relocation(actor, id, input);
    const now = clock.now().toISOString();
    const result = await db.kysely.transaction().execute(async (trx) => {
      const before = await stationsRepo.lockById(trx, actor.areaCode, id);
      if (!before) fail('STATION_NOT_FOUND', { id });
      if (input.waterLevels && before.kind !== 'water_level')
        fail('VALIDATION_FAILED', { field: 'waterLevels' }, '只有水位站可以设置警戒/保证/历史最高水位');
      // Marking a fault is a person's call; clearing it leaves the station offline until its next reading.
      const state = input.fault === true ? 'fault' : input.fault === false && before.state === 'fault' ? 'offline' : before.state;
      await stationsRepo.update(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.ownerType !== undefined && { owner_type: input.ownerType }),
        ...(input.ownerName !== undefined && { owner_name: input.ownerName }),
        ...(input.deviceIds !== undefined && { device_ids: JSON.stringify([...new Set(input.deviceIds)]) }),
        ...(input.note !== undefined && { note: input.note }),
        ...waterColumns(input.waterLevels),
        ...moved,
        state,
        updated_at: now,
      });
      const after = (await stationsRepo.byId(trx, '', id))!;
      const strip = ({ token_hash: _t, mqtt_password_hash: _p, ...rest }: StationRow) => rest;
      await audit.record(trx, actor, {
        action: 'station.update',
        entity: 'station',
        entityId: id,
        areaCode: after.area_code,
        before: strip(before),
        after: strip(after),
      });
      return { before, after };
    });
    await this.changed(result.after.area_code, 'updated', [id]);
    if (result.before.state !== result.after.state) {
      await events.publish('monitoring.station_state', result.after.area_code, {
        id,
        code: result.after.code,
        name: result.after.name,
        kind: result.after.kind,
        state: result.after.state,
        previous: result.before.state,
      });
    }
    return (await this.toStations([result.after]))[0]!;
  }

  /** New token and MQTT password (the old ones stop working at once); shown once. */
  async rotateCredentials(actor: Actor, id: string): Promise<StationCredentials> {
    assertCan(actor, 'monitoring:write');
    const { db, audit, clock } = this.deps;
    const result = await db.kysely.transaction().execute(async (trx) => {
      const row = await stationsRepo.lockById(trx, actor.areaCode, id);
      if (!row) fail('STATION_NOT_FOUND', { id });
      const issued = issueCredentials(row.code);
      await stationsRepo.update(trx, id, {
        token_hash: issued.tokenHash,
        mqtt_username: issued.mqttUsername,
        mqtt_password_hash: issued.mqttPasswordHash,
        updated_at: clock.now().toISOString(),
      });
      await audit.record(trx, actor, {
        action: 'station.credentials',
        entity: 'station',
        entityId: id,
        areaCode: row.area_code,
        after: { code: row.code, rotated: true },
      });
      return { row, issued };
    });
    await this.changed(result.row.area_code, 'credentials', [id]);
    return {
      stationId: id,
      code: result.row.code,
      deviceToken: result.issued.deviceToken,
      mqttUsername: result.issued.mqttUsername,
      mqttPassword: result.issued.mqttPassword,
    };
  }

  /** Removes the station with its readings, aggregates and counters. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'monitoring:write');
    const { db, audit } = this.deps;
    await this.ingest.drain();
    const row = await db.kysely.transaction().execute(async (trx) => {
      const before = await stationsRepo.lockById(trx, actor.areaCode, id);
      if (!before) fail('STATION_NOT_FOUND', { id });
      await readingsRepo.deleteStation(trx, id);
      await stationsRepo.remove(trx, id);
      const { token_hash: _t, mqtt_password_hash: _p, ...rest } = before;
      await audit.record(trx, actor, {
        action: 'station.delete',
        entity: 'station',
        entityId: id,
        areaCode: before.area_code,
        before: rest,
      });
      return before;
    });
    this.ingest.latest.forget(id);
    await this.changed(row.area_code, 'deleted', [id]);
  }
}
