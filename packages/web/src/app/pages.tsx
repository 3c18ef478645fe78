import { AuditOutlined, ClusterOutlined, DatabaseOutlined, GlobalOutlined, TeamOutlined } from '@ant-design/icons';
import type { User } from '@yingji/contracts/auth.ts';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { can } from './permissions.ts';
// 避难场所、防护目标、责任人 pages (features/shelters)
import { AimOutlined, HomeOutlined, PieChartOutlined, UserSwitchOutlined } from '@ant-design/icons';
// 应急物资 pages (features/supplies)
import { AlertOutlined, AppstoreOutlined, BookOutlined, InboxOutlined, SwapOutlined } from '@ant-design/icons';
// 救援力量 pages (features/rescue)
import { SafetyCertificateOutlined, SolutionOutlined, ThunderboltOutlined, ToolOutlined } from '@ant-design/icons';
// 监测预警 pages (features/monitoring); the group's icon hosts the live alarm banner and badge
import { BellOutlined, DashboardOutlined } from '@ant-design/icons';
import { MonitoringMenuIcon } from '../features/monitoring/menuIcon.tsx';

/** The pages of the app, in menu order. Each loads on first visit, so the map's libraries wait for the map. */
/** Submenus of the left menu; a page names its group, or stands at the top level. */
export const MENU_GROUPS: { key: string; label: string; icon: ReactNode }[] = [
  { key: 'resources', label: '应急资源', icon: <DatabaseOutlined /> },
  { key: 'monitoring', label: '监测预警', icon: <MonitoringMenuIcon /> },
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
    key: 'supply-kinds',
    group: 'resources',
    path: '/supplies/kinds',
    label: '物资品目',
    icon: <AppstoreOutlined />,
    allowed: (user) => can(user, 'supplies:read'),
    component: lazy(() => import('../features/supplies/KindsPage.tsx').then((m) => ({ default: m.KindsPage }))),
  },
  {
    key: 'supply-warehouses',
    group: 'resources',
    path: '/supplies/warehouses',
    label: '仓库',
    icon: <InboxOutlined />,
    allowed: (user) => can(user, 'supplies:read'),
    component: lazy(() => import('../features/supplies/WarehousesPage.tsx').then((m) => ({ default: m.WarehousesPage }))),
  },
  {
    key: 'supply-ledger',
    group: 'resources',
    path: '/supplies/ledger',
    label: '库存台账',
    icon: <BookOutlined />,
    allowed: (user) => can(user, 'supplies:read'),
    component: lazy(() => import('../features/supplies/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage }))),
  },
  {
    key: 'supply-transfers',
    group: 'resources',
    path: '/supplies/transfers',
    label: '调拨审批',
    icon: <SwapOutlined />,
    allowed: (user) => can(user, 'supplies:read'),
    component: lazy(() => import('../features/supplies/TransfersPage.tsx').then((m) => ({ default: m.TransfersPage }))),
  },
  {
    key: 'supply-alerts',
    group: 'resources',
    path: '/supplies/alerts',
    label: '物资预警',
    icon: <AlertOutlined />,
    allowed: (user) => can(user, 'supplies:read'),
    component: lazy(() => import('../features/supplies/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage }))),
  },
  {
    key: 'rescue-teams',
    group: 'resources',
    path: '/rescue/teams',
    label: '救援队伍',
    icon: <ThunderboltOutlined />,
    allowed: (user) => can(user, 'rescue:read'),
    component: lazy(() => import('../features/rescue/TeamsPage.tsx').then((m) => ({ default: m.TeamsPage }))),
  },
  {
    key: 'rescue-standards',
    group: 'resources',
    path: '/rescue/standards',
    label: '达标检查',
    icon: <SafetyCertificateOutlined />,
    allowed: (user) => can(user, 'rescue:read'),
    component: lazy(() => import('../features/rescue/StandardsPage.tsx').then((m) => ({ default: m.StandardsPage }))),
  },
  {
    key: 'rescue-experts',
    group: 'resources',
    path: '/rescue/experts',
    label: '专家库',
    icon: <SolutionOutlined />,
    allowed: (user) => can(user, 'rescue:read'),
    component: lazy(() => import('../features/rescue/ExpertsPage.tsx').then((m) => ({ default: m.ExpertsPage }))),
  },
  {
    key: 'rescue-equipment',
    group: 'resources',
    path: '/rescue/equipment',
    label: '装备',
    icon: <ToolOutlined />,
    allowed: (user) => can(user, 'rescue:read'),
    component: lazy(() => import('../features/rescue/EquipmentPage.tsx').then((m) => ({ default: m.EquipmentPage }))),
  },
  {
    key: 'shelters',
    group: 'resources',
    path: '/shelters',
    label: '避难场所',
    icon: <HomeOutlined />,
    allowed: (user) => can(user, 'shelters:read'),
    component: lazy(() => import('../features/shelters/SheltersPage.tsx').then((m) => ({ default: m.SheltersPage }))),
  },
  {
    key: 'shelter-coverage',
    group: 'resources',
    path: '/shelter-coverage',
    label: '覆盖分析',
    icon: <PieChartOutlined />,
    allowed: (user) => can(user, 'shelters:read'),
    component: lazy(() => import('../features/shelters/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage }))),
  },
  {
    key: 'protection-targets',
    group: 'resources',
    path: '/protection-targets',
    label: '防护目标',
    icon: <AimOutlined />,
    allowed: (user) => can(user, 'shelters:read'),
    component: lazy(() => import('../features/shelters/TargetsPage.tsx').then((m) => ({ default: m.TargetsPage }))),
  },
  {
    key: 'duty-holders',
    group: 'resources',
    path: '/duty-holders',
    label: '责任人',
    icon: <UserSwitchOutlined />,
    allowed: (user) => can(user, 'shelters:read'),
    component: lazy(() => import('../features/shelters/DutyHoldersPage.tsx').then((m) => ({ default: m.DutyHoldersPage }))),
  },
  {
    key: 'monitoring-stations',
    group: 'monitoring',
    path: '/monitoring/stations',
    label: '监测站点',
    icon: <DashboardOutlined />,
    allowed: (user) => can(user, 'monitoring:read'),
    component: lazy(() => import('../features/monitoring/StationsPage.tsx').then((m) => ({ default: m.StationsPage }))),
  },
  {
    key: 'monitoring-alarms',
    group: 'monitoring',
    path: '/monitoring/alarms',
    label: '告警',
    icon: <BellOutlined />,
    allowed: (user) => can(user, 'monitoring:read'),
    component: lazy(() => import('../features/monitoring/AlarmsPage.tsx').then((m) => ({ default: m.AlarmsPage }))),
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
