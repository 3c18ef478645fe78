import type { Area, AreaNode, AreaUpdate, GridCreate } from '@yingji/contracts/areas.ts';
import { api, query } from '../../app/api.ts';

export interface AreaPage {
  items: Area[];
  total: number;
}

export function fetchAreaSubtree(code: string, signal?: AbortSignal): Promise<AreaNode> {
  return api.get<AreaNode | AreaNode[]>(`/api/areas/tree${query({ root: code, depth: 1 })}`, { signal }).then((tree) => {
    // Accept either shape: the route may return the root node itself or a one-element forest.
    const node = Array.isArray(tree) ? tree[0] : tree;
    if (!node) throw new Error('行政区划不存在');
    return node;
  });
}

export function fetchChildren(parentCode: string, limit: number, offset: number, signal?: AbortSignal): Promise<AreaPage> {
  return api.get<AreaPage>(`/api/areas${query({ parentCode, limit, offset })}`, { signal });
}

export function updateArea(code: string, changes: AreaUpdate): Promise<Area> {
  return api.patch<Area>(`/api/areas/${encodeURIComponent(code)}`, changes);
}

export function createGrid(villageCode: string, grid: GridCreate): Promise<Area> {
  return api.post<Area>(`/api/areas/${encodeURIComponent(villageCode)}/grids`, grid);
}
