import { METRIC_INFO, type Metric, type Series } from '@yingji/contracts/monitoring.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { readingsRepo } from './readings.repo.ts';
import { stationsRepo } from './stations.repo.ts';

/** Time series for the station panel's charts: the last 24 h raw, the last 7 days hourly (min/avg/max, sum). */
export class SeriesService {
  constructor(private readonly deps: MonitoringDeps) {}

  async series(actor: Actor, stationId: string, metric: Metric, range: '24h' | '7d'): Promise<Series> {
    assertCan(actor, 'monitoring:read');
    const db = this.deps.db.kysely;
    const station = await stationsRepo.byId(db, actor.areaCode, stationId);
    if (!station) fail('STATION_NOT_FOUND', { id: stationId });
    const now = this.deps.clock.now().getTime();
    const to = new Date(now + 3_600_000).toISOString();
    const unit = METRIC_INFO[metric].unit;
    if (range === '24h') {
      const rows = await readingsRepo.raw(db, stationId, metric, new Date(now - 86_400_000).toISOString(), to);
      return { stationId, metric, unit, resolution: 'raw', points: rows.map((r) => ({ at: r.at, value: r.value })) };
    }
    const from = new Date(now - 7 * 86_400_000);
    from.setUTCMinutes(0, 0, 0);
    const rows = await readingsRepo.aggregates(db, 'monitoring_hourly', stationId, metric, from.toISOString(), to);
    return {
      stationId,
      metric,
      unit,
      resolution: 'hour',
      points: rows.map((r) => {
        const count = Number(r.count);
        return { at: r.bucket, value: r.sum / count, min: r.min, max: r.max, sum: r.sum };
      }),
    };
  }
}
