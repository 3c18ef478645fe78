import type { StationKind, StationState } from '@yingji/contracts/monitoring.ts';
import type { Db } from '../../platform/db/database.ts';
import type { StationProfile } from './monitoring.pipeline.ts';
import { stationsRepo, type StationRow } from './stations.repo.ts';
import { TokenBucket } from './token-bucket.ts';

/** What ingest keeps in memory per station: who it is, how it authenticates, and its live state. */
export interface DirectoryEntry {
  id: string;
  code: string;
  kind: StationKind;
  state: StationState;
  tokenHash: string;
  mqttUsername: string;
  mqttPasswordHash: string;
  profile: StationProfile;
  /** Newest reading time seen by this process (ms), and what was last written to the row. */
  lastReadingMs: number | null;
  persistedLastMs: number | null;
  /** Server time of that write. */
  persistedAtMs: number;
  createdMs: number;
  bucket: TokenBucket;
}

export function toProfile(row: StationRow): StationProfile {
  const hasLevels = row.water_warning !== null || row.water_guaranteed !== null || row.water_historic_max !== null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    areaCode: row.area_code,
    lon: row.lon,
    lat: row.lat,
    ...(row.kind === 'water_level' &&
      hasLevels && {
        waterLevels: { warning: row.water_warning, guaranteed: row.water_guaranteed, historicMax: row.water_historic_max },
      }),
  };
}

/**
 * Stations by token hash, MQTT user name, code and id, so a device is recognised with a map lookup and no query.
 * Refreshed from the table when a station changes (directly in this process, through the bus in the others).
 */
export class StationDirectory {
  private readonly byIdMap = new Map<string, DirectoryEntry>();
  private readonly byTokenMap = new Map<string, DirectoryEntry>();
  private readonly byMqttMap = new Map<string, DirectoryEntry>();
  private readonly byCodeMap = new Map<string, DirectoryEntry>();

  constructor(
    private readonly db: Db,
    private readonly bucketConfig: () => { burst: number; perSecond: number },
    private readonly nowMs: () => number,
  ) {}

  byId(id: string) {
    return this.byIdMap.get(id);
  }
  byTokenHash(hash: string) {
    return this.byTokenMap.get(hash);
  }
  byMqttUsername(username: string) {
    return this.byMqttMap.get(username);
  }
  byCode(code: string) {
    return this.byCodeMap.get(code);
  }
  entries(): IterableIterator<DirectoryEntry> {
    return this.byIdMap.values();
  }

  /** Re-reads the given stations (all when omitted); ids no longer in the table are dropped. */
  async reload(ids?: readonly string[]): Promise<void> {
    const rows = await stationsRepo.everything(this.db.kysely, ids);
    const seen = new Set(rows.map((r) => r.id));
    for (const id of ids ?? [...this.byIdMap.keys()]) if (!seen.has(id)) this.drop(id);
    for (const row of rows) this.put(row);
  }

  private drop(id: string): void {
    const e = this.byIdMap.get(id);
    if (!e) return;
    this.byIdMap.delete(id);
    this.byTokenMap.delete(e.tokenHash);
    this.byMqttMap.delete(e.mqttUsername);
    this.byCodeMap.delete(e.code);
  }

  private put(row: StationRow): void {
    const previous = this.byIdMap.get(row.id);
    this.drop(row.id);
    const persisted = row.last_reading_at ? Date.parse(row.last_reading_at) : null;
    const { burst, perSecond } = this.bucketConfig();
    const entry: DirectoryEntry = {
      id: row.id,
      code: row.code,
      kind: row.kind,
      state: row.state,
      tokenHash: row.token_hash,
      mqttUsername: row.mqtt_username,
      mqttPasswordHash: row.mqtt_password_hash,
      profile: toProfile(row),
      lastReadingMs: Math.max(previous?.lastReadingMs ?? 0, persisted ?? 0) || null,
      persistedLastMs: persisted,
      persistedAtMs: previous?.persistedAtMs ?? 0,
      createdMs: Date.parse(row.created_at),
      bucket: previous?.bucket ?? new TokenBucket(burst, perSecond, this.nowMs()),
    };
    // Updated in place when known, so whoever holds the entry (ingest's pending sets) sees the new values.
    if (previous) {
      Object.assign(previous, entry);
      this.byIdMap.set(entry.id, previous);
      this.byTokenMap.set(entry.tokenHash, previous);
      this.byMqttMap.set(entry.mqttUsername, previous);
      this.byCodeMap.set(entry.code, previous);
      return;
    }
    this.byIdMap.set(entry.id, entry);
    this.byTokenMap.set(entry.tokenHash, entry);
    this.byMqttMap.set(entry.mqttUsername, entry);
    this.byCodeMap.set(entry.code, entry);
  }
}
