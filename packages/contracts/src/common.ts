import { z } from 'zod';

/** GB/T 2260-style area code: 6 digits (county), 9 (township), 12 (village), 15 (group or grid below a village). */
export const zAreaCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '行政区划代码应为 2/4/6/9/12/15 位数字');
export type AreaCode = z.infer<typeof zAreaCode>;

/** A mainland mobile number: how officers, 网格员 and residents are reached by SMS. */
export const zMobile = z.string().regex(/^1\d{10}$/, '手机号应为 11 位');

/** An instant, always ISO 8601 in UTC on the wire and in storage. */
export const zInstant = z.iso.datetime({ offset: true });

export const zPage = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export function zPaged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/**
 * Counting a register of a million rows exactly costs more than reading a page of it, so registers that can grow
 * that large count up to this many and then say "more than".
 */
export const TOTAL_CAP = 1_000;

/**
 * A page of a large register. `total` is exact up to TOTAL_CAP; beyond that `totalCapped` is true and `total` is
 * TOTAL_CAP ("1000 条以上"). `hasMore` says whether another page follows, however deep.
 */
export function zCappedPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), totalCapped: z.boolean(), hasMore: z.boolean() });
}
export interface CappedPage<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  hasMore: boolean;
}

/** Every error the API returns has this shape; clients switch on `code`, people read `message` (Chinese). */
export const zErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof zErrorBody>;

export const zOk = z.object({ ok: z.literal(true) });

// Validation messages in Chinese for server and web alike; set once, where every schema comes from.
z.config(z.locales.zhCN());
