import { z } from 'zod';

/**
 * OASIS CAP 1.2 (Common Alerting Protocol, ITU-T X.1303) as structured data (domain-rules B.1): what the server
 * exports for its own warnings and what it imports from other systems (e.g. the weather bureau), so the web app can
 * show incoming warnings. Element names and enumerations are those of the CAP 1.2 XML schema; repeated elements are
 * always arrays (possibly empty), optional single elements are absent rather than empty.
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/**
 * CAP date-time: explicit offset, no `Z`, no fractional seconds — the pattern of the CAP 1.2 XSD
 * (`\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d`, where the comma is a known quirk of the schema and is not a
 * valid xs:dateTime anyway).
 */
export const CAP_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
export const zCapDateTime = z
  .string()
  .regex(CAP_DATETIME_PATTERN, 'CAP 时间应为 YYYY-MM-DDThh:mm:ss+08:00 格式（须带时区偏移，不用 Z，不带小数秒）');

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export const zCapStatus = z.enum(CAP_STATUSES);
export const zCapMsgType = z.enum(CAP_MSG_TYPES);
export const zCapScope = z.enum(CAP_SCOPES);
export const zCapCategory = z.enum(CAP_CATEGORIES);
export const zCapResponseType = z.enum(CAP_RESPONSE_TYPES);
export const zCapUrgency = z.enum(CAP_URGENCIES);
export const zCapSeverity = z.enum(CAP_SEVERITIES);
export const zCapCertainty = z.enum(CAP_CERTAINTIES);
export type CapStatus = z.infer<typeof zCapStatus>;
export type CapMsgType = z.infer<typeof zCapMsgType>;
export type CapScope = z.infer<typeof zCapScope>;
export type CapCategory = z.infer<typeof zCapCategory>;
export type CapResponseType = z.infer<typeof zCapResponseType>;
export type CapUrgency = z.infer<typeof zCapUrgency>;
export type CapSeverity = z.infer<typeof zCapSeverity>;
export type CapCertainty = z.infer<typeof zCapCertainty>;

/** eventCode, parameter and geocode: a system-specific name and its value (e.g. GB/T 2260 area codes). */
export const zCapValuePair = z.object({ valueName: z.string(), value: z.string() }).strict();
export type CapValuePair = z.infer<typeof zCapValuePair>;

export const zCapResource = z
  .object({
    resourceDesc: z.string(),
    mimeType: z.string(),
    size: z.number().int().nonnegative().optional(),
    uri: z.string().optional(),
    derefUri: z.string().optional(),
    digest: z.string().optional(),
  })
  .strict();
export type CapResource = z.infer<typeof zCapResource>;

export const zCapArea = z
  .object({
    areaDesc: z.string(),
    /** Each a closed ring of WGS-84 "lat,lon" pairs separated by spaces (note: lat first, unlike GeoJSON). */
    polygon: z.array(z.string()),
    /** Each "lat,lon radius", radius in kilometres. */
    circle: z.array(z.string()),
    geocode: z.array(zCapValuePair),
    /** Feet above mean sea level. */
    altitude: z.number().optional(),
    ceiling: z.number().optional(),
  })
  .strict();
export type CapArea = z.infer<typeof zCapArea>;

export const zCapInfo = z
  .object({
    /** RFC 3066 language tag; the schema's default `en-US` when the document leaves it out. */
    language: z.string(),
    category: z.array(zCapCategory).min(1),
    event: z.string(),
    responseType: z.array(zCapResponseType),
    urgency: zCapUrgency,
    severity: zCapSeverity,
    certainty: zCapCertainty,
    audience: z.string().optional(),
    eventCode: z.array(zCapValuePair),
    effective: zCapDateTime.optional(),
    onset: zCapDateTime.optional(),
    expires: zCapDateTime.optional(),
    senderName: z.string().optional(),
    headline: z.string().optional(),
    description: z.string().optional(),
    instruction: z.string().optional(),
    web: z.string().optional(),
    contact: z.string().optional(),
    parameter: z.array(zCapValuePair),
    resource: z.array(zCapResource),
    area: z.array(zCapArea),
  })
  .strict();
export type CapInfo = z.infer<typeof zCapInfo>;

export const zCapAlert = z
  .object({
    identifier: z.string(),
    sender: z.string(),
    sent: zCapDateTime,
    status: zCapStatus,
    msgType: zCapMsgType,
    source: z.string().optional(),
    scope: zCapScope,
    restriction: z.string().optional(),
    /** Space-separated addressees; double-quoted when one contains a space. */
    addresses: z.string().optional(),
    code: z.array(z.string()),
    note: z.string().optional(),
    /** Space-separated "sender,identifier,sent" triples of the messages this one updates or cancels. */
    references: z.string().optional(),
    incidents: z.string().optional(),
    info: z.array(zCapInfo),
  })
  .strict();
export type CapAlert = z.infer<typeof zCapAlert>;

/** A problem found in a CAP document; `line` when the validator could point at one. */
export const zCapError = z.object({ line: z.number().int().optional(), message: z.string() }).strict();
export type CapError = z.infer<typeof zCapError>;

// ——— Chinese labels for showing incoming warnings ———

export const CAP_MSG_TYPE_NAMES: Record<CapMsgType, string> = {
  Alert: '发布',
  Update: '更新',
  Cancel: '解除',
  Ack: '确认',
  Error: '错误',
};
export const CAP_STATUS_NAMES: Record<CapStatus, string> = {
  Actual: '正式',
  Exercise: '演练',
  System: '系统',
  Test: '测试',
  Draft: '草稿',
};
export const CAP_SEVERITY_NAMES: Record<CapSeverity, string> = {
  Extreme: '特别严重',
  Severe: '严重',
  Moderate: '较重',
  Minor: '一般',
  Unknown: '未知',
};
export const CAP_URGENCY_NAMES: Record<CapUrgency, string> = {
  Immediate: '立即',
  Expected: '预计（1 小时内）',
  Future: '将来',
  Past: '已过去',
  Unknown: '未知',
};
export const CAP_CERTAINTY_NAMES: Record<CapCertainty, string> = {
  Observed: '已发生',
  Likely: '很可能（>50%）',
  Possible: '可能',
  Unlikely: '不太可能',
  Unknown: '未知',
};
export const CAP_CATEGORY_NAMES: Record<CapCategory, string> = {
  Geo: '地质',
  Met: '气象',
  Safety: '公共安全',
  Security: '治安',
  Rescue: '救援',
  Fire: '火灾',
  Health: '卫生',
  Env: '环境',
  Transport: '交通',
  Infra: '基础设施',
  CBRNE: '化生放核爆',
  Other: '其他',
};
export const CAP_RESPONSE_TYPE_NAMES: Record<CapResponseType, string> = {
  Shelter: '就地避险',
  Evacuate: '撤离',
  Prepare: '做好准备',
  Execute: '执行预案',
  Avoid: '避开',
  Monitor: '关注动态',
  Assess: '评估',
  AllClear: '解除',
  None: '无需行动',
};
