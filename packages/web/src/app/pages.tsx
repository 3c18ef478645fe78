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
// 预警发布 pages (features/warnings)
import { ContactsOutlined, NotificationOutlined } from '@ant-design/icons';
import { MobileOutlined, SoundOutlined } from '@ant-design/icons';
// 应急预案与演练 pages (features/plans)
import { CalendarOutlined, FieldTimeOutlined, FileProtectOutlined, ProfileOutlined } from '@ant-design/icons';
// One lazy component for the phone page, which is both a menu entry and a standalone page (STANDALONE_PAGES).
const MobileWarningsPage = lazy(() =>
  import('../features/warnings/MobileWarningsPage.tsx').then((m) => ({ default: m.MobileWarningsPage })),
);

/** The pages of the app, in menu order. Each loads on first visit, so the map's libraries wait for the map. */
/** Submenus of the left menu; a page names its group, or stands at the top level. */
export const MENU_GROUPS: { key: string; label: string; icon: ReactNode }[] = [
  { key: 'resources', label: '应急资源', icon: <DatabaseOutlined /> },
  { key: 'monitoring', label: '监测预警', icon: <MonitoringMenuIcon /> },
  { key: 'warnings', label: '预警发布', icon: <NotificationOutlined /> },
  { key: 'plans', label: '预案演练', icon: <FileProtectOutlined /> },
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
    key: 'warnings',
    group: 'warnings',
    path: '/warnings',
    label: '预警列表',
    icon: <SoundOutlined />,
    allowed: (user) => can(user, 'warnings:read'),
    component: lazy(() => import('../features/warnings/WarningsPage.tsx').then((m) => ({ default: m.WarningsPage }))),
  },
  {
    key: 'warning-confirm',
    group: 'warnings',
    // Outside the shell (STANDALONE_PAGES below): the phone page opens full screen from the menu too.
    path: '/m/warnings',
    label: '村级落实',
    icon: <MobileOutlined />,
    allowed: (user) => can(user, 'warnings:confirm'),
    component: MobileWarningsPage,
  },
  {
    key: 'warning-contacts',
    group: 'warnings',
    path: '/warning-contacts',
    label: '预警接收人',
    icon: <ContactsOutlined />,
    allowed: (user) => can(user, 'contacts:read'),
    component: lazy(() => import('../features/warnings/contacts/ContactsPage.tsx').then((m) => ({ default: m.ContactsPage }))),
  },
  {
    key: 'plans',
    group: 'plans',
    // Also /plans/<id> (detail) and /plans/<id>/digital (数字化预案), kept in the path by features/plans/planRoutes.ts.
    path: '/plans',
    label: '预案管理',
    icon: <ProfileOutlined />,
    allowed: (user) => can(user, 'plans:read'),
    component: lazy(() => import('../features/plans/PlansPage.tsx').then((m) => ({ default: m.PlansPage }))),
  },
  {
    key: 'drills',
    group: 'plans',
    path: '/drills',
    label: '应急演练',
    icon: <CalendarOutlined />,
    allowed: (user) => can(user, 'plans:read'),
    component: lazy(() => import('../features/plans/DrillsPage.tsx').then((m) => ({ default: m.DrillsPage }))),
  },
  {
    key: 'plan-overviews',
    group: 'plans',
    path: '/plan-overviews',
    label: '督办提醒',
    icon: <FieldTimeOutlined />,
    allowed: (user) => can(user, 'plans:read'),
    component: lazy(() => import('../features/plans/OverviewsPage.tsx').then((m) => ({ default: m.OverviewsPage }))),
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

/**
 * Pages drawn without the shell: `public` ones (公众预警) need no session at all; the others (phone pages) need one
 * but fill the screen. The login redirect brings a person back to them.
 */
export interface StandalonePage {
  path: string;
  public: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export const STANDALONE_PAGES: StandalonePage[] = [
  {
    path: '/public/warnings',
    public: true,
    component: lazy(() => import('../features/warnings/PublicWarningsPage.tsx').then((m) => ({ default: m.PublicWarningsPage }))),
  },
  {
    // 预警落实 on a phone (features/warnings): without the menu and header of the shell.
    path: '/m/warnings',
    public: false,
    component: MobileWarningsPage,
  },
];

export function standalonePageForPath(path: string): StandalonePage | undefined {
  return STANDALONE_PAGES.find((page) => path === page.path || path.startsWith(`${page.path}/`));
}
