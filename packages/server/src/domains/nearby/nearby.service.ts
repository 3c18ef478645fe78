import type { LocatedItem, LocatedKind, LonLat } from '@yingji/contracts/located.ts';
import type {
  NearbyFilter,
  NearbyHit,
  NearbyResult,
  NearbyWithinResult,
  Polygon,
  RoadLeg,
  RoadsInfo,
} from '@yingji/contracts/nearby.ts';
import type { Logger } from 'pino';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan, type Permission } from '../../platform/access/permissions.ts';
import { isWithin } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { compileFilter } from './nearby.filters.ts';
import { LocatedIndex, type Found } from './nearby.index.ts';

/** Where one kind's items come from: a register's allLocated(), and the events after which it must be read again. */
export interface LocatedSource {
  load(): Promise<LocatedItem[]>;
  /** Event types (e.g. 'shelters.changed') that make the loaded items stale. */
  invalidatedBy: string[];
  /** The register's own read permission, checked on top of nearby:search (e.g. a rescue register's read key). */
  permission?: Permission;
}

/** A loaded road network as the search needs it (implemented by the roads domain). */
export interface RoadNetworkView {
  readonly info: RoadsInfo;
  /** One leg per target, from the origin, in the targets' order. */
  legsFrom(origin: LonLat, targets: LonLat[]): RoadLeg[];
}

export interface RoadRouting {
  /** The current network, or null when none has been imported. */
  current(): Promise<RoadNetworkView | null>;
}

export interface NearbyDeps {
  events: EventBus;
  log: Logger;
  roads?: RoadRouting | null;
  /** How long after a change event to rebuild, so a burst of edits rebuilds once (default 250 ms). */
  rebuildDelayMs?: number;
}

export interface NearestQuery {
  lon: number;
  lat: number;
  kind: LocatedKind;
  k: number;
  maxDistanceKm?: number;
  filter?: NearbyFilter;
}

export type WithinQuery = { kind: LocatedKind; limit?: number; filter?: NearbyFilter } & (
  { areaCode: string; polygon?: undefined } | { polygon: Polygon; areaCode?: undefined }
);

interface KindState {
  sources: LocatedSource[];
  index: LocatedIndex | null;
  building: Promise<LocatedIndex> | null;
  /** Bumped by every change event; a build that started under an older generation is stale when it ends. */
  generation: number;
  timer: NodeJS.Timeout | null;
  /** Settles the promise `settled()` waits on for the scheduled rebuild. */
  release: (() => void) | null;
}

const NO_ROADS: RoadsInfo = { available: false, demo: false, label: null };

/** Straight-line candidates taken for re-ranking by road: some beyond k, so a nearer-by-road item is not missed. */
const roadPool = (k: number) => Math.min(k * 2, k + 20);

/**
 * 周边资源: nearest and within-area search over every register with positions. Items live in memory, one kd-tree
 * per kind, built on the first search and rebuilt in the background (debounced) when the register's change event
 * arrives; a search during a rebuild uses the previous index, and the new one is swapped in whole.
 */
export class NearbyService {
  private readonly kinds = new Map<LocatedKind, KindState>();
  private readonly unsubscribe: () => void;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: NearbyDeps) {
    this.unsubscribe = deps.events.subscribe((event) => this.onEvent(event.type));
  }

  /** Adds a source of items of one kind (several sources of a kind are searched together). */
  registerSource(kind: LocatedKind, source: LocatedSource): void {
    let state = this.kinds.get(kind);
    if (!state)
      this.kinds.set(kind, (state = { sources: [], index: null, building: null, generation: 0, timer: null, release: null }));
    state.sources.push(source);
    this.invalidate(state);
  }

  /**
   * Registers one register service for several kinds (rescue: teams, experts, equipment). Its allLocated() is
   * called once per rebuild round, shared by the kinds, and each kind keeps only its own items.
   */
  registerService(service: {
    kinds: LocatedKind[];
    allLocated(): Promise<LocatedItem[]>;
    invalidatedBy: string[];
    permission?: Permission;
  }): void {
    let inFlight: Promise<LocatedItem[]> | null = null;
    const shared = () => {
      inFlight ??= service.allLocated().finally(() => (inFlight = null));
      return inFlight;
    };
    for (const kind of service.kinds) {
      this.registerSource(kind, {
        load: async () => (await shared()).filter((item) => item.kind === kind),
        invalidatedBy: service.invalidatedBy,
        ...(service.permission && { permission: service.permission }),
      });
    }
  }

  async nearest(actor: Actor, query: NearestQuery): Promise<NearbyResult> {
    const { kind, lon, lat, k } = query;
    const state = this.authorise(actor, kind);
    const predicate = compileFilter(kind, query.filter ?? {});
    const origin = { lon, lat };
    const index = state ? await this.indexOf(state) : null;
    const network = (await this.deps.roads?.current()) ?? null;
    const take = network ? roadPool(k) : k;
    const found = index ? index.nearest(lon, lat, take, actor.areaCode, predicate, query.maxDistanceKm) : [];
    const items = network
      ? rankByRoad(
          found,
          network.legsFrom(
            origin,
            found.map((f) => f.item),
          ),
          k,
        )
      : found.map(straight);
    return {
      kind,
      origin,
      sourceAvailable: state !== null,
      rankedBy: network ? 'road' : 'straight',
      roads: network?.info ?? NO_ROADS,
      items,
    };
  }

  /** What is inside an area (by area code) or a drawn polygon, within the actor's scope. */
  async within(actor: Actor, query: WithinQuery): Promise<NearbyWithinResult> {
    const state = this.authorise(actor, query.kind);
    const predicate = compileFilter(query.kind, query.filter ?? {});
    let prefix = actor.areaCode;
    if (query.areaCode !== undefined) {
      // A narrower area inside the scope narrows the search; a wider one (the county, for a township officer) is
      // answered within the scope; an area beside the scope is refused.
      if (isWithin(query.areaCode, actor.areaCode)) prefix = query.areaCode;
      else if (!isWithin(actor.areaCode, query.areaCode)) fail('OUT_OF_SCOPE', { areaCode: query.areaCode });
    }
    const index = state ? await this.indexOf(state) : null;
    const all = !index ? [] : query.polygon ? index.inPolygon(query.polygon, prefix, predicate) : index.inArea(prefix, predicate);
    all.sort((a, b) => a.areaCode.localeCompare(b.areaCode) || a.name.localeCompare(b.name, 'zh-CN'));
    return { kind: query.kind, sourceAvailable: state !== null, total: all.length, items: all.slice(0, query.limit ?? 500) };
  }

  /** Resolves once no rebuild is waiting or running (tests, and a clean shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.unsubscribe();
    for (const state of this.kinds.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.release?.();
    }
  }

  private authorise(actor: Actor, kind: LocatedKind): KindState | null {
    assertCan(actor, 'nearby:search');
    const state = this.kinds.get(kind) ?? null;
    for (const source of state?.sources ?? []) if (source.permission) assertCan(actor, source.permission);
    return state;
  }

  private indexOf(state: KindState): Promise<LocatedIndex> | LocatedIndex {
    if (state.index) return state.index;
    return this.build(state);
  }

  private build(state: KindState): Promise<LocatedIndex> {
    if (state.building) return state.building;
    const generation = state.generation;
    const building = (async () => {
      const loaded = await Promise.all(state.sources.map((source) => source.load()));
      return LocatedIndex.build(loaded.flat());
    })();
    state.building = building;
    const done = building.then(
      (index) => {
        state.index = index;
        if (state.generation !== generation) this.schedule(state);
      },
      (error: unknown) => {
        // Keep answering from the previous index; the next change event (or first search) tries again.
        this.deps.log.error({ err: error }, 'nearby index build failed');
      },
    );
    this.track(done.finally(() => (state.building = null)));
    return building;
  }

  private onEvent(type: string): void {
    for (const state of this.kinds.values()) {
      if (state.sources.some((source) => source.invalidatedBy.includes(type))) this.invalidate(state);
    }
  }

  private invalidate(state: KindState): void {
    state.generation += 1;
    // Never built: the first search will read fresh data anyway. Building: it reschedules itself when it ends.
    if (state.index && !state.building) this.schedule(state);
  }

  /**
   * One rebuild shortly after the first change of a burst: later events of the burst are read by that rebuild (or,
   * arriving while it runs, schedule the next). Not restarting the wait on each event keeps a register that changes
   * without pause (stock movements) from postponing the rebuild for ever.
   */
  private schedule(state: KindState): void {
    if (state.timer) return;
    let release!: () => void;
    this.track(new Promise<void>((resolve) => (release = resolve)));
    state.release = release;
    state.timer = setTimeout(() => {
      state.timer = null;
      state.release = null;
      void this.build(state)
        .catch(() => undefined)
        .finally(release);
    }, this.deps.rebuildDelayMs ?? 250);
    state.timer.unref();
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }
}

function straight({ item, distanceKm }: Found): NearbyHit {
  return { ...item, distanceKm, road: null };
}

/** Reachable by road first, nearest by road; unreachable ones after, nearest in a straight line, said plainly. */
function rankByRoad(found: Found[], legs: RoadLeg[], k: number): NearbyHit[] {
  const hits = found.map(({ item, distanceKm }, i) => ({ ...item, distanceKm, road: legs[i]! }));
  hits.sort((a, b) => {
    const ra = a.road.distanceKm ?? Infinity;
    const rb = b.road.distanceKm ?? Infinity;
    return ra === rb ? a.distanceKm - b.distanceKm : ra - rb;
  });
  return hits.slice(0, k);
}
