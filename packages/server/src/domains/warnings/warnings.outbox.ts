import type { RecipientGroup } from '@yingji/contracts/warnings.ts';
import { sql } from 'kysely';
import type { WarningDeliveriesTable } from './warnings.tables.ts';

/**
 * The outbox columns in the order the INSERT … SELECT statements write them (the 解除 copy and the contacts fast
 * path): the select lists put outboxConstants() first, then the columns that come from the source rows.
 */
export const OUTBOX_INSERT_COLUMNS = [
  'id',
  'warning_id',
  'kind',
  'channel',
  'grp',
  'state',
  'attempts',
  'next_at',
  'provider_id',
  'error',
  'created_at',
  'updated_at',
  'recipient_ref',
  'name',
  'address',
  'village_code',
] as const satisfies readonly (keyof WarningDeliveriesTable)[];

/**
 * The constant part of a new outbox row, written into the statement: PostgreSQL cannot type bare parameters in a
 * SELECT list. `channel`/`group` null keep the source row's own values (the 解除 copy).
 */
export function outboxConstants(fields: {
  warningId: string | null;
  kind?: 'alert' | 'cancel';
  channel: string | null;
  group: RecipientGroup | null;
  now: string;
}) {
  const constant = <T>(value: string | number) => sql<T>`${sql.lit(value)}`;
  return [
    (fields.warningId === null ? sql<string>`warning_id` : constant<string>(fields.warningId)).as('warning_id'),
    constant<'alert' | 'cancel'>(fields.kind ?? 'alert').as('kind'),
    (fields.channel === null ? sql<string>`channel` : constant<string>(fields.channel)).as('channel'),
    (fields.group === null ? sql<string | null>`grp` : constant<string>(fields.group)).as('grp'),
    constant<'queued'>('queued').as('state'),
    constant<number>(0).as('attempts'),
    constant<string>(fields.now).as('next_at'),
    sql<null>`null`.as('provider_id'),
    sql<null>`null`.as('error'),
    constant<string>(fields.now).as('created_at'),
    constant<string>(fields.now).as('updated_at'),
  ];
}

/** An alert message's outbox id (its 解除 notice appends ":cancel"): one per address, whichever register it came from. */
export function deliveryId(warningId: string, channel: string, address: string): string {
  return `${warningId}:${channel}:${address}`;
}
