import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id, written as its value: the package declares the enum as an ambient const enum. */
const ARGON2ID = 2;

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): about 40 ms here, slow enough for guessing. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the user does not exist keeps "no such user" as slow as "wrong password". */
export const DUMMY_HASH = await hashPassword('not-a-real-password-0');
