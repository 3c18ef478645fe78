import type {
  Channel,
  ContactGroup,
  DeliveryState,
  Hazard,
  MsgType,
  RecipientGroup,
  WarningLevel,
  WarningState,
} from '@yingji/contracts/warnings.ts';

/** 预警: one row per warning (an update is a new row that replaces an earlier one). */
export interface WarningsTable {
  id: string;
  /** CAP identifier, fixed at 签发 (null while a draft). */
  identifier: string | null;
  msg_type: MsgType;
  replaces_id: string | null;
  hazard: Hazard;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  effective: string | null;
  expires: string;
  /** JSON WarningTarget. */
  target: string;
  /** JSON arrays of RecipientGroup / Channel. */
  groups: string;
  channels: string;
  state: WarningState;
  /** The drafter's area: who may see and act on the warning (scope). */
  area_code: string;
  alarm_id: string | null;
  source: 'local' | 'cap_import';
  /** CAP sender (this county's sender id, or the other system's). */
  sender: string | null;
  drafted_by: string;
  reviewed_by: string | null;
  signed_by: string | null;
  published_at: string | null;
  ended_at: string | null;
  /** JSON array of {at, actor, action, opinion}: the lifecycle as the officers see it (the audit log holds it too). */
  history: string;
  /** The CAP document as sent or received. */
  cap_xml: string | null;
  /** The CAP Cancel message's own identifier and document, once the warning is lifted (解除). */
  cancel_identifier: string | null;
  cancel_xml: string | null;
  /** Signs the 签收 links of this warning's messages (a link cannot be made for someone else's message). */
  receipt_key: string;
  /** 1 once every recipient row is written (fan-out finished). */
  fanned_out: number;
  created_at: string;
  updated_at: string;
}

/** The villages a warning reaches (resolved from its target at 签发), for coverage and 落实 confirmations. */
export interface WarningVillagesTable {
  warning_id: string;
  village_code: string;
  village_name: string;
  township_name: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  /** JSON array of confirm actions. */
  actions: string;
  transferred: number;
  note: string | null;
}

/**
 * The durable outbox: one row per address, channel and message kind (the warning, or its 解除 notice). The row id,
 * <warning>:<channel>:<address>[:cancel], is the idempotency key every channel passes on, and makes a repeated
 * fan-out write nothing twice (ADR 0009).
 */
export interface WarningDeliveriesTable {
  id: string;
  warning_id: string;
  kind: 'alert' | 'cancel';
  channel: Exclude<Channel, 'app'>;
  grp: RecipientGroup | null;
  /** The register entry it came from (e.g. contact:<id>, duty:<id>), for counting people once across channels. */
  recipient_ref: string;
  name: string;
  address: string;
  village_code: string | null;
  state: DeliveryState;
  attempts: number;
  /** When a queued row may be tried (back-off), or until when a sending row is leased to a dispatcher. */
  next_at: string;
  provider_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** 预警接收人: residents' phone groups and village cadres, importable from Excel, with consent. */
export interface WarningContactsTable {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  grp: ContactGroup;
  /** Village or group/grid code; village_code is its 12-digit village (fan-out and coverage key). */
  area_code: string;
  village_code: string;
  consent: number;
  special_need: string | null;
  helper_name: string | null;
  helper_phone: string | null;
  route: string | null;
  shelter_name: string | null;
  note: string | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

/** CAP feed entries already taken in, so a poller never imports one twice. */
export interface CapFeedSeenTable {
  entry_id: string;
  source: string;
  seen_at: string;
}

export interface WarningsTables {
  warnings: WarningsTable;
  warning_villages: WarningVillagesTable;
  warning_deliveries: WarningDeliveriesTable;
  warning_contacts: WarningContactsTable;
  cap_feed_seen: CapFeedSeenTable;
}
