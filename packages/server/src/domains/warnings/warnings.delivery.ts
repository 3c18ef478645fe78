import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Confirmation, Coverage, Delivery, DeliveryState, VillageCoverage } from '@yingji/contracts/warnings.ts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { zDeliveryListQuery } from '@yingji/contracts/warnings.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope, inScope, isWithin } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import { CONFIRM_DEADLINE_RULE } from './warnings.rules-config.ts';
import { assertStep, coverageRatio, maskAddress, receiptTokenValid } from './warnings.rules.ts';
import type { WarningsService } from './warnings.service.ts';

/** Reached = the far end took it (sent), the handset has it (delivered), or the person signed for it (read). */
const REACHED: DeliveryState[] = ['sent', 'delivered', 'read'];
/** People are counted on the personal channels; 大喇叭 and work groups reach whole villages, not one person. */
const PERSONAL = ['sms', 'email'] as const;

/**
 * Receipts and coverage: each recipient's state, coverage per village (people reached ÷ people targeted, one person
 * once however many channels), 落实 confirmations from the villages, and the overdue ones.
 */
export class WarningDeliveryService {
  constructor(
    private readonly deps: WarningsDeps,
    private readonly warnings: WarningsService,
  ) {}

  async deliveries(actor: Actor, warningId: string, query: z.infer<typeof zDeliveryListQuery>): Promise<CappedPage<Delivery>> {
    await this.warnings.row(actor, warningId);
    let q = this.deps.db.kysely.selectFrom('warning_deliveries').selectAll().where('warning_id', '=', warningId);
    // A village officer sees the recipients of their own village; county and township officers those of their area.
    if (actor.areaCode.length >= 12 || query.villageCode) {
      const village = query.villageCode ?? actor.areaCode;
      if (query.villageCode) assertWithinScope(actor, query.villageCode);
      q = q.where((eb) => inScope(eb, 'village_code', village));
    }
    if (query.state) q = q.where('state', '=', query.state);
    if (query.channel && query.channel !== 'app') q = q.where('channel', '=', query.channel);
    const rows = await q
      .orderBy('village_code')
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit + 1)
      .offset(query.offset)
      .execute();
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map((r): Delivery => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      group: r.grp,
      name: r.name,
      address: maskAddress(r.address),
      villageCode: r.village_code,
      state: r.state,
      attempts: r.attempts,
      error: r.error,
      updatedAt: r.updated_at,
    }));
    return { items, total: query.offset + items.length + (hasMore ? 1 : 0), totalCapped: hasMore, hasMore };
  }

  async coverage(actor: Actor, warningId: string): Promise<Coverage> {
    const warning = await this.warnings.row(actor, warningId);
    const db = this.deps.db.kysely;
    const perVillage = await db
      .selectFrom('warning_deliveries')
      .select([
        'village_code',
        sql<number>`count(distinct recipient_ref)`.as('targeted'),
        sql<number>`count(distinct case when state in (${sql.join(REACHED.map((state) => sql.lit(state)))}) then recipient_ref end)`.as(
          'reached',
        ),
        sql<number>`count(distinct case when state = 'failed' then recipient_ref end)`.as('failed'),
      ])
      .where('warning_id', '=', warningId)
      .where('kind', '=', 'alert')
      .where('channel', 'in', PERSONAL)
      .groupBy('village_code')
      .execute();
    const byChannelRows = await db
      .selectFrom('warning_deliveries')
      .select(['channel', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('warning_id', '=', warningId)
      .where('kind', '=', 'alert')
      .groupBy(['channel', 'state'])
      .execute();
    const villages = await db
      .selectFrom('warning_villages')
      .selectAll()
      .where('warning_id', '=', warningId)
      .orderBy('village_code')
      .execute();
    const minutes = await this.deps.rules.get(CONFIRM_DEADLINE_RULE);
    const deadline = warning.published_at ? new Date(Date.parse(warning.published_at) + minutes * 60_000) : null;
    const now = this.deps.clock.now();
    const counts = new Map(perVillage.map((r) => [r.village_code, r]));
    const visible = villages.filter(
      (v) => isWithin(v.village_code, actor.areaCode) || isWithin(warning.area_code, actor.areaCode),
    );
    const villageRows = visible.map((v): VillageCoverage => {
      const c = counts.get(v.village_code);
      const targeted = Number(c?.targeted ?? 0);
      const reached = Number(c?.reached ?? 0);
      return {
        villageCode: v.village_code,
        villageName: v.village_name,
        townshipName: v.township_name,
        targeted,
        reached,
        failed: Number(c?.failed ?? 0),
        coverage: coverageRatio(reached, targeted),
        confirmedAt: v.confirmed_at,
        confirmedBy: v.confirmed_by,
        actions: JSON.parse(v.actions) as VillageCoverage['actions'],
        transferred: v.transferred,
        overdue: warning.state === 'published' && !v.confirmed_at && deadline !== null && now > deadline,
      };
    });
    // Totals over every recipient of the warning (a township's own 责任人 included), people counted once.
    const targeted = perVillage.reduce((n, r) => n + Number(r.targeted), 0);
    const reached = perVillage.reduce((n, r) => n + Number(r.reached), 0);
    const byState: Record<string, number> = {};
    const byChannel: Record<string, Record<string, number>> = {};
    for (const r of byChannelRows) {
      byState[r.state] = (byState[r.state] ?? 0) + Number(r.n);
      (byChannel[r.channel] ??= {})[r.state] = Number(r.n);
    }
    return {
      warningId,
      targeted,
      reached,
      coverage: coverageRatio(reached, targeted),
      byState,
      byChannel,
      villages: villageRows,
      confirmDeadline: deadline?.toISOString() ?? null,
    };
  }

  /** 已落实: a village (or its township, or the county) confirms what was done on the ground. */
  async confirm(actor: Actor, warningId: string, input: Confirmation): Promise<VillageCoverage> {
    assertCan(actor, 'warnings:confirm');
    assertWithinScope(actor, input.villageCode);
    const warning = await this.warnings.row(actor, warningId);
    assertStep(warning.state, 'confirm');
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const village = await trx
        .selectFrom('warning_villages')
        .selectAll()
        .where('warning_id', '=', warningId)
        .where('village_code', '=', input.villageCode)
        .executeTakeFirst();
      if (!village) fail('WARNING_VILLAGE_NOT_TARGETED', { villageCode: input.villageCode });
      const changes = {
        confirmed_at: now,
        confirmed_by: actor.username,
        actions: JSON.stringify(input.actions),
        transferred: input.transferred,
        note: input.note,
      };
      await trx
        .updateTable('warning_villages')
        .set(changes)
        .where('warning_id', '=', warningId)
        .where('village_code', '=', input.villageCode)
        .execute();
      await this.deps.audit.record(trx, actor, {
        action: 'warning.confirm',
        entity: 'warning',
        entityId: warningId,
        areaCode: input.villageCode,
        before: { confirmedAt: village.confirmed_at, actions: JSON.parse(village.actions) as unknown },
        after: { ...changes, actions: input.actions },
      });
    });
    await this.deps.events.publish('warning.progress', warning.area_code, { id: warningId });
    const coverage = await this.coverage(actor, warningId);
    return coverage.villages.find((v) => v.villageCode === input.villageCode)!;
  }

  /** 签收 from the link in a message (no login: the delivery id is the recipient's token). */
  async signFor(deliveryId: string, token: string): Promise<{ headline: string; warningId: string }> {
    const db = this.deps.db.kysely;
    const row = await db
      .selectFrom('warning_deliveries')
      .innerJoin('warnings', 'warnings.id', 'warning_deliveries.warning_id')
      .select([
        'warning_deliveries.warning_id',
        'warning_deliveries.state',
        'warnings.headline',
        'warnings.area_code',
        'warnings.receipt_key',
      ])
      .where('warning_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
    if (!row || !receiptTokenValid(row.receipt_key, deliveryId, token)) fail('DELIVERY_NOT_FOUND');
    if (row.state !== 'read') {
      await db
        .updateTable('warning_deliveries')
        .set({ state: 'read', updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', deliveryId)
        .execute();
      await this.deps.events.publish('warning.progress', row.area_code, { id: row.warning_id });
    }
    return { headline: row.headline, warningId: row.warning_id };
  }
}
