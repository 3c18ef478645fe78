import type { ContactGroup, RecipientGroup } from '@yingji/contracts/warnings.ts';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/types.ts';
import { deliveryId, OUTBOX_INSERT_COLUMNS, outboxConstants } from './warnings.outbox.ts';
import type { TargetVillage } from './warnings.targeting.ts';

/** A person to warn, from whichever register keeps them. */
export interface Recipient {
  /** register:id — one person counts once across channels in coverage. */
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** The village they are warned for (a township's duty-holder carries the township code). */
  villageCode: string;
  group: RecipientGroup;
}

/**
 * A register that knows people in villages. The fan-out walks each source page by page (keyset on `after`), so a
 * county-wide warning to a million residents never holds them all in memory. Other domains add their registers
 * (企业安全员 from hazards, 灾害信息员 from disasters) with WarningsDomain.registerRecipients.
 */
export interface RecipientSource {
  group: RecipientGroup;
  page(villages: TargetVillage[], after: string | null, limit: number): Promise<RecipientPage>;
  /**
   * Optional fast path for a register of a million residents: writes one village's outbox rows itself in one
   * INSERT … SELECT (no row passes through JavaScript) and returns how many it wrote. Used instead of page().
   */
  writeDeliveries?(trx: Executor, fan: VillageFanOut): Promise<number>;
}

/** One village's share of a fan-out, for sources that write their outbox rows themselves. */
export interface VillageFanOut {
  warningId: string;
  villageCode: string;
  channels: ('sms' | 'email')[];
  now: string;
}

/** One page of a source, with the cursor of the next page (null at the end). */
export interface RecipientPage {
  recipients: Recipient[];
  next: string | null;
}

/** 预警接收人 kept in this domain: residents (only those who agreed), village cadres, and others registered here. */
export function contactsSource(db: Executor, group: ContactGroup): RecipientSource {
  return {
    group,
    async writeDeliveries(trx, fan) {
      let written = 0;
      for (const channel of fan.channels) {
        const address = channel === 'sms' ? 'phone' : 'email';
        let q = trx
          .selectFrom('warning_contacts')
          .select([
            // deliveryId(): <warning>:<channel>:<address> — a repeat, or the same phone in two registers, is a no-op.
            sql<string>`${sql.lit(deliveryId(fan.warningId, channel, ''))} || ${sql.ref(address)}`.as('id'),
            ...outboxConstants({ warningId: fan.warningId, channel, group, now: fan.now }),
            sql<string>`${sql.lit('contact:')} || id`.as('recipient_ref'),
            'name',
            sql<string>`${sql.ref(address)}`.as('address'),
            'village_code',
          ])
          .where('village_code', '=', fan.villageCode)
          .where('grp', '=', group)
          .where(address, 'is not', null);
        if (group === 'residents') q = q.where('consent', '=', 1);
        // In warning_contacts_fanout's own order (village, group and consent are fixed): read from the index alone.
        const result = await trx
          .insertInto('warning_deliveries')
          .columns(OUTBOX_INSERT_COLUMNS)
          .expression(q.orderBy('village_code').orderBy('grp').orderBy('consent').orderBy(address))
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        written += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return written;
    },
    async page(villages, after, limit) {
      // Keyset over (village_code, id), answered by the index warning_contacts_village_grp.
      const codes = villages.map((v) => v.code);
      if (codes.length === 0) return { recipients: [], next: null };
      let q = db
        .selectFrom('warning_contacts')
        .select(['id', 'name', 'phone', 'email', 'village_code'])
        .where('village_code', 'in', codes)
        .where('grp', '=', group);
      if (group === 'residents') q = q.where('consent', '=', 1);
      if (after) {
        const [village, id] = after.split('|') as [string, string];
        q = q.where((eb) =>
          eb.or([eb('village_code', '>', village), eb.and([eb('village_code', '=', village), eb('id', '>', id)])]),
        );
      }
      const rows = await q.orderBy('village_code').orderBy('id').limit(limit).execute();
      const last = rows[rows.length - 1];
      return {
        recipients: rows.map((r) => ({
          ref: `contact:${r.id}`,
          name: r.name,
          phone: r.phone,
          email: r.email,
          villageCode: r.village_code,
          group,
        })),
        next: rows.length === limit && last ? `${last.village_code}|${last.id}` : null,
      };
    },
  };
}

/** 网格员: kept on the grid areas under each targeted village (resolved with the target). */
export const gridOfficersSource: RecipientSource = {
  group: 'grid_officers',
  async page(villages, after, limit) {
    const all = villages.flatMap((v) =>
      v.gridOfficers.map((g) => ({
        ref: `grid:${g.gridCode}`,
        name: g.name,
        phone: g.phone,
        email: null,
        villageCode: v.code,
        group: 'grid_officers' as const,
      })),
    );
    // A county has a few hundred grids, resolved with the target: the cursor is an offset into them.
    const start = after ? Number(after) : 0;
    const end = start + limit;
    return { recipients: all.slice(start, end), next: end < all.length ? String(end) : null };
  },
};
