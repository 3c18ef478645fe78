import { AuditOutlined, ClusterOutlined, DatabaseOutlined, GlobalOutlined, TeamOutlined } from '@ant-design/icons';
import type { User } from '@yingji/contracts/auth.ts';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { can } from './permissions.ts';

/** The pages of the app, in menu order. Each loads on first visit, so the map's libraries wait for the map. */
/** Submenus of the left menu; a page names its group, or stands at the top level. */
export const MENU_GROUPS: { key: string; label: string; icon: ReactNode }[] = [
  { key: 'resources', label: '应急资源', icon: <DatabaseOutlined /> },
];

export interface PageDefinition {
  key: string;
  group?: string;
  path: string;
  label: string;
  icon: ReactNode;
  allowed(user: User): boolean;
  component: LazyExoticComponent<ComponentType>;
}

export const PAGES: PageDefinition[] = [
  {
    key: 'map',
    path: '/map',
    label: '一张图',
    icon: <GlobalOutlined />,
    allowed: () => true,
    component: lazy(() => import('../map/MapPage.tsx').then((m) => ({ default: m.MapPage }))),
  },
  {
    key: 'areas',
    path: '/areas',
    label: '行政区划',
    icon: <ClusterOutlined />,
    allowed: () => true,
    component: lazy(() => import('../features/areas/AreasPage.tsx').then((m) => ({ default: m.AreasPage }))),
  },
  {
    key: 'users',
    path: '/users',
    label: '用户管理',
    icon: <TeamOutlined />,
    allowed: (user) => can(user, 'users:manage'),
    component: lazy(() => import('../features/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage }))),
  },
  {
    key: 'audit',
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    allowed: (user) => can(user, 'audit:read'),
    component: lazy(() => import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
  },
];

export const HOME_PATH = '/map';

export function pageForPath(path: string): PageDefinition | undefined {
  return PAGES.find((page) => path === page.path || path.startsWith(`${page.path}/`));
}
