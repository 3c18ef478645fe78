import type { WarningTarget } from '@yingji/contracts/warnings.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/types.ts';
import { capIdentifier, CAP_IDENTIFIER_RULE, formatCapDateTime, type CapIdentifierCodes } from './cap/cap.identifier.ts';
import { CAP_SEVERITY_RULE } from './cap/cap.severity.ts';
import { toCapXml } from './cap/cap.xml.ts';
import { cancelAlert, warningAlert, type CapContext } from './warnings.cap.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import { warningsRepo, type WarningRow } from './warnings.repo.ts';
import { PUBLISHER_RULE } from './warnings.rules-config.ts';
import { resolveTarget, type TargetVillage } from './warnings.targeting.ts';

/** What 签发 needs that is read before its transaction: the villages, the signature and the CAP context. */
export interface PreparedPublication {
  villages: TargetVillage[];
  context: CapContext;
  codes: CapIdentifierCodes;
}

/** What 解除 needs, read before its transaction (on SQLite the transaction holds the one connection). */
export interface PreparedCancel {
  context: Omit<CapContext, 'replaces'>;
  codes: CapIdentifierCodes;
}

/**
 * The publishing half of the lifecycle: resolving targets to villages, the CAP identity and documents, the rows a
 * publication writes, and the announcement the app shows. The fan-out of messages is warnings.fanout.ts.
 */
export class WarningPublisher {
  constructor(private readonly deps: WarningsDeps) {}

  villagesOf(actor: Actor, target: WarningTarget): Promise<TargetVillage[]> {
    return resolveTarget(this.deps.areas, actor, target);
  }

  /** The issuing county's sender id and name, e.g. "yingji.441825" and "连山壮族瑶族自治县应急管理局". */
  async sender(areaCode: string): Promise<{ sender: string; senderName: string }> {
    const county = areaCode.slice(0, 6);
    const configured = (await this.deps.rules.get(PUBLISHER_RULE)).senderName;
    const countyName = (await this.deps.areas.nameOf(county)) ?? county;
    return { sender: `yingji.${county}`, senderName: configured ?? `${countyName}应急管理局` };
  }

  async prepare(actor: Actor, row: WarningRow): Promise<PreparedPublication> {
    const target = JSON.parse(row.target) as WarningTarget;
    const villages = await this.villagesOf(actor, target);
    const { sender, senderName } = await this.sender(row.area_code);
    const replaced = row.replaces_id ? await warningsRepo.byId(this.deps.db.kysely, '', row.replaces_id) : undefined;
    return {
      villages,
      codes: await this.deps.rules.get(CAP_IDENTIFIER_RULE),
      context: {
        sender,
        senderName,
        severity: await this.deps.rules.get(CAP_SEVERITY_RULE),
        villages: villages.map((v) => ({ code: v.code, name: v.name })),
        outlines: await this.outlines(target.areaCodes),
        replaces:
          replaced?.identifier && replaced.published_at
            ? { identifier: replaced.identifier, sent: formatCapDateTime(new Date(replaced.published_at)) }
            : null,
      },
    };
  }

  /** Inside 签发's transaction: the identifier, the CAP document, the villages, and the warning it replaces ends. */
  async publish(trx: Executor, actor: Actor, row: WarningRow, prepared: PreparedPublication): Promise<WarningRow> {
    const now = this.deps.clock.now();
    const identifier = await this.identifier(trx, row.area_code, now, prepared.codes);
    const published: WarningRow = {
      ...row,
      state: 'published',
      identifier,
      sender: prepared.context.sender,
      signed_by: actor.username,
      published_at: now.toISOString(),
    };
    published.cap_xml = toCapXml(warningAlert(published, now, prepared.context));
    await warningsRepo.insertVillages(
      trx,
      prepared.villages.map((v) => ({
        warning_id: row.id,
        village_code: v.code,
        village_name: v.name,
        township_name: v.townshipName,
        confirmed_at: null,
        confirmed_by: null,
        actions: '[]',
        transferred: 0,
        note: null,
      })),
    );
    if (row.replaces_id) {
      await warningsRepo.update(trx, row.replaces_id, {
        state: 'superseded',
        ended_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
    }
    return published;
  }

  async prepareCancel(row: WarningRow): Promise<PreparedCancel> {
    const villages = await warningsRepo.villages(this.deps.db.kysely, row.id);
    const { sender, senderName } = await this.sender(row.area_code);
    return {
      codes: await this.deps.rules.get(CAP_IDENTIFIER_RULE),
      context: {
        sender,
        senderName,
        severity: await this.deps.rules.get(CAP_SEVERITY_RULE),
        villages: villages.map((v) => ({ code: v.village_code, name: v.village_name })),
        outlines: await this.outlines((JSON.parse(row.target) as WarningTarget).areaCodes),
      },
    };
  }

  /** Inside 解除's transaction: the CAP Cancel document with its own identifier. */
  async cancel(trx: Executor, row: WarningRow, prepared: PreparedCancel): Promise<WarningRow> {
    const now = this.deps.clock.now();
    const identifier = await this.identifier(trx, row.area_code, now, prepared.codes);
    return {
      ...row,
      state: 'cancelled',
      ended_at: now.toISOString(),
      cancel_identifier: identifier,
      cancel_xml: toCapXml(cancelAlert(row, identifier, now, prepared.context)),
    };
  }

  /** The in-app live notice (the 'app' channel): every browser whose scope covers the issuing area shows it. */
  async announce(
    row: { id: string; areaCode: string; hazard: WarningRow['hazard']; level: WarningRow['level']; headline: string },
    villages: number,
  ): Promise<void> {
    await this.deps.events.publish('warning.published', row.areaCode, {
      id: row.id,
      hazard: row.hazard,
      level: row.level,
      headline: row.headline,
      villages,
    });
  }

  /** GB/T 35965.1-style identifier; the last digit counts the warnings of this county entered in the same second. */
  private async identifier(trx: Executor, areaCode: string, at: Date, codes: CapIdentifierCodes): Promise<string> {
    const second = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
    const sequence = (await warningsRepo.signedSince(trx, second)) % 10;
    return capIdentifier({ areaCode: areaCode.slice(0, 6), at, sequence, ...codes });
  }

  /** Outlines of the picked townships and villages that have one (grids and shapeless areas add none). */
  async outlines(codes: string[]): Promise<(Polygon | MultiPolygon)[]> {
    const shapes: (Polygon | MultiPolygon)[] = [];
    for (const code of codes.filter((c) => c.length === 9 || c.length === 12)) {
      const level = code.length === 9 ? 'township' : 'village';
      const collection = await this.deps.areas.geojson(SYSTEM_ACTOR, code, [level]);
      const feature = collection.features.find((f) => (f.properties as { code?: string }).code === code);
      if (feature) shapes.push(feature.geometry as unknown as Polygon | MultiPolygon);
    }
    return shapes;
  }
}
