/** The supplies domain's public surface: other domains import only from here. */
export { SuppliesService } from './supplies.service.ts';
export { DAILY_SCAN_JOB } from './alerts.service.ts';
export type { BulkLine, BulkResult } from './stock.bulk.ts';
