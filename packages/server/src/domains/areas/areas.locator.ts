import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Executor } from '../../platform/db/types.ts';

interface Shape {
  code: string;
  depth: number;
  box: number[];
  geometry: Polygon | MultiPolygon;
}

/** How long a loaded set of shapes is trusted; boundary imports are rare and take effect within this time. */
const TTL_MS = 30_000;

/**
 * Point → area: the deepest area (village before township before county) whose shape contains a WGS-84 point.
 * Shapes are loaded once and kept for a short while, so locating is an in-memory bbox filter plus a polygon test.
 */
export class AreaLocator {
  private shapes: Shape[] = [];
  private loadedAt = -Infinity;

  constructor(private readonly db: Executor) {}

  private async load(): Promise<Shape[]> {
    if (performance.now() - this.loadedAt < TTL_MS) return this.shapes;
    const rows = await this.db.selectFrom('areas').select(['code', 'geometry']).where('geometry', 'is not', null).execute();
    this.shapes = rows
      .map((row) => {
        const geometry = JSON.parse(row.geometry!) as Polygon | MultiPolygon;
        return { code: row.code, depth: row.code.length, box: bbox(geometry), geometry };
      })
      .sort((a, b) => b.depth - a.depth);
    this.loadedAt = performance.now();
    return this.shapes;
  }

  /** Forget the loaded shapes now (after an import), rather than when they age out. */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  async locate(lon: number, lat: number): Promise<string | null> {
    for (const shape of await this.load()) {
      const [minX, minY, maxX, maxY] = shape.box as [number, number, number, number];
      if (lon < minX || lon > maxX || lat < minY || lat > maxY) continue;
      if (booleanPointInPolygon([lon, lat], shape.geometry)) return shape.code;
    }
    return null;
  }
}
