import type { AreasService } from '../areas/areas.service.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, fail, type ErrorCode } from '../../platform/errors.ts';
import type { RowError } from '../../platform/excel.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import './shelters.events.ts';

/** What the shelters domain's services need; the areas service places points and answers for populations. */
export interface SheltersDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  areas: AreasService;
}

/**
 * Runs the per-row checks an import needs beyond the sheet's schema (locating the point, finding a linked entry),
 * collecting every row's failure, so a file is refused once with the full list rather than at its first bad row.
 */
export async function prepareRows<I, O>(
  items: { row: number; value: I }[],
  prepare: (value: I) => Promise<O>,
  columnOf: Partial<Record<ErrorCode, string>> = {},
): Promise<O[]> {
  if (items.length === 0) fail('IMPORT_INVALID', { errors: [] }, '文件中没有数据行');
  const errors: RowError[] = [];
  const prepared: O[] = [];
  for (const item of items) {
    try {
      prepared.push(await prepare(item.value));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.push({ row: item.row, column: columnOf[error.code] ?? null, message: error.message });
    }
  }
  if (errors.length > 0) fail('IMPORT_INVALID', { errors });
  return prepared;
}
