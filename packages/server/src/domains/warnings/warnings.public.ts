import { zPublicWarning, type PublicWarning, type WarningTarget } from '@yingji/contracts/warnings.ts';
import type { Geometry } from 'geojson';
import { toAtomFeed } from './cap/cap.atom.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import type { WarningPublisher } from './warnings.publish.ts';
import { warningsRepo, type WarningRow } from './warnings.repo.ts';
import { targetShape } from './warnings.targeting.ts';
import { toWarning } from './warnings.service.ts';
import { warningTitle } from './warnings.rules.ts';

/** How many warnings the Atom feed lists (newest first). */
const FEED_LENGTH = 50;

/**
 * What anyone may see without logging in: the current warnings (public page, 一张图 layer), their CAP documents and
 * the Atom feed other systems poll. No personal data: no recipients, no officers' names.
 */
export class PublicWarnings {
  private readonly geometries = new Map<string, Promise<Geometry | null>>();

  constructor(
    private readonly deps: WarningsDeps,
    private readonly publisher: WarningPublisher,
  ) {}

  async current(areaPrefix: string): Promise<PublicWarning[]> {
    const rows = await warningsRepo.current(this.deps.db.kysely, areaPrefix);
    return Promise.all(rows.map((row) => this.toPublic(row)));
  }

  async capOf(id: string, kind: 'alert' | 'cancel'): Promise<string | null> {
    const row = await warningsRepo.byId(this.deps.db.kysely, '', id);
    if (!row || !row.published_at) return null;
    return kind === 'cancel' ? row.cancel_xml : row.cap_xml;
  }

  async feed(baseUrl: string): Promise<string> {
    const rows = await warningsRepo.recentPublic(this.deps.db.kysely, FEED_LENGTH);
    const county = rows[0]?.area_code.slice(0, 6);
    const { senderName } = county ? await this.publisher.sender(county) : { senderName: '应急管理局' };
    const entries = rows.flatMap((row) => {
      const entry = {
        id: `urn:yingji:warning:${row.identifier}`,
        title: `${warningTitle(row.hazard, row.level)}：${row.headline}`,
        updated: row.published_at!,
        summary: row.description,
        capUrl: `${baseUrl}/api/public/warnings/${row.id}/cap`,
      };
      if (!row.cancel_identifier || !row.ended_at) return [entry];
      const cancel = {
        ...entry,
        id: `urn:yingji:warning:${row.cancel_identifier}`,
        title: `解除${entry.title}`,
        updated: row.ended_at,
        capUrl: `${entry.capUrl}?kind=cancel`,
      };
      return [cancel, entry];
    });
    return toAtomFeed({
      title: `${senderName}预警信息`,
      selfUrl: `${baseUrl}/api/public/warnings/feed.atom`,
      updated: entries[0]?.updated ?? this.deps.clock.now().toISOString(),
      entries,
    });
  }

  private async toPublic(row: WarningRow): Promise<PublicWarning> {
    const villages = await warningsRepo.villages(this.deps.db.kysely, row.id);
    // Parsing keeps only the public fields: no drafter, signer or recipients leave through this page.
    return zPublicWarning.parse({
      ...toWarning(row),
      areaNames: villages.map((v) => v.village_name),
      geometry: await this.geometryOf(row),
    });
  }

  /** The drawn shape, else the picked areas' outlines; kept per warning (a published target never changes). */
  private geometryOf(row: WarningRow): Promise<Geometry | null> {
    let made = this.geometries.get(row.id);
    if (!made) {
      const target = JSON.parse(row.target) as WarningTarget;
      made = (async (): Promise<Geometry | null> => {
        const shape = targetShape(target);
        if (shape) return shape.geometry;
        const outlines = await this.publisher.outlines(target.areaCodes);
        if (outlines.length === 0) return null;
        const polygons = outlines.flatMap((o) => (o.type === 'Polygon' ? [o.coordinates] : o.coordinates));
        return { type: 'MultiPolygon', coordinates: polygons };
      })();
      this.geometries.set(row.id, made);
    }
    return made;
  }
}
