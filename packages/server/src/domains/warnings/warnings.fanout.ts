import type { Channel, RecipientGroup } from '@yingji/contracts/warnings.ts';
import { sql, type Insertable } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Recipient, RecipientSource } from './warnings.recipients.ts';
import { deliveryId, OUTBOX_INSERT_COLUMNS, outboxConstants } from './warnings.outbox.ts';
import type { TargetVillage } from './warnings.targeting.ts';
import type { WarningDeliveriesTable } from './warnings.tables.ts';

export type OutboxChannel = WarningDeliveriesTable['channel'];

/** Rows per INSERT (15 columns: well under SQLite's 32,766 parameters) and per transaction. */
const ROWS_PER_STATEMENT = 1_000;
const ROWS_PER_TRANSACTION = 20_000;
/**
 * The fast path commits its first rows at once (the first SMS leaves while the rest are written), then in large
 * transactions: each commit of a WAL database costs an fsync and, past the auto-checkpoint size, a checkpoint.
 */
const FIRST_COMMIT_ROWS = 20_000;
const LATER_COMMIT_ROWS = 500_000;
const PAGE = 5_000;

export interface FanOutPlan {
  warningId: string;
  villages: TargetVillage[];
  groups: RecipientGroup[];
  channels: Channel[];
  /** Sources per group (a group may have none yet: its register is another issue's). */
  sources: (group: RecipientGroup) => RecipientSource[];
  /** Machine endpoints of the broadcast and webhook channels (one message per endpoint, not per person). */
  endpoints: (channel: 'broadcast' | 'webhook') => string[];
}

/**
 * Writes one outbox row per recipient and channel for a signed warning, in large batches, each batch committed on its
 * own (a crash mid-way resumes from the start: the row id (warning, channel, address) makes rows already written
 * no-ops). `onBatch` runs after each commit so the dispatcher can start sending before the fan-out ends.
 */
export async function fanOut(
  deps: { db: Db; clock: Clock },
  plan: FanOutPlan,
  onBatch: (written: number) => void,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const personal = plan.channels.filter((c): c is 'sms' | 'email' => c === 'sms' || c === 'email');
  let pending: Insertable<WarningDeliveriesTable>[] = [];
  let total = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await deps.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        await trx
          .insertInto('warning_deliveries')
          .values(rows.slice(i, i + ROWS_PER_STATEMENT))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
    total += rows.length;
    onBatch(total);
  };

  const row = (
    channel: OutboxChannel,
    address: string,
    r: Pick<Recipient, 'ref' | 'name'> & { group: RecipientGroup | null; villageCode: string | null },
  ) =>
    ({
      id: deliveryId(plan.warningId, channel, address),
      warning_id: plan.warningId,
      kind: 'alert',
      channel,
      grp: r.group,
      recipient_ref: r.ref,
      name: r.name,
      address,
      village_code: r.villageCode,
      state: 'queued',
      attempts: 0,
      next_at: now,
      provider_id: null,
      error: null,
      created_at: now,
      updated_at: now,
    }) satisfies Insertable<WarningDeliveriesTable>;

  // Machine channels first: the 大喇叭 and the work groups are the fastest way to reach a whole village.
  for (const channel of ['broadcast', 'webhook'] as const) {
    if (!plan.channels.includes(channel)) continue;
    for (const url of plan.endpoints(channel)) {
      pending.push(row(channel, url, { ref: `${channel}:${url}`, name: url, group: null, villageCode: null }));
    }
  }
  if (personal.length > 0) {
    for (const group of plan.groups) {
      for (const source of plan.sources(group)) {
        if (source.writeDeliveries) {
          await flush();
          total += await writeByVillage(deps, plan, source, personal, now, (written) => onBatch(total + written));
          continue;
        }
        let after: string | null = null;
        do {
          const page = await source.page(plan.villages, after, PAGE);
          for (const r of page.recipients) {
            if (personal.includes('sms') && r.phone) pending.push(row('sms', r.phone, r));
            if (personal.includes('email') && r.email) pending.push(row('email', r.email, r));
          }
          if (pending.length >= ROWS_PER_TRANSACTION) await flush();
          after = page.next;
        } while (after);
      }
    }
  }
  await flush();
  return total;
}

/**
 * The fast path: villages written one statement each, committed together once a transaction holds enough rows
 * (FIRST_COMMIT_ROWS, then LATER_COMMIT_ROWS), so the dispatcher starts on the first villages while the rest are written.
 */
async function writeByVillage(
  deps: { db: Db },
  plan: FanOutPlan,
  source: RecipientSource,
  channels: ('sms' | 'email')[],
  now: string,
  onCommit: (writtenSoFar: number) => void,
): Promise<number> {
  let written = 0;
  let next = 0;
  while (next < plan.villages.length) {
    written += await deps.db.kysely.transaction().execute(async (trx) => {
      let inTransaction = 0;
      const limit = written === 0 ? FIRST_COMMIT_ROWS : LATER_COMMIT_ROWS;
      while (next < plan.villages.length && inTransaction < limit) {
        const villageCode = plan.villages[next]!.code;
        next += 1;
        inTransaction += await source.writeDeliveries!(trx, { warningId: plan.warningId, villageCode, channels, now });
      }
      return inTransaction;
    });
    onCommit(written);
  }
  return written;
}

/**
 * The 解除 notice goes to everyone the warning reached, on the same channels: copied row by row in one statement, the
 * new id derived from the old so a repeat is a no-op.
 */
export async function fanOutCancel(deps: { db: Db; clock: Clock }, warningId: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.kysely
    .insertInto('warning_deliveries')
    .columns(OUTBOX_INSERT_COLUMNS)
    .expression((eb) =>
      eb
        .selectFrom('warning_deliveries')
        .select([
          sql<string>`id || ${sql.lit(':cancel')}`.as('id'),
          ...outboxConstants({ warningId: null, kind: 'cancel', channel: null, group: null, now }),
          'recipient_ref',
          'name',
          'address',
          'village_code',
        ])
        .where('warning_id', '=', warningId)
        .where('kind', '=', 'alert')
        .where('state', 'in', ['sent', 'delivered', 'read']),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
