import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * The whole configuration, parsed once at start from environment variables and matching CLI flags
 * (flags win). Nothing else in the server reads process.env.
 */
const zConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  /** postgres://… selects PostgreSQL; anything else is a SQLite file path (default: <dataDir>/yingji.sqlite). */
  databaseUrl: z.string().min(1).optional(),
  adminPassword: z.string().min(10, 'YINGJI_ADMIN_PASSWORD 至少 10 位').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body accepted, in bytes; larger ones get 413 before they are parsed. */
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  sessionHours: z.coerce
    .number()
    .min(0.05)
    .max(24 * 30)
    .default(12),
  loginMaxFailures: z.coerce.number().int().min(1).max(100).default(5),
  loginLockMinutes: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Requests per minute per address on the login route. */
  loginRateLimit: z.coerce.number().int().min(1).max(10000).default(20),
  /** Serve cookies with the Secure flag (set behind HTTPS). */
  secureCookies: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  webDir: z.string().optional(),
  /**
   * Check every response against its contract before sending. On in tests, where a mismatch is a bug to catch; off in
   * production, where handlers are typed against the same contracts and zod's encoding would cost most of the
   * request time (see docs/PERFORMANCE.md).
   */
  validateResponses: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  /**
   * Sensor MQTT: 'embedded' runs the aedes broker on mqttPort (devices log in with their station's MQTT user name and
   * password); 'external' subscribes to the broker at mqttUrl; 'off' accepts readings over HTTP only. Unset: 'external'
   * when mqttUrl is given, otherwise 'embedded'.
   */
  mqttMode: z.enum(['embedded', 'external', 'off']).optional(),
  /** Port of the embedded broker (0: any free port, printed at start). */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** mqtt://user:pass@host:1883 of an external broker; the platform subscribes as a persistent client. */
  mqttUrl: z.string().url().optional(),
  /**
   * Warning channels (domains/warnings/channels). A channel whose settings are absent is "not configured": its
   * messages stay queued, nothing is pretended sent. smpp://system_id:password@host:2775 (ssmpp:// for TLS).
   */
  smppUrl: z.string().superRefine(checkSmppUrl).optional(),
  /** source_addr of outgoing SMS (the 106… service number); unset: the gateway's default. */
  smppSource: z
    .string()
    .regex(/^[0-9A-Za-z]{1,20}$/, 'SMPP_SOURCE 应为 1–20 位数字或字母')
    .optional(),
  /** submit_sm outstanding at once on the one session (the gateway's window). */
  smppWindow: z.coerce.number().int().min(1).max(1000).default(50),
  /** smtp://user:pass@host:25 (STARTTLS when offered) or smtps://…:465; user and password may be left out. */
  smtpUrl: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL 应为 smtp://user:pass@host:port 或 smtps://…' }).optional(),
  smtpFrom: z.string().min(3).optional(),
  /** Loudspeaker (大喇叭) controllers that take pushed warning audio, comma-separated http(s) URLs. */
  broadcastEndpoints: httpUrlList('BROADCAST_ENDPOINTS').optional(),
  webhookUrls: httpUrlList('WEBHOOK_URLS').optional(),
  /** Key of the HMAC-SHA256 signature every webhook request carries. */
  webhookSecret: z.string().min(16, 'WEBHOOK_SECRET 至少 16 位').optional(),
  /** CAP 1.2 Atom feeds of other systems (the weather bureau's 预警 feed), comma-separated; polled every minute. */
  capFeeds: httpUrlList('CAP_FEEDS').optional(),
  /** The address people open this platform at (https://yjj.example.gov.cn); messages then carry a 签收 link. */
  publicUrl: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL 应为 http(s):// 地址' }).optional(),
});
export type Config = z.infer<typeof zConfig> & { database: DatabaseTarget; channels: ChannelsConfig };

/** Settings that only make sense together. */
const zConfigChecked = zConfig.superRefine((c, ctx) => {
  if (c.smtpUrl && !c.smtpFrom)
    ctx.addIssue({ code: 'custom', path: ['smtpFrom'], message: '设置 SMTP_URL 时须同时设置 SMTP_FROM（发件人地址）' });
  if (c.webhookUrls && !c.webhookSecret)
    ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: '设置 WEBHOOK_URLS 时须同时设置 WEBHOOK_SECRET' });
});

/** The warning channels that are configured; an absent key means that channel is not configured. */
export interface ChannelsConfig {
  sms?: { host: string; port: number; tls: boolean; systemId: string; password: string; sourceAddr?: string; window: number };
  email?: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  broadcast?: { endpoints: string[] };
  webhook?: { urls: string[]; secret: string };
}

/** SMPP 3.4 limits system_id to 15 and password to 8 characters. */
function checkSmppUrl(value: string, ctx: z.RefinementCtx): void {
  let problem: string | undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^s?smpp:$/.test(url.protocol) || !url.hostname || !url.username)
    problem = 'SMPP_URL 应为 smpp://system_id:password@host:port';
  else if (decodeURIComponent(url.username).length > 15) problem = 'SMPP_URL 的 system_id 最长 15 个字符';
  else if (decodeURIComponent(url.password).length > 8) problem = 'SMPP_URL 的 password 最长 8 个字符';
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

function httpUrlList(envName: string) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: `${envName} 应为逗号分隔的 http(s) 地址` })).min(1));
}

/** Host, port and TLS flag of a service URL whose TLS scheme (ssmpp:, smtps:) has a default port of its own. */
function serviceAddress(value: string, tlsProtocol: string, ports: { plain: number; tls: number }) {
  const url = new URL(value);
  const tls = url.protocol === tlsProtocol;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // [::1] → ::1
  return { url, tls, host, port: url.port ? Number(url.port) : tls ? ports.tls : ports.plain };
}

function channelsConfig(c: z.infer<typeof zConfig>): ChannelsConfig {
  const channels: ChannelsConfig = {};
  if (c.smppUrl) {
    const { url, tls, host, port } = serviceAddress(c.smppUrl, 'ssmpp:', { plain: 2775, tls: 3550 });
    channels.sms = {
      host,
      port,
      tls,
      systemId: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      window: c.smppWindow,
      ...(c.smppSource ? { sourceAddr: c.smppSource } : {}),
    };
  }
  if (c.smtpUrl && c.smtpFrom) {
    const { url, tls, host, port } = serviceAddress(c.smtpUrl, 'smtps:', { plain: 25, tls: 465 });
    channels.email = {
      host,
      port,
      secure: tls,
      from: c.smtpFrom,
      ...(url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
    };
  }
  if (c.broadcastEndpoints) channels.broadcast = { endpoints: c.broadcastEndpoints };
  if (c.webhookUrls && c.webhookSecret) channels.webhook = { urls: c.webhookUrls, secret: c.webhookSecret };
  return channels;
}

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  adminPassword: 'YINGJI_ADMIN_PASSWORD',
  logLevel: 'LOG_LEVEL',
  bodyLimit: 'BODY_LIMIT',
  sessionHours: 'SESSION_HOURS',
  loginMaxFailures: 'LOGIN_MAX_FAILURES',
  loginLockMinutes: 'LOGIN_LOCK_MINUTES',
  loginRateLimit: 'LOGIN_RATE_LIMIT',
  secureCookies: 'SECURE_COOKIES',
  webDir: 'WEB_DIR',
  validateResponses: 'VALIDATE_RESPONSES',
  mqttMode: 'MQTT_MODE',
  mqttPort: 'MQTT_PORT',
  mqttUrl: 'MQTT_URL',
  smppUrl: 'SMPP_URL',
  smppSource: 'SMPP_SOURCE',
  smppWindow: 'SMPP_WINDOW',
  smtpUrl: 'SMTP_URL',
  smtpFrom: 'SMTP_FROM',
  broadcastEndpoints: 'BROADCAST_ENDPOINTS',
  webhookUrls: 'WEBHOOK_URLS',
  webhookSecret: 'WEBHOOK_SECRET',
  capFeeds: 'CAP_FEEDS',
  publicUrl: 'PUBLIC_URL',
};

/** Names of the CLI flags, for --help: --port, --host, --data-dir, --database-url, … */
export const CONFIG_FLAGS = Object.keys(ENV_NAMES).map((key) => ({
  key,
  flag: '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
  env: ENV_NAMES[key]!,
}));

export function databaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { dialect: 'postgres', url: databaseUrl };
  return { dialect: 'sqlite', file: path.resolve(databaseUrl ?? path.join(dataDir, 'yingji.sqlite')) };
}

export function loadConfig(
  env: Record<string, string | undefined>,
  flags: Record<string, string | number | boolean | undefined> = {},
): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, envName] of Object.entries(ENV_NAMES)) {
    // A blank flag or variable counts as unset, so it neither hides the other source nor coerces to 0.
    const flag = flags[key];
    const value = flag !== undefined && String(flag).trim() !== '' ? flag : env[envName];
    if (value !== undefined && String(value).trim() !== '') raw[key] = typeof value === 'string' ? value.trim() : value;
  }
  const parsed = zConfigChecked.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${ENV_NAMES[key] ?? key}: ${issue.message}`;
    });
    throw new AppError('CONFIG_INVALID', { problems }, `配置有误：${problems.join('；')}`);
  }
  return {
    ...parsed.data,
    database: databaseTarget(parsed.data.databaseUrl, parsed.data.dataDir),
    channels: channelsConfig(parsed.data),
  };
}

/** The running process's configuration: its environment, overridden by the CLI flags given. */
export function configFromProcess(flags: Record<string, string | number | boolean | undefined> = {}): Config {
  return loadConfig(process.env, flags);
}
