import { z } from 'zod';
import { zAreaCode, zCappedPage, zInstant, zMobile, zPage } from './common.ts';
import { ALARM_LEVELS, zAlarmLevel, type AlarmLevel } from './monitoring.ts';

/**
 * 预警信息发布 (issue E4): warnings drafted, reviewed, signed and published to the people of the targeted villages
 * through SMS, e-mail, 大喇叭 audio, webhooks and the app, with per-recipient receipts and per-village coverage.
 */

// ——— Hazards and levels ———

/** The hazards a county warns about, each with a composer template (warnings.templates.ts on the server). */
export const HAZARDS = [
  'rainstorm',
  'flash_flood',
  'flood',
  'geological',
  'forest_fire',
  'typhoon',
  'gale',
  'heat',
  'cold_wave',
  'hail',
  'thunder',
  'fog',
  'other',
] as const;
export const zHazard = z.enum(HAZARDS);
export type Hazard = z.infer<typeof zHazard>;
export const HAZARD_NAMES: Record<Hazard, string> = {
  rainstorm: '暴雨',
  flash_flood: '山洪',
  flood: '洪水',
  geological: '地质灾害',
  forest_fire: '森林火险',
  typhoon: '台风',
  gale: '大风',
  heat: '高温',
  cold_wave: '寒潮',
  hail: '冰雹',
  thunder: '雷电',
  fog: '大雾',
  other: '其他',
};

/** Warning levels use the alarm colours: 一级 (红色) is the highest, 四级 (蓝色) the lowest (突发事件应对法). */
export const WARNING_LEVELS = ALARM_LEVELS;
export const zWarningLevel = zAlarmLevel;
export type WarningLevel = AlarmLevel;
export const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = {
  red: '一级（红色）',
  orange: '二级（橙色）',
  yellow: '三级（黄色）',
  blue: '四级（蓝色）',
};

// ——— Lifecycle ———

/**
 * 拟稿 (draft) → 审核 (reviewing) → 已审核 (approved) → 签发即发布 (published) → 解除 (cancelled) or 过期 (expired);
 * an update (更新) is a new warning that references the one it replaces, which becomes superseded when it publishes.
 * A reviewer who sends a draft back (退回) returns it to draft with the opinion.
 */
export const WARNING_STATES = ['draft', 'reviewing', 'approved', 'published', 'superseded', 'cancelled', 'expired'] as const;
export const zWarningState = z.enum(WARNING_STATES);
export type WarningState = z.infer<typeof zWarningState>;
export const WARNING_STATE_NAMES: Record<WarningState, string> = {
  draft: '拟稿',
  reviewing: '待审核',
  approved: '待签发',
  published: '已发布',
  superseded: '已更新',
  cancelled: '已解除',
  expired: '已过期',
};

export const zMsgType = z.enum(['Alert', 'Update', 'Cancel']);
export type MsgType = z.infer<typeof zMsgType>;

// ——— Targeting and recipients ———

/** Who is warned in each targeted village: people from the registers, and the resident phone groups. */
export const RECIPIENT_GROUPS = [
  'duty_holders',
  'village_heads',
  'info_officers',
  'grid_officers',
  'enterprise_officers',
  'residents',
] as const;
export const zRecipientGroup = z.enum(RECIPIENT_GROUPS);
export type RecipientGroup = z.infer<typeof zRecipientGroup>;
export const RECIPIENT_GROUP_NAMES: Record<RecipientGroup, string> = {
  duty_holders: '三防/包保责任人',
  village_heads: '村（社区）干部',
  info_officers: '灾害信息员',
  grid_officers: '网格员',
  enterprise_officers: '企业安全员',
  residents: '居民',
};

export const CHANNELS = ['sms', 'email', 'broadcast', 'webhook', 'app'] as const;
export const zChannel = z.enum(CHANNELS);
export type Channel = z.infer<typeof zChannel>;
export const CHANNEL_NAMES: Record<Channel, string> = {
  sms: '短信',
  email: '电子邮件',
  broadcast: '大喇叭',
  webhook: '工作群/系统推送',
  app: '平台通知',
};

const zLon = z.number('经度应为数字').min(-180, '经度超出范围').max(180, '经度超出范围');
const zLat = z.number('纬度应为数字').min(-90, '纬度超出范围').max(90, '纬度超出范围');
/** Range-checked by the server, which can tell swapped coordinates from wrong ones and say so. */
const zPosition = z.tuple([z.number('坐标应为数字'), z.number('坐标应为数字')]);

/** A drawn polygon in GeoJSON order ([lon, lat]); the ring must be closed (first point = last point). */
export const zTargetPolygon = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(zPosition).min(4, '多边形至少 4 个点（首尾相同）')).min(1) })
  .strict();
export type TargetPolygon = z.infer<typeof zTargetPolygon>;

export const zTargetCircle = z
  .object({ lon: zLon, lat: zLat, radiusKm: z.number().positive('半径应大于 0').max(200, '半径不超过 200 公里') })
  .strict();
export type TargetCircle = z.infer<typeof zTargetCircle>;

/** Where a warning goes: areas picked from the tree (乡镇/村/网格), and/or a shape drawn on the map. */
export const zWarningTarget = z
  .object({
    areaCodes: z.array(zAreaCode).max(2000).default([]),
    polygon: zTargetPolygon.nullable().default(null),
    circle: zTargetCircle.nullable().default(null),
  })
  .strict()
  .refine((t) => t.areaCodes.length > 0 || t.polygon !== null || t.circle !== null, {
    message: '请选择预警区域（乡镇、村或在地图上画出范围）',
  });
export type WarningTarget = z.infer<typeof zWarningTarget>;

// ——— Warnings ———

const zText = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 字`);

export const zWarningDraft = z
  .object({
    hazard: zHazard,
    level: zWarningLevel,
    headline: zText(80, '标题'),
    description: zText(2000, '预警内容'),
    instruction: zText(1000, '防御指引'),
    effective: zInstant.nullable().default(null),
    expires: zInstant,
    target: zWarningTarget,
    groups: z
      .array(zRecipientGroup)
      .min(1, '请至少选择一类接收人')
      .default([...RECIPIENT_GROUPS]),
    channels: z.array(zChannel).min(1, '请至少选择一个发布渠道').default(['sms', 'app']),
    /** 转预警草稿: the E3 alarm it was drafted from. */
    alarmId: z.uuid().nullable().default(null),
  })
  .strict();
export type WarningDraft = z.infer<typeof zWarningDraft>;

/** A change: only the fields sent change (the draft's defaults must not fill in the rest). */
export const zWarningEdit = zWarningDraft
  .extend({
    effective: zWarningDraft.shape.effective.removeDefault(),
    groups: zWarningDraft.shape.groups.removeDefault(),
    channels: zWarningDraft.shape.channels.removeDefault(),
    alarmId: zWarningDraft.shape.alarmId.removeDefault(),
  })
  .partial()
  .strict();
export type WarningEdit = z.infer<typeof zWarningEdit>;

export const zWarningStep = z
  .object({ opinion: z.string().trim().max(500, '意见最多 500 字').nullable().default(null) })
  .strict();
export type WarningStep = z.infer<typeof zWarningStep>;

export const zReviewDecision = z
  .object({
    approve: z.boolean(),
    opinion: z.string().trim().max(500, '意见最多 500 字').nullable().default(null),
  })
  .strict()
  .refine((d) => d.approve || (d.opinion ?? '').length > 0, { message: '退回时请填写意见', path: ['opinion'] });
export type ReviewDecision = z.infer<typeof zReviewDecision>;

export const zWarningHistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  opinion: z.string().nullable(),
});

export const zWarning = z.object({
  id: z.uuid(),
  /** CAP identifier (GB/T 35965.1 style), fixed at 签发. */
  identifier: z.string().nullable(),
  msgType: zMsgType,
  /** The warning this one updates (更新) — its id. */
  replacesId: z.uuid().nullable(),
  hazard: zHazard,
  level: zWarningLevel,
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  effective: z.string().nullable(),
  expires: z.string(),
  target: zWarningTarget,
  groups: z.array(zRecipientGroup),
  channels: z.array(zChannel),
  state: zWarningState,
  areaCode: zAreaCode,
  alarmId: z.string().nullable(),
  /** Where it came from when imported as CAP from another system (incoming warnings are never re-sent). */
  source: z.enum(['local', 'cap_import']),
  sender: z.string().nullable(),
  draftedBy: z.string(),
  reviewedBy: z.string().nullable(),
  signedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(zWarningHistoryEntry),
});
export type Warning = z.infer<typeof zWarning>;

export const zWarningListQuery = zPage
  .extend({
    state: zWarningState.optional(),
    source: z.enum(['local', 'cap_import']).optional(),
    /** The approval inbox: what waits for this user's step (审核 or 签发). */
    inbox: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export type WarningListQuery = z.infer<typeof zWarningListQuery>;
export const zWarningPage = zCappedPage(zWarning);

/** The county's current warnings for the public page and the 一张图 (no login; no personal data). */
export const zPublicWarning = zWarning
  .pick({
    id: true,
    identifier: true,
    msgType: true,
    hazard: true,
    level: true,
    headline: true,
    description: true,
    instruction: true,
    effective: true,
    expires: true,
    publishedAt: true,
    sender: true,
    source: true,
  })
  .extend({
    areaNames: z.array(z.string()),
    /** The targeted area as GeoJSON (drawn shape, or the targeted villages' outlines), for the map. */
    geometry: z.unknown().nullable(),
  });
export type PublicWarning = z.infer<typeof zPublicWarning>;

// ——— Deliveries, receipts, coverage ———

export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;
export const zDeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof zDeliveryState>;
export const DELIVERY_STATE_NAMES: Record<DeliveryState, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发送',
  delivered: '已送达',
  read: '已签收',
  failed: '失败',
};

export const zDelivery = z.object({
  id: z.string(),
  kind: z.enum(['alert', 'cancel']),
  channel: zChannel,
  group: zRecipientGroup.nullable(),
  name: z.string(),
  /** Masked for display (138****5678); the full address never leaves the server in lists. */
  address: z.string(),
  villageCode: z.string().nullable(),
  state: zDeliveryState,
  attempts: z.number().int(),
  error: z.string().nullable(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof zDelivery>;

export const zDeliveryListQuery = zPage
  .extend({ state: zDeliveryState.optional(), channel: zChannel.optional(), villageCode: zAreaCode.optional() })
  .strict();
export const zDeliveryPage = zCappedPage(zDelivery);

/** 落实 actions a village officer confirms on the phone: the warning was passed on, patrols went out, people moved. */
export const CONFIRM_ACTIONS = ['notified', 'patrol', 'transfer'] as const;
export const zConfirmAction = z.enum(CONFIRM_ACTIONS);
export const CONFIRM_ACTION_NAMES: Record<z.infer<typeof zConfirmAction>, string> = {
  notified: '已传达',
  patrol: '已巡查',
  transfer: '已转移',
};

export const zConfirmation = z
  .object({
    villageCode: zAreaCode,
    actions: z.array(zConfirmAction).min(1, '请选择已落实的措施'),
    transferred: z.number().int().min(0).max(1_000_000).default(0),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict();
export type Confirmation = z.infer<typeof zConfirmation>;

export const zVillageCoverage = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string().nullable(),
  targeted: z.number().int(),
  reached: z.number().int(),
  failed: z.number().int(),
  /** reached ÷ targeted (0–1); null when nobody is registered there. */
  coverage: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  actions: z.array(zConfirmAction),
  transferred: z.number().int(),
  /** No 落实 confirmation within the deadline after publication. */
  overdue: z.boolean(),
});
export type VillageCoverage = z.infer<typeof zVillageCoverage>;

export const zCoverage = z.object({
  warningId: z.string(),
  targeted: z.number().int(),
  reached: z.number().int(),
  coverage: z.number().nullable(),
  byState: z.record(z.string(), z.number().int()),
  byChannel: z.record(z.string(), z.record(z.string(), z.number().int())),
  villages: z.array(zVillageCoverage),
  confirmDeadline: z.string().nullable(),
});
export type Coverage = z.infer<typeof zCoverage>;

// ——— Resident contacts (预警接收人) ———

/** 特殊群体: people who need help to move when a disaster comes (临灾转移“四个一”: 一人一责任人、一条路线、一个安置点、一种信号). */
export const SPECIAL_NEEDS = ['elderly', 'disabled', 'bedridden', 'pregnant', 'child', 'other'] as const;
export const zSpecialNeed = z.enum(SPECIAL_NEEDS);
export const SPECIAL_NEED_NAMES: Record<z.infer<typeof zSpecialNeed>, string> = {
  elderly: '独居/高龄老人',
  disabled: '残疾人',
  bedridden: '卧床病人',
  pregnant: '孕产妇',
  child: '留守儿童',
  other: '其他',
};

/** Groups a contact can be in (the register-backed groups come from their own registers). */
export const CONTACT_GROUPS = ['residents', 'village_heads', 'info_officers', 'enterprise_officers'] as const;
export const zContactGroup = z.enum(CONTACT_GROUPS);
export type ContactGroup = z.infer<typeof zContactGroup>;

export const zContactCreate = z
  .object({
    name: z.string().trim().min(1, '请填写姓名').max(32),
    phone: zMobile,
    email: z.email('电子邮箱格式不正确').nullable().default(null),
    group: zContactGroup.default('residents'),
    /** A village (12 digits) or a group/grid under it (15). */
    areaCode: z.string().regex(/^(\d{12}|\d{15})$/, '接收人应登记到村（12 位）或组/网格（15 位）'),
    /** 同意接收预警短信: residents only receive warnings when they agreed to. */
    consent: z.boolean(),
    specialNeed: zSpecialNeed.nullable().default(null),
    /** 四个一: who moves them, by which route, to which shelter. */
    helperName: z.string().trim().max(32).nullable().default(null),
    helperPhone: zMobile.nullable().default(null),
    route: z.string().trim().max(200).nullable().default(null),
    shelterName: z.string().trim().max(100).nullable().default(null),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict();
export type ContactCreate = z.infer<typeof zContactCreate>;
/** PATCH: only the fields sent change, so the create contract's defaults (null, 'residents') are dropped here. */
const contactShape = zContactCreate.shape;
export const zContactUpdate = zContactCreate
  .extend({
    email: contactShape.email.removeDefault(),
    group: contactShape.group.removeDefault(),
    specialNeed: contactShape.specialNeed.removeDefault(),
    helperName: contactShape.helperName.removeDefault(),
    helperPhone: contactShape.helperPhone.removeDefault(),
    route: contactShape.route.removeDefault(),
    shelterName: contactShape.shelterName.removeDefault(),
    note: contactShape.note.removeDefault(),
  })
  .partial()
  .strict();
export type ContactUpdate = z.infer<typeof zContactUpdate>;

export const zContact = zContactCreate.extend({
  id: z.uuid(),
  villageCode: z.string(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof zContact>;

export const zContactListQuery = zPage
  .extend({
    areaCode: zAreaCode.optional(),
    group: zContactGroup.optional(),
    special: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().trim().max(32).optional(),
  })
  .strict();
export type ContactListQuery = z.infer<typeof zContactListQuery>;
export const zContactPage = zCappedPage(zContact);

/** 特殊群体名单 of one village (or a group/grid in it), for its officer: each person with their 临灾转移“四个一”. */
export const zSpecialContactsQuery = z
  .object({ villageCode: z.string().regex(/^(\d{12}|\d{15})$/, '请选择村（社区）或其下的组/网格') })
  .strict();
export type SpecialContactsQuery = z.infer<typeof zSpecialContactsQuery>;
export const zSpecialContacts = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  items: z.array(zContact),
  /** How many of them still lack a part of 四个一 (a 转移责任人 with a phone, a route or a 安置点). */
  incomplete: z.number().int(),
});
export type SpecialContacts = z.infer<typeof zSpecialContacts>;

/** 临灾转移“四个一” is in place when someone (with a phone) moves the person, by a known route, to a known 安置点. */
export function transferPlanComplete(c: Pick<Contact, 'helperName' | 'helperPhone' | 'route' | 'shelterName'>): boolean {
  return Boolean(c.helperName && c.helperPhone && c.route && c.shelterName);
}

export type SpecialNeed = z.infer<typeof zSpecialNeed>;

/** What the register and its Excel sheet call each group (the 类别 column). */
export const CONTACT_GROUP_NAMES: Record<ContactGroup, string> = {
  residents: '居民',
  village_heads: '村干部',
  info_officers: '灾害信息员',
  enterprise_officers: '企业安全员',
};

// ——— Templates ———

export const zWarningTemplate = z.object({
  hazard: zHazard,
  level: zWarningLevel,
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  groups: z.array(zRecipientGroup),
});
export type WarningTemplate = z.infer<typeof zWarningTemplate>;
