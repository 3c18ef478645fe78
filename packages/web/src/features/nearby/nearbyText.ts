import type { RoadLeg } from '@yingji/contracts/nearby.ts';

export const km = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** The road part of a result as people read it; null when there is no road graph at all. */
export function roadText(road: RoadLeg | null): string | null {
  if (!road) return null;
  if (road.status === 'ok') return `道路 ${km(road.distanceKm!)} 公里`;
  return road.message;
}
