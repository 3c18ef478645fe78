import type { AreaLevel } from '@yingji/contracts/areas.ts';

export interface AreasTable {
  /** GB/T 2260 code (county 6 digits, township 9, village 12); groups and grids append 3 digits to their village. */
  code: string;
  name: string;
  level: AreaLevel;
  /** The real word for the tier: 县/区/市, 镇/乡/街道/林场, 村/社区, 组, 网格. */
  level_name: string;
  parent_code: string | null;
  population: number | null;
  /** GeoJSON geometry (Polygon or MultiPolygon) in WGS-84, as text. */
  geometry: string | null;
  geometry_source: 'imported' | 'reference' | 'demo' | null;
  grid_officer_name: string | null;
  grid_officer_phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface AreasTables {
  areas: AreasTable;
}
