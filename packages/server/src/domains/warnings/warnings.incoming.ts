import { randomBytes, randomUUID } from 'node:crypto';
import type { CapAlert } from '@yingji/contracts/cap.ts';
import { HAZARD_NAMES, HAZARDS, type Hazard, type Warning, type WarningTarget } from '@yingji/contracts/warnings.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { capPolygonsToGeoJson, capToCircle } from './cap/cap.geo.ts';
import { capDateTimeToInstant, parseCapReferences } from './cap/cap.identifier.ts';
import { CAP_SEVERITY_RULE, warningLevelForCap } from './cap/cap.severity.ts';
import { validateCapXml } from './cap/cap.validate.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import { warningsRepo, type WarningRow } from './warnings.repo.ts';
import { toWarning } from './warnings.service.ts';

/** An imported warning without `expires` is shown for a day (CAP leaves it optional; the public page needs an end). */
const DEFAULT_VALIDITY_MS = 24 * 3600_000;

/** The hazard named in the CAP event or headline (暴雨、山洪 …), else 'other'. */
function hazardOf(text: string): Hazard {
  return HAZARDS.find((h) => h !== 'other' && text.includes(HAZARD_NAMES[h])) ?? 'other';
}

function firstRing(shape: Polygon | MultiPolygon): [number, number][] {
  const ring = shape.type === 'Polygon' ? shape.coordinates[0]! : shape.coordinates[0]![0]!;
  return ring.map(([lon, lat]) => [lon!, lat!]);
}

/**
 * 外部预警接入: CAP 1.2 from other systems (the weather bureau's feed, a push to POST /api/warnings/cap). Documents are
 * validated (XSD and CAP rules) and shown as incoming warnings — never re-sent by this platform. An Update or Cancel
 * ends the incoming warning it references; the same identifier twice is taken once.
 */
export class IncomingWarnings {
  constructor(private readonly deps: WarningsDeps) {}

  /** From an officer or system account: validation errors come back as CAP_INVALID with the list. */
  async importXml(actor: Actor, xml: string, source: string): Promise<Warning> {
    assertCan(actor, 'warnings:import');
    const validation = await validateCapXml(xml);
    if (!validation.ok)
      fail(
        'CAP_INVALID',
        { errors: validation.errors },
        `CAP 文档有误：${validation.errors
          .map((e) => (e.line ? `第 ${e.line} 行：` : '') + e.message)
          .slice(0, 3)
          .join('；')}`,
      );
    return this.take(validation.alert, xml, source, actor.areaCode);
  }

  /** An already validated alert (the feed poller's sink). */
  async take(alert: CapAlert, xml: string, source: string, fallbackArea: string): Promise<Warning> {
    const db = this.deps.db.kysely;
    const existing = await db.selectFrom('warnings').selectAll().where('identifier', '=', alert.identifier).executeTakeFirst();
    if (existing) return toWarning(existing);
    const info = alert.info.find((i) => i.language.toLowerCase().startsWith('zh')) ?? alert.info[0];
    const now = this.deps.clock.now().toISOString();
    const sent = capDateTimeToInstant(alert.sent);
    const areaCodes = info?.area.flatMap((a) => a.geocode.map((g) => g.value)) ?? [];
    const known = await db
      .selectFrom('areas')
      .select('code')
      .where('code', 'in', areaCodes.length > 0 ? areaCodes : [''])
      .execute();
    const polygons = info?.area.flatMap((a) => a.polygon) ?? [];
    const shape = capPolygonsToGeoJson(polygons);
    const circleText = info?.area.flatMap((a) => a.circle)[0];
    const target: WarningTarget = {
      areaCodes: known.map((k) => k.code),
      // The first CAP polygon is kept as the drawn shape (the map shows it); the geocodes name the areas.
      polygon: shape ? { type: 'Polygon', coordinates: [firstRing(shape)] } : null,
      circle: circleText ? capToCircle(circleText) : null,
    };
    const severity = await this.deps.rules.get(CAP_SEVERITY_RULE);
    const level = (info && warningLevelForCap(info.severity, severity)) ?? 'blue';
    const row: WarningRow = {
      id: randomUUID(),
      identifier: alert.identifier,
      msg_type: alert.msgType === 'Update' || alert.msgType === 'Cancel' ? alert.msgType : 'Alert',
      replaces_id: null,
      hazard: hazardOf(`${info?.event ?? ''}${info?.headline ?? ''}`),
      level,
      headline: info?.headline ?? info?.event ?? alert.identifier,
      description: info?.description ?? '',
      instruction: info?.instruction ?? '',
      effective: info?.effective ? capDateTimeToInstant(info.effective) : null,
      expires: info?.expires
        ? capDateTimeToInstant(info.expires)
        : new Date(Date.parse(sent) + DEFAULT_VALIDITY_MS).toISOString(),
      target: JSON.stringify(target),
      groups: '[]',
      channels: '[]',
      state: alert.msgType === 'Cancel' ? 'cancelled' : 'published',
      area_code: known[0]?.code.slice(0, 6) ?? fallbackArea,
      alarm_id: null,
      source: 'cap_import',
      sender: info?.senderName ? `${info.senderName}（${alert.sender}）` : alert.sender,
      drafted_by: 'cap-import',
      reviewed_by: null,
      signed_by: null,
      published_at: sent,
      ended_at: alert.msgType === 'Cancel' ? sent : null,
      history: JSON.stringify([{ at: now, actor: 'cap-import', action: `接收 CAP（${alert.msgType}）`, opinion: source }]),
      cap_xml: xml,
      cancel_identifier: null,
      cancel_xml: null,
      receipt_key: randomBytes(16).toString('hex'),
      fanned_out: 1,
      created_at: now,
      updated_at: now,
    };
    const referenced = alert.references ? parseCapReferences(alert.references).map((r) => r.identifier) : [];
    await db.transaction().execute(async (trx) => {
      for (const identifier of referenced) {
        const earlier = await trx
          .selectFrom('warnings')
          .select(['id', 'state'])
          .where('identifier', '=', identifier)
          .where('source', '=', 'cap_import')
          .executeTakeFirst();
        if (!earlier || earlier.state !== 'published') continue;
        if (!row.replaces_id) row.replaces_id = earlier.id;
        await warningsRepo.update(trx, earlier.id, {
          state: alert.msgType === 'Cancel' ? 'cancelled' : 'superseded',
          ended_at: sent,
          updated_at: now,
        });
      }
      await warningsRepo.insert(trx, row);
      await this.deps.audit.record(trx, null, {
        action: 'warning.cap_import',
        entity: 'warning',
        entityId: row.id,
        areaCode: row.area_code,
        after: { identifier: row.identifier, msgType: alert.msgType, source },
      });
    });
    await this.deps.events.publish('warning.changed', row.area_code, { id: row.id, state: row.state, action: 'cap_import' });
    return toWarning(row);
  }
}
