// The roads domain's public surface: other domains and the composition root import only this.
export { RoadsService, type RoadsDeps } from './roads.service.ts';
export { roadsRoutes } from './roads.routes.ts';
export { roadsMigrations } from './migrations/index.ts';
export type { RoadsTables } from './roads.tables.ts';
export { generateDemoRoads } from './roads.demo.ts';
