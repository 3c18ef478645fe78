import type { Area, AreaLevel, AreaNode } from '@yingji/contracts/areas.ts';
import { useCallback, useRef, useState } from 'react';
import { api, query } from './api.ts';

const LEVEL_DEPTH: Record<AreaLevel, number> = { county: 0, township: 1, village: 2, group: 3, grid: 3 };

/** One node as antd Tree and TreeSelect both want it (`key` for Tree, `value` for TreeSelect). */
export interface AreaTreeNode {
  key: string;
  value: string;
  title: string;
  isLeaf: boolean;
  area: Area;
  children?: AreaTreeNode[];
}

function toTreeNode(area: Area, deepest: AreaLevel, loadedChildren?: AreaNode[]): AreaTreeNode {
  const isLeaf = area.childCount === 0 || LEVEL_DEPTH[area.level] >= LEVEL_DEPTH[deepest];
  const node: AreaTreeNode = { key: area.code, value: area.code, title: area.name, isLeaf, area };
  // A node at the depth limit of /tree comes with children: [] though it has some; leave it unloaded.
  if (!isLeaf && loadedChildren && loadedChildren.length > 0) {
    node.children = loadedChildren
      .filter((c) => LEVEL_DEPTH[c.level] <= LEVEL_DEPTH[deepest])
      .map((c) => toTreeNode(c, deepest, c.children));
  }
  return node;
}

function withChildren(nodes: AreaTreeNode[], code: string, children: AreaTreeNode[]): AreaTreeNode[] {
  return nodes.map((node) => {
    if (node.key === code) return { ...node, children };
    if (node.children && code.startsWith(node.key)) return { ...node, children: withChildren(node.children, code, children) };
    return node;
  });
}

export function findTreeNode(nodes: AreaTreeNode[], code: string): AreaTreeNode | null {
  for (const node of nodes) {
    if (node.key === code) return node;
    if (node.children && code.startsWith(node.key)) {
      const found = findTreeNode(node.children, code);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The area tree for pickers and the 行政区划 page: starts from the given roots and loads a node's children the
 * first time it is opened, down to `deepest` (villages by default; grids are listed in tables, not trees).
 */
export function useLazyAreaTree(roots: AreaNode[], deepest: AreaLevel = 'village') {
  const build = () => roots.map((r) => toTreeNode(r, deepest, r.children));
  const [state, setState] = useState(() => ({ roots, deepest, treeData: build() }));
  // New roots replace the tree during this render, not in an effect one render later: antd's Tree reads
  // expandedKeys against the data it mounts with, and would drop keys that are not in it yet.
  let treeData = state.treeData;
  if (state.roots !== roots || state.deepest !== deepest) {
    treeData = build();
    setState({ roots, deepest, treeData });
  }

  // The latest tree for ensureLoaded, which runs outside render.
  const treeRef = useRef(treeData);
  treeRef.current = treeData;

  const loadChildren = useCallback(
    async (code: string) => {
      const page = await api.get<{ items: Area[]; total: number }>(`/api/areas${query({ parentCode: code, limit: 500 })}`);
      const children = page.items.filter((a) => LEVEL_DEPTH[a.level] <= LEVEL_DEPTH[deepest]).map((a) => toTreeNode(a, deepest));
      setState((current) => ({ ...current, treeData: withChildren(current.treeData, code, children) }));
    },
    [deepest],
  );

  /** The `loadData` prop of antd Tree / TreeSelect. */
  const loadData = useCallback(
    async (node: { key?: unknown; value?: unknown; children?: unknown }) => {
      if (Array.isArray(node.children) && node.children.length > 0) return;
      const code = String(node.value ?? node.key);
      await loadChildren(code);
    },
    [loadChildren],
  );

  /** Loads a node's children unless the tree already has them (e.g. before expanding it programmatically). */
  const ensureLoaded = useCallback(
    async (code: string) => {
      const node = findTreeNode(treeRef.current, code);
      if (node && !node.isLeaf && !node.children) await loadChildren(code);
    },
    [loadChildren],
  );

  return { treeData, loadData, ensureLoaded };
}
