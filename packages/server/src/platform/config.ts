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
});
export type Config = z.infer<typeof zConfig> & { database: DatabaseTarget };

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
  const parsed = zConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${ENV_NAMES[key] ?? key}: ${issue.message}`;
    });
    throw new AppError('CONFIG_INVALID', { problems }, `配置有误：${problems.join('；')}`);
  }
  return { ...parsed.data, database: databaseTarget(parsed.data.databaseUrl, parsed.data.dataDir) };
}

/** The running process's configuration: its environment, overridden by the CLI flags given. */
export function configFromProcess(flags: Record<string, string | number | boolean | undefined> = {}): Config {
  return loadConfig(process.env, flags);
}
