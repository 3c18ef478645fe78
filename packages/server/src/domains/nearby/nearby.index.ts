import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { LocatedItem } from '@yingji/contracts/located.ts';
import type { Polygon } from '@yingji/contracts/nearby.ts';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import type { ItemPredicate } from './nearby.filters.ts';

/** A kd-tree over some of the items: `members[local id]` is the item's position in LocatedIndex.items. */
interface Partition {
  tree: KDBush;
  members: Uint32Array | null;
}

/**
 * Scope partitions: area codes are prefixes (county 6 digits, township 9), so items are also indexed per county and
 * per township. A township officer's search then walks only their township's tree; walking the county tree with a
 * scope predicate would visit every nearer item of the other townships first (thousands, at a township border).
 */
const PARTITION_LENGTHS = [9, 6] as const;

/**
 * Points per kd-tree leaf. geokdbush queues every point of each leaf it opens; for k = 10, leaves of 16 waste less
 * than kdbush's default 64, most of all with a filter that rejects many points (measured in bench/nearby.bench.ts).
 */
const NODE_SIZE = 16;

export interface Found {
  item: LocatedItem;
  distanceKm: number;
}

function treeOf(items: LocatedItem[], members: Uint32Array | null): KDBush {
  const n = members ? members.length : items.length;
  const tree = new KDBush(Math.max(n, 1), NODE_SIZE);
  if (n === 0) tree.add(0, 0); // kdbush needs a point; the empty partition is never searched (see `size`).
  for (let i = 0; i < n; i += 1) {
    const item = items[members ? members[i]! : i]!;
    tree.add(item.lon, item.lat);
  }
  return tree.finish();
}

/** One kind's items in memory, immutable once built: a rebuild makes a new one and swaps it in. */
export class LocatedIndex {
  private readonly all: Partition;
  private readonly partitions = new Map<string, Partition>();

  private constructor(readonly items: LocatedItem[]) {
    this.all = { tree: treeOf(items, null), members: null };
    for (const length of PARTITION_LENGTHS) {
      const groups = new Map<string, number[]>();
      items.forEach((item, i) => {
        if (item.areaCode.length < length) return;
        const key = item.areaCode.slice(0, length);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = []));
        group.push(i);
      });
      for (const [key, group] of groups) {
        // A partition holding everything (one county per installation, the usual case) is the whole tree again.
        const members = group.length === items.length ? null : Uint32Array.from(group);
        this.partitions.set(key, members ? { tree: treeOf(items, members), members } : this.all);
      }
    }
  }

  static build(items: LocatedItem[]): LocatedIndex {
    return new LocatedIndex(items);
  }

  get size(): number {
    return this.items.length;
  }

  /** The kd-tree a search in this scope walks (for the benchmark's raw ceiling on the very same index). */
  treeFor(scope: string): KDBush | null {
    return this.partitionFor(scope)?.partition.tree ?? null;
  }

  /**
   * The smallest tree that holds everything in the scope, and whether items in it still need the prefix test
   * (a village scope searches its township's tree). Null: nothing at all lies in the scope.
   */
  private partitionFor(scope: string): { partition: Partition; residual: boolean } | null {
    if (this.items.length === 0) return null;
    if (scope === '') return { partition: this.all, residual: false };
    for (const length of PARTITION_LENGTHS) {
      if (scope.length < length) continue;
      const partition = this.partitions.get(scope.slice(0, length));
      return partition ? { partition, residual: scope.length > length } : null;
    }
    return { partition: this.all, residual: true };
  }

  /** The k items nearest to the point (great-circle), within the scope, matching the predicate, nearest first. */
  nearest(lon: number, lat: number, k: number, scope: string, predicate: ItemPredicate | null, maxDistanceKm?: number): Found[] {
    const chosen = this.partitionFor(scope);
    if (!chosen) return [];
    const { partition, residual } = chosen;
    const { items } = this;
    const members = partition.members;
    const test =
      residual || predicate
        ? (local: number) => {
            const item = items[members ? members[local]! : local]!;
            return (!residual || item.areaCode.startsWith(scope)) && (!predicate || predicate(item));
          }
        : undefined;
    const ids = around(partition.tree, lon, lat, k, maxDistanceKm, test);
    return ids.map((local) => {
      const item = items[members ? members[local]! : local]!;
      return { item, distanceKm: distance(lon, lat, item.lon, item.lat) };
    });
  }

  /** Every item whose area code starts with `prefix` (itself within the scope), matching the predicate. */
  inArea(prefix: string, predicate: ItemPredicate | null): LocatedItem[] {
    const chosen = this.partitionFor(prefix);
    if (!chosen) return [];
    const { partition } = chosen;
    const result: LocatedItem[] = [];
    const count = partition.members ? partition.members.length : this.items.length;
    for (let i = 0; i < count; i += 1) {
      const item = this.items[partition.members ? partition.members[i]! : i]!;
      if (item.areaCode.startsWith(prefix) && (!predicate || predicate(item))) result.push(item);
    }
    return result;
  }

  /** Every item inside the polygon (holes respected), within the scope, matching the predicate. */
  inPolygon(polygon: Polygon, scope: string, predicate: ItemPredicate | null): LocatedItem[] {
    const chosen = this.partitionFor(scope);
    if (!chosen) return [];
    const { partition } = chosen;
    const [minX, minY, maxX, maxY] = bbox(polygon) as [number, number, number, number];
    const result: LocatedItem[] = [];
    for (const local of partition.tree.range(minX, minY, maxX, maxY)) {
      const item = this.items[partition.members ? partition.members[local]! : local]!;
      if (!item.areaCode.startsWith(scope)) continue;
      if (predicate && !predicate(item)) continue;
      if (booleanPointInPolygon([item.lon, item.lat], polygon)) result.push(item);
    }
    return result;
  }
}
