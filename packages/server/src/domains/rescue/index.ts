/** The rescue domain's public surface: other domains import only from here. */
export { RescueService } from './rescue.service.ts';
export type { RescueChanged, WarehouseDirectory } from './rescue.deps.ts';
export { rescueRoutes } from './rescue.routes.ts';
export { rescueMigrations } from './migrations/index.ts';
export type { RescueTables } from './rescue.tables.ts';
