/**
 * The error catalogue: every error a client can see has a stable code, an HTTP status and a Chinese message.
 * Clients switch on `code`; the message is for people. Add new codes here, never inline.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '请求参数不合法' },
  MALFORMED_JSON: { status: 400, message: '请求体不是合法的 JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已临时锁定' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用' },
  PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与当前密码相同' },
  CSRF_INVALID: { status: 403, message: '请求缺少有效的 CSRF 令牌' },
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  OUT_OF_SCOPE: { status: 403, message: '超出您的管辖区域' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  AREA_NOT_FOUND: { status: 404, message: '行政区划不存在' },
  AREA_LEVEL_INVALID: { status: 400, message: '该层级的区划不能执行此操作' },
  AREA_EXISTS: { status: 409, message: '行政区划代码已存在' },
  LOCATION_OUTSIDE: { status: 400, message: '坐标不在本县已知的行政区划范围内' },
  COUNTY_UNKNOWN: { status: 400, message: '没有该县的参考数据' },
  GEOJSON_INVALID: { status: 400, message: 'GeoJSON 数据有误' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被占用' },
  EXCEL_INVALID: { status: 400, message: '无法读取 Excel 文件（请使用 .xlsx 模板）' },
  IMPORT_INVALID: { status: 400, message: '导入数据有误，整个文件未导入' },
  RULE_UNKNOWN: { status: 404, message: '没有这条规则' },
  // 周边资源与路网 (domains/nearby, domains/roads)
  NEARBY_FILTER_INVALID: { status: 400, message: '筛选条件不适用于该类资源' },
  ROAD_EDGE_NOT_FOUND: { status: 404, message: '路段不存在' },
  // 避难场所、防护目标、责任人 (domains/shelters)
  SHELTER_NOT_FOUND: { status: 404, message: '避难场所不存在' },
  SHELTER_OVER_CAPACITY: { status: 409, message: '在住人数不能超过避难场所的容纳人数' },
  SHELTER_OCCUPANCY_NEGATIVE: { status: 400, message: '在住人数不能为负' },
  SHELTER_CLOSED: { status: 409, message: '避难场所未开放，不能登记在住人数' },
  SHELTER_NOT_EMPTY: { status: 409, message: '避难场所仍有在住人员，请先将在住人数调整为 0' },
  SHELTER_LINKED: { status: 409, message: '仍有责任人关联此避难场所，请先解除关联' },
  TARGET_NOT_FOUND: { status: 404, message: '防护目标不存在' },
  TARGET_LINKED: { status: 409, message: '仍有责任人关联此防护目标，请先解除关联' },
  DUTY_HOLDER_NOT_FOUND: { status: 404, message: '责任人不存在' },
  DUTY_ASSIGNMENT_INVALID: { status: 400, message: '关联的避难场所或防护目标不在该责任人的负责区划内' },
  // 监测站点与数据接入 (domains/monitoring)
  STATION_NOT_FOUND: { status: 404, message: '监测站点不存在' },
  STATION_CODE_TAKEN: { status: 409, message: '站点编码已被占用' },
  DEVICE_UNAUTHORIZED: { status: 401, message: '设备令牌无效' },
  DEVICE_RATE_LIMITED: { status: 429, message: '该设备错误数据过多，已暂时限流，请稍后再试' },
  // 告警 (domains/monitoring, alarms half)
  ALARM_NOT_FOUND: { status: 404, message: '告警不存在' },
  ALARM_ALREADY_ACKNOWLEDGED: { status: 409, message: '该告警已被确认' },
  ALARM_ACTION_NOT_AVAILABLE: {
    status: 501,
    message: '预警发布（E4）或事件管理（E6）模块尚未启用，暂不能由告警一键生成预警草稿或事件',
  },
  ALARM_RULE_INVALID: { status: 400, message: '告警规则配置不合法' },
  // 应急物资 (domains/supplies)
  SUPPLY_KIND_NOT_FOUND: { status: 404, message: '物资品目不存在' },
  SUPPLY_KIND_EXISTS: { status: 409, message: '同名物资品目已存在' },
  WAREHOUSE_NOT_FOUND: { status: 404, message: '仓库不存在' },
  WAREHOUSE_EXISTS: { status: 409, message: '同名仓库已存在' },
  WAREHOUSE_LEVEL_MISMATCH: { status: 400, message: '仓库位置与层级不符（村级储存室须位于某个村的范围内）' },
  STOCK_INSUFFICIENT: { status: 409, message: '库存不足' },
  BATCH_NOT_FOUND: { status: 404, message: '该仓库没有这个批次' },
  BATCH_CONFLICT: { status: 409, message: '同一批次的生产日期或有效期与已入库的不一致' },
  BATCH_EXPIRED: { status: 409, message: '该批次已过期，不能出库或调拨（过期物资请报废）' },
  STOCK_DATE_INVALID: { status: 400, message: '日期有误：有效期不能早于生产日期，生产日期不能晚于今天' },
  TRANSFER_SAME_WAREHOUSE: { status: 400, message: '调出仓库与调入仓库不能相同' },
  TRANSFER_NOT_FOUND: { status: 404, message: '调拨单不存在' },
  TRANSFER_STATE_INVALID: { status: 409, message: '调拨单当前状态不允许此操作' },
  TRANSFER_SELF_APPROVAL: { status: 403, message: '不能审批自己提交的调拨申请，须由另一位有审批权限的人员审批' },
  STOCKTAKE_REASON_REQUIRED: { status: 400, message: '盘点有差异的批次必须填写差异原因' },
  // 救援力量 (domains/rescue)
  RESCUE_TEAM_NOT_FOUND: { status: 404, message: '救援队伍不存在' },
  RESCUE_TEAM_NAME_TAKEN: { status: 409, message: '同名救援队伍已存在' },
  RESCUE_TEAM_HAS_EQUIPMENT: { status: 409, message: '该队伍仍持有装备，请先移交或删除装备' },
  RESCUE_MEMBER_NOT_FOUND: { status: 404, message: '队员不存在' },
  RESCUE_EXPERT_NOT_FOUND: { status: 404, message: '专家不存在' },
  RESCUE_EQUIPMENT_NOT_FOUND: { status: 404, message: '装备不存在' },
  RESCUE_OWNER_NOT_FOUND: { status: 400, message: '装备归属的队伍或仓库不存在，或不在您的辖区内' },
  RESCUE_COUNTY_TEAM: { status: 403, message: '县级队伍（及其队员、装备）由县级用户维护，乡镇用户只能查看' },
  // 预警信息发布 (domains/warnings)
  WARNING_NOT_FOUND: { status: 404, message: '预警不存在' },
  WARNING_STATE_INVALID: { status: 409, message: '预警当前状态不允许此操作' },
  WARNING_NOT_APPROVED: { status: 409, message: '预警未经审核，不能签发发布' },
  WARNING_SELF_APPROVAL: { status: 403, message: '不能审核或签发自己起草的预警，须由另一位有权限的人员办理' },
  WARNING_TARGET_INVALID: { status: 400, message: '预警区域有误' },
  WARNING_TARGET_EMPTY: { status: 400, message: '所选区域内没有村（社区），请重新选择预警区域' },
  WARNING_EXPIRES_INVALID: { status: 400, message: '失效时间应晚于生效时间和当前时间' },
  WARNING_NOT_LOCAL: { status: 409, message: '外部系统导入的预警只能查看，不能在本平台修改或重发' },
  WARNING_VILLAGE_NOT_TARGETED: { status: 400, message: '该村（社区）不在此预警的发布范围内' },
  WARNING_AUDIO_UNAVAILABLE: { status: 409, message: '该预警尚无广播音频（预警未发布或未安装语音合成 espeak-ng）' },
  DELIVERY_NOT_FOUND: { status: 404, message: '回执链接无效或已失效' },
  CONTACT_NOT_FOUND: { status: 404, message: '预警接收人不存在' },
  CAP_INVALID: { status: 400, message: 'CAP 文档不符合 CAP 1.2 规范' },
  // 应急预案与演练 (domains/plans)
  PLAN_NOT_FOUND: { status: 404, message: '预案不存在' },
  PLAN_STEP_OUT_OF_ORDER: { status: 409, message: '预案当前状态不允许此步骤' },
  PLAN_NOT_EDITABLE: { status: 409, message: '只有编制中的预案可以修改；已发布的预案请通过“修订”生成新版本后修改' },
  PLAN_NOT_DELETABLE: { status: 409, message: '只有编制中的预案可以删除' },
  PLAN_NOT_PUBLISHABLE: { status: 409, message: '数字化预案未通过校验（没有响应级别或启动条件重叠），不能发布' },
  PLAN_REVIEW_INCOMPLETE: { status: 409, message: '还有评审人未提交意见，不能提交审批' },
  PLAN_REVIEW_REJECTED: { status: 409, message: '有评审人不同意，请退回修改后重新评审' },
  PLAN_REVIEWER_UNKNOWN: { status: 400, message: '该评审人不在本轮评审名单中' },
  PLAN_REVISION_EXISTS: { status: 409, message: '该预案已有正在编制的修订版本' },
  PLAN_LINK_INVALID: { status: 400, message: '上级预案或相关预案不存在、不可见，或会形成循环' },
  PLAN_DATE_INVALID: { status: 400, message: '日期有误' },
  PLAN_ATTACHMENT_TYPE: { status: 415, message: '附件只能是 PDF 或 Word（.doc / .docx）文件' },
  PLAN_ATTACHMENT_TOO_LARGE: { status: 413, message: '附件超过大小上限' },
  PLAN_ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在' },
  PLAN_CARDS_EMPTY: { status: 404, message: '所选级别和角色在数字化预案中没有任务，无法生成处置卡' },
  DRILL_NOT_FOUND: { status: 404, message: '演练不存在' },
  DRILL_STATE_INVALID: { status: 409, message: '演练当前状态不允许此操作' },
  DRILL_PLAN_INVALID: { status: 409, message: '已废止的预案不能安排演练，请选择现行版本' },
  CONFIG_INVALID: { status: 500, message: '配置有误' },
  BACKUP_FAILED: { status: 500, message: '备份或恢复失败' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export function fail(code: ErrorCode, details?: unknown, message?: string): never {
  throw new AppError(code, details, message);
}
