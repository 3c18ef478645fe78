import type { Insertable } from 'kysely';
import type { WarningContactsTable } from './warnings.tables.ts';

/** Residents of one village for the warning tests, written straight into the register (the contacts tests cover it). */
export function residentRows(options: {
  village: string;
  count: number;
  id: (i: number) => string;
  phone: (i: number) => string;
  consent?: (i: number) => boolean;
  now: string;
}): Insertable<WarningContactsTable>[] {
  return Array.from({ length: options.count }, (_, i) => ({
    id: options.id(i),
    name: `测试居民${i}`,
    phone: options.phone(i),
    email: null,
    grp: 'residents' as const,
    area_code: options.village,
    village_code: options.village,
    consent: (options.consent?.(i) ?? true) ? 1 : 0,
    special_need: null,
    helper_name: null,
    helper_phone: null,
    route: null,
    shelter_name: null,
    note: null,
    demo: 0,
    created_at: options.now,
    updated_at: options.now,
  }));
}
