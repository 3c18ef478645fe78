// The nearby domain's public surface: other domains and the composition root import only this.
export { NearbyService, type LocatedSource, type NearbyDeps, type RoadRouting } from './nearby.service.ts';
export { nearbyRoutes } from './nearby.routes.ts';
