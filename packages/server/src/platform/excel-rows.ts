import { z } from 'zod';
import { AppError, fail, type ErrorCode } from './errors.ts';
import type { RowError } from './excel.ts';

/*
 * Pieces every register's sheet is made of: cell parsers for the first stage of a row (what a person typed in a
 * cell → the contract's value), the second stage (the create contract itself), the per-row checks against the
 * database, and the area names an export shows. Import columns are keyed by the create contract's field names, so
 * each error names the Chinese header of the column that failed.
 */

/** A Chinese name from the sheet → its code, with an error listing the names allowed. */
export function chinese<T extends string>(names: Record<T, string>, label: string) {
  const entries = Object.entries(names) as [T, string][];
  return z
    .string(`${label}不能为空`)
    .refine((v) => entries.some(([, name]) => name === v), `${label}应为：${entries.map(([, n]) => n).join('、')}`)
    .transform((v) => entries.find(([, name]) => name === v)![0]);
}

/** Phones and codes typed as numbers come back as numbers; they are text. */
export const text = (label: string) => z.preprocess((v) => (v === undefined ? v : String(v)), z.string(`${label}不能为空`));

/** An empty cell is null. */
export const optionalText = z.preprocess((v) => (v === undefined ? null : String(v)), z.string().nullable());

/**
 * The second stage of a row: the register's own create contract (ranges, lengths, phone form), with its issues
 * reported under the same field keys, so each error still names its column.
 */
export function validatedBy<S extends z.ZodType>(schema: S) {
  return (value: unknown, ctx: z.RefinementCtx): z.infer<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  };
}

/**
 * Runs the per-row checks an import needs beyond the sheet's schema (locating the point, finding a linked entry,
 * the area being in scope), collecting every row's failure, so a file is refused once with the full list rather than
 * at its first bad row. `columnOf` names the column an error code belongs to.
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

/** Area names for export rows, each looked up once (the areas service's nameOf). */
export function areaNames(areas: { nameOf(code: string): Promise<string | null> }) {
  const cache = new Map<string, Promise<string | null>>();
  return (code: string) => {
    if (!cache.has(code)) cache.set(code, areas.nameOf(code));
    return cache.get(code)!;
  };
}

/** The export's 数据来源 column: demo rows say so. */
export const demoSource = (demo: boolean) => (demo ? '演示数据' : '');
