import type { Role } from './auth.ts';

/**
 * What each role may do, platform-wide: one table read by the server (which enforces it) and the web app (which
 * hides what would be refused). Domains add their permissions here; the area half of each check is the user's scope.
 */
export const PERMISSIONS = {
  'areas:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'areas:edit': ['admin', 'duty_officer', 'township_officer'],
  'areas:import': ['admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin', 'county_leader', 'duty_officer', 'township_officer', 'readonly'],
  'audit:verify': ['admin'],
  'rules:edit': ['admin'],
  // 周边资源 and 路网: everyone who sees registers may search near a point (each register's own read key is checked
  // too, see NearbyService.registerSource) and see the road network; closing a flooded road is an operational edit of
  // those who keep their area's registers (within scope); replacing the whole network is the administrator's.
  'nearby:search': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'roads:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'roads:close': ['admin', 'duty_officer', 'township_officer'],
  'roads:import': ['admin'],
  // 避难场所、防护目标、责任人: every role that sees registers reads them (责任人名单 are posted publicly in villages);
  // those who keep the registers of their area edit them, including opening shelters and counting occupants.
  'shelters:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'shelters:edit': ['admin', 'duty_officer', 'township_officer'],
  // 应急物资: every role that sees registers reads stock within its scope (a village's 信息员 sees its 储存室); the
  // enterprise safety officer keeps an enterprise's own supplies, not government reserves, so is left out.
  'supplies:read': ['admin', 'duty_officer', 'county_leader', 'township_officer', 'village_reporter', 'readonly'],
  // Warehouses and stock movements are kept by those who keep their area's registers, within scope.
  'supplies:edit': ['admin', 'duty_officer', 'township_officer'],
  // The catalogue and its 储备标准 are county-wide, so not a township's to change.
  'supplies:catalogue': ['admin', 'duty_officer'],
  // 动用决策与指令下达 (004): releasing reserve stock to another warehouse is a command decision of the bureau's
  // leader or the officer on duty; the system administrator runs the software and does not decide over stock.
  'supplies:approve': ['county_leader', 'duty_officer'],
  // 救援力量 (teams, members, experts, equipment): every role that sees registers reads them within its scope (a
  // village or an enterprise must know who comes to help); those who keep their area's registers edit them. There is
  // no approval step: registering a team or a piece of equipment commits no resources.
  'rescue:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'rescue:edit': ['admin', 'duty_officer', 'township_officer'],
  // 监测站点 (E3): every role that sees registers reads stations and their readings within its scope (an enterprise's
  // safety officer watches its own 危化品 sources, a village's 信息员 its rain gauge); those who keep their area's
  // registers add stations and issue device credentials.
  'monitoring:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'monitoring:write': ['admin', 'duty_officer', 'township_officer'],
  // 告警确认 (E3): the officer on duty, the bureau's leader and a township's officer acknowledge the alarms of their area
  // with a note; reading alarms is 'monitoring:read'. The administrator runs the software and does not answer alarms.
  // Per-station rule overrides are threshold settings like the county-wide rules: 'rules:edit'.
  'alarms:ack': ['duty_officer', 'county_leader', 'township_officer'],
  // 预警信息发布 (E4): everyone who sees registers reads the warnings of their area (a village's 信息员 passes them
  // on); the county's officer on duty and a township's officer draft them; 审核 is the officer on duty's or the
  // leader's, 签发 (which publishes) the bureau leader's alone — and never on one's own draft (the service checks).
  // 落实 confirmations come from the villages and townships that carry the warning out.
  'warnings:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'warnings:draft': ['duty_officer', 'township_officer'],
  'warnings:review': ['duty_officer', 'county_leader'],
  'warnings:sign': ['county_leader'],
  'warnings:confirm': ['duty_officer', 'township_officer', 'village_reporter'],
  // 预警接收人 (resident phone groups, village cadres): kept by the officers of the area, like the other registers.
  'contacts:read': ['admin', 'duty_officer', 'county_leader', 'township_officer', 'village_reporter'],
  'contacts:edit': ['admin', 'duty_officer', 'township_officer', 'village_reporter'],
  // CAP documents from other systems (气象局): pushed by a system account or an officer on duty.
  'warnings:import': ['admin', 'duty_officer'],
  // 应急预案与演练 (E5): every role that sees registers reads the plans of its area and of the areas above it (a
  // township follows the county's plans); those who keep their area's registers draft plans, file them and plan
  // drills — an enterprise's safety officer only its enterprise plans (the service checks the category). 评审意见 are
  // entered by the bureau's and townships' officers (the experts' opinions) and the leader; 审批 is the leader's alone.
  'plans:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'plans:edit': ['admin', 'duty_officer', 'township_officer', 'enterprise_safety'],
  'plans:review': ['duty_officer', 'county_leader', 'township_officer'],
  'plans:approve': ['county_leader'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesMay(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
