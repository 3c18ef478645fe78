import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Secrets and personal data never reach the log: passwords, tokens, cookies and phone numbers are redacted. */
export const REDACT_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'phone',
  'gridOfficerPhone',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.phone',
  '*.gridOfficerPhone',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[已隐藏]' } });
}
