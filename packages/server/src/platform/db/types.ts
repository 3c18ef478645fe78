import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Repos accept either the database or an open transaction, so a service decides the transaction boundary. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const toBool = (value: number | null | undefined): boolean => value === 1;
export const fromBool = (value: boolean): number => (value ? 1 : 0);

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
