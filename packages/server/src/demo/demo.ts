import type { Role } from '@yingji/contracts/auth.ts';
import { generateDemoGeometry } from '../domains/areas/areas.demo.ts';
import { loadReferenceCounty } from '../domains/areas/areas.reference.ts';
import { loadSheltersDemo } from '../domains/shelters/shelters.demo.ts';
import { generateDemoRoads } from '../domains/roads/index.ts';
import { loadSuppliesDemo } from '../domains/supplies/supplies.demo.ts';
import { loadMonitoringDemo } from '../domains/monitoring/stations.demo.ts';
import { loadContactsDemo } from '../domains/warnings/contacts.demo.ts';
import { loadPlansDemo } from '../domains/plans/plans.demo.ts';
import { SYSTEM_ACTOR } from '../platform/access/actor.ts';
import { usersRepo } from '../platform/auth/users.repo.ts';
import type { Platform } from '../platform/platform.ts';

/** 连山壮族瑶族自治县: the first seed plan (000) and the demo county. */
export const DEMO_COUNTY = '441825';
/** Every demo login shares this password; it is printed by `npm run demo` and written in the README. */
export const DEMO_PASSWORD = 'Yingji-demo-2026';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** Appended to the county code: '' is the county itself, '100' is 永和镇, '100201' is 永联村. */
  areaSuffix: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'zhiban', displayName: '县应急局值班员 王值班', role: 'duty_officer', areaSuffix: '' },
  { username: 'lingdao', displayName: '县应急局带班领导 李局长', role: 'county_leader', areaSuffix: '' },
  { username: 'yonghe', displayName: '永和镇应急办 陈主任', role: 'township_officer', areaSuffix: '100' },
  { username: 'jitian', displayName: '吉田镇应急办 黄主任', role: 'township_officer', areaSuffix: '104' },
  { username: 'xinxiyuan', displayName: '永联村灾害信息员 莫信息员', role: 'village_reporter', areaSuffix: '100201' },
  { username: 'qiye', displayName: '企业安全员 韦安全', role: 'enterprise_safety', areaSuffix: '100' },
  { username: 'chakan', displayName: '只读用户 查看', role: 'readonly', areaSuffix: '' },
];

/**
 * Loads the demo county: real areas of the county, demo shapes and populations, and one user per role.
 * Running it again changes nothing that is already there.
 */
export async function loadDemo(platform: Platform, countyCode = DEMO_COUNTY) {
  const deps = { db: platform.db, audit: platform.audit, events: platform.events, clock: platform.clock };
  const county = await loadReferenceCounty(deps, SYSTEM_ACTOR, countyCode);
  if (!county.alreadyLoaded) await generateDemoGeometry(deps, SYSTEM_ACTOR, countyCode);
  const adminPassword = await platform.users.bootstrapAdmin(SYSTEM_ACTOR, platform.config.adminPassword);
  if (countyCode === DEMO_COUNTY) {
    for (const user of DEMO_USERS) {
      if (await usersRepo.byUsername(platform.db.kysely, user.username)) continue;
      await platform.users.create(SYSTEM_ACTOR, {
        username: user.username,
        displayName: user.displayName,
        roles: [user.role],
        areaCode: countyCode + user.areaSuffix,
        phone: null,
        password: DEMO_PASSWORD,
      });
    }
    // 救援力量演示数据 (seed 000's teams: 森林消防 7 支 88 人, 机动综合 282 人); skipped if already loaded.
    await platform.rescue.loadDemo(SYSTEM_ACTOR, countyCode, platform.areas);
    // 避难场所、防护目标、责任人演示数据 (some townships under R-09, some villages without 三防责任人); skipped if loaded.
    await loadSheltersDemo(platform, countyCode);
    // 应急物资演示数据 (county reserve, township stores, a village 储存室; batches near expiry, transfers); skipped if loaded.
    await loadSuppliesDemo(platform, countyCode);
    // 监测站点演示数据 (rain gauges in every township, water-level gauges with 警戒/保证水位, …); skipped if loaded.
    await loadMonitoringDemo(platform, countyCode);
    // 预警接收人演示数据 (residents with consent, 村干部, 灾害信息员, 特殊群体 with 四个一 in every village); skipped if loaded.
    await loadContactsDemo(platform, countyCode);
    // 应急预案演示数据 (001 专栏3 的 31 部预案; 防汛、森林火灾为完整数字化预案; a few drills); skipped if loaded.
    await loadPlansDemo(platform, countyCode);
  }
  // 演示路网 between the township centres and villages, so road distances can be shown; skipped if roads exist.
  await generateDemoRoads(platform.roads, platform.areas, countyCode);
  return { county, adminPassword };
}
