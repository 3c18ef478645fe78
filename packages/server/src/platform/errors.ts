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
