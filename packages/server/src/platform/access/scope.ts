import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import { fail } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * Area codes are hierarchical (GB/T 2260 county 6 digits → township 9 → village 12 → group/grid 15), so "inside
 * the scope" is a prefix test, which both dialects answer from an index on the code column.
 */
export function isWithin(areaCode: string, scopeCode: string): boolean {
  return areaCode.startsWith(scopeCode);
}

/** The repo-layer filter: rows whose area column lies within the scope. Use it in every register query. */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scopeCode: string,
): ExpressionWrapper<DB, TB, SqlBool> {
  const ref = eb.ref(column as never);
  // Area codes are digits only, so the prefix needs no LIKE escaping.
  return eb(ref, 'like', `${scopeCode}%` as never) as ExpressionWrapper<DB, TB, SqlBool>;
}

export function assertWithinScope(actor: Actor, areaCode: string): void {
  if (!isWithin(areaCode, actor.areaCode)) fail('OUT_OF_SCOPE', { areaCode });
}
