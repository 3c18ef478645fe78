import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device secrets are 256-bit random strings, so a single SHA-256 is as good as a slow password hash against guessing
 * and lets every request be checked by a map lookup. Only the hashes are stored; the secrets are shown once.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export interface IssuedCredentials {
  deviceToken: string;
  mqttUsername: string;
  mqttPassword: string;
  tokenHash: string;
  mqttPasswordHash: string;
}

/** The MQTT user name is the station code (stable, readable in broker logs); the secrets are new each time. */
export function issueCredentials(code: string): IssuedCredentials {
  const deviceToken = newSecret();
  const mqttPassword = newSecret();
  return {
    deviceToken,
    mqttUsername: code,
    mqttPassword,
    tokenHash: sha256(deviceToken),
    mqttPasswordHash: sha256(mqttPassword),
  };
}
