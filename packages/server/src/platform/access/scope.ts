import type { Expression, ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import { fail } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * Area codes are hierarchical (GB/T 2260 county 6 digits → township 9 → village 12 → group/grid 15), so "inside
 * the scope" is a prefix test.
 */
export function isWithin(areaCode: string, scopeCode: string): boolean {
  return areaCode.startsWith(scopeCode);
}

/**
 * The codes starting with `prefix` are exactly those in [prefix, upper): `upper` is the prefix with its trailing
 * nines dropped and its last other digit raised by one ('441825' → '441826', '441829' → '44183'), or null when the
 * prefix is all nines (no code sorts above it).
 * Holds in any collation, since a string of digits sorts digit by digit in every collation (C, glibc, ICU), whereas a
 * punctuation sentinel (`prefix || ':'`) sorts by locale rules.
 */
export function prefixRange(prefix: string): { lower: string; upper: string | null } {
  if (!/^\d*$/.test(prefix)) fail('INTERNAL', { prefix }, `行政区划代码应为数字：${prefix}`);
  const digits = prefix.split('');
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i -= 1;
  if (i < 0) return { lower: prefix, upper: null };
  return { lower: prefix, upper: `${digits.slice(0, i).join('')}${Number(digits[i]) + 1}` };
}

/**
 * The repo-layer filter: rows whose area column lies within the scope. Use it in every register query.
 * It is a range on the column, not `LIKE 'prefix%'`: SQLite's LIKE is case-insensitive and cannot be answered from an
 * index (it read every row of a 1,000,000-row register), and PostgreSQL answers a prefix LIKE from an index only
 * under the C collation. A range is answered from the column's index on both, whatever the collation. The empty
 * scope (system-level reads) is every row.
 *
 * Each bound is wrapped in `likely()`: without statistics SQLite takes any two-sided range for a very selective one
 * and would read a county-wide scope through the area index and sort it, where a list ordered by another column
 * (a ledger by time, the audit log) walks that column's index instead. `likely()` keeps the range usable (counts,
 * lists ordered by area) but says it is not selective. PostgreSQL has a `likely(boolean)` that it inlines away
 * (migration in platform/db/planner-hints.ts) and plans on its statistics.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scopeCode: string,
): ExpressionWrapper<DB, TB, SqlBool> {
  const ref = eb.ref(column as never);
  const { lower, upper } = prefixRange(scopeCode);
  const likely = (term: Expression<SqlBool>) => eb.fn<SqlBool>('likely', [term]);
  const from = likely(eb(ref, '>=', lower as never));
  return (upper === null ? eb.and([from]) : eb.and([from, likely(eb(ref, '<', upper as never))])) as ExpressionWrapper<
    DB,
    TB,
    SqlBool
  >;
}

/**
 * The narrower of the actor's scope and an area asked for in a filter: one range instead of two (SQLite uses one
 * range per index), and null when they do not overlap, so the caller can answer "nothing" without a query.
 */
export function narrowScope(scopeCode: string, areaCode: string | undefined): string | null {
  if (areaCode === undefined || isWithin(scopeCode, areaCode)) return scopeCode;
  return isWithin(areaCode, scopeCode) ? areaCode : null;
}

export function assertWithinScope(actor: Actor, areaCode: string): void {
  if (!isWithin(areaCode, actor.areaCode)) fail('OUT_OF_SCOPE', { areaCode });
}
