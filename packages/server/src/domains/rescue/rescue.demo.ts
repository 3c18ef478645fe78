import { randomUUID } from 'node:crypto';
import { bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Insertable } from 'kysely';
import type { EquipmentState } from '@yingji/contracts/rescue.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { AreasService } from '../areas/areas.service.ts';
import { equipmentRepo } from './equipment.repo.ts';
import { expertsRepo } from './experts.repo.ts';
import { membersRepo } from './members.repo.ts';
import { teamsRepo } from './teams.repo.ts';
import { EXPERTS, GIVEN, SURNAMES, TEAMS, VILLAGE_TEAM_TOWNS, type TeamPlan } from './rescue.demo-data.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { addDays, shanghaiDate } from './rescue.rules.ts';
import type {
  RescueCertificatesTable,
  RescueEquipmentTable,
  RescueExpertsTable,
  RescueMembersTable,
  RescueTeamsTable,
} from './rescue.tables.ts';

/**
 * 连山 demo data for the rescue registers, plainly marked (is_demo = 1, and a remark). The counts follow seed 000:
 * 「建有森林消防专业队伍 7 支共 88 人，另外分别由县各相关职能部门分管领导和工作人员组成机动综合应急救援队伍 282 人」;
 * township and village 综合 teams are sized around the R-08 minimums (001, 002), some below them so the standards
 * report has something to show. People's names and phone numbers are generated.
 */

const DEMO_REMARK = '演示数据：队伍、人员、装备均为生成数据，人数依据《连山壮族瑶族自治县应急管理“十四五”规划》（种子 000）';

/** Small seeded generator, so the demo looks the same on every machine. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shape = Feature<Polygon | MultiPolygon>;

/** A point inside the shape, different on each call (seeded), so entries of one village do not stack. */
function pointIn(shape: Shape, random: () => number): [number, number] {
  const [minX, minY, maxX, maxY] = bbox(shape);
  for (let tries = 0; tries < 500; tries += 1) {
    const p: [number, number] = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
    if (booleanPointInPolygon(p, shape)) return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
  }
  return pointOnFeature(shape).geometry.coordinates as [number, number];
}

/**
 * Loads the demo rescue registers into the demo county unless demo entries already exist. Written directly in one
 * transaction with one audit entry (like the areas' demo shapes): a demo load is one act, not 700 edits.
 */
export async function loadRescueDemo(
  deps: RescueDeps,
  areas: Pick<AreasService, 'geojson'>,
  actor: Actor,
  countyCode: string,
): Promise<{ teams: number }> {
  assertCan(actor, 'rescue:edit');
  const db = deps.db.kysely;
  const existing = await db
    .selectFrom('rescue_teams')
    .select('id')
    .where('is_demo', '=', 1)
    .where('area_code', 'like', `${countyCode}%`)
    .executeTakeFirst();
  if (existing) return { teams: 0 };
  const shapes = await areas.geojson(actor, countyCode, ['township', 'village']);
  const byCode = new Map(shapes.features.map((f) => [String(f.properties?.code), f as unknown as Shape]));
  if (byCode.size === 0) return { teams: 0 };
  const random = seeded(Number(countyCode) + 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
  const phone = () => `1380763${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
  // The deepest area holding the point; the planned area if the demo shapes leave a gap there.
  const locate = (lon: number, lat: number, planned: string) => deps.areas.locate(actor, lon, lat).catch(() => planned);
  const today = shanghaiDate(deps.clock.now());
  const now = deps.clock.now().toISOString();

  const villagePlans: TeamPlan[] = [];
  for (const town of VILLAGE_TEAM_TOWNS) {
    const villages = [...byCode.keys()]
      .filter((c) => c.length === 12 && c.startsWith(town) && c.slice(9, 10) === '2')
      .slice(0, 2);
    for (const village of villages) {
      const name = String(byCode.get(village)!.properties?.name ?? village).replace(/村委会$|居委会$/, '');
      villagePlans.push({
        name: `${name}村应急救援队`,
        type: 'comprehensive',
        level: 'village',
        area: village,
        members: 7 + Math.floor(random() * 8),
        equipment: [
          ['水泵', 1, '台'],
          ['救生衣', 10, '件'],
        ],
      });
    }
  }

  const teams: Insertable<RescueTeamsTable>[] = [];
  const members: Insertable<RescueMembersTable>[] = [];
  const certificates: Insertable<RescueCertificatesTable>[] = [];
  const equipment: Insertable<RescueEquipmentTable>[] = [];
  for (const plan of [...TEAMS, ...villagePlans]) {
    const shape = byCode.get(plan.area);
    if (!shape) continue;
    const [lon, lat] = pointIn(shape, random);
    const id = randomUUID();
    const areaCode = await locate(lon, lat, plan.area);
    teams.push({
      id,
      name: plan.name,
      type: plan.type,
      level: plan.level,
      specialty: plan.specialty ?? null,
      base_address: `${String(shape.properties?.name ?? '')}（示意位置）`,
      lon,
      lat,
      area_code: areaCode,
      leader_name: personName(),
      leader_phone: phone(),
      duty_phone: plan.level === 'county' ? '0763-6612110' : null,
      duty_state: plan.dutyState ?? 'standby',
      remarks: DEMO_REMARK,
      is_demo: 1,
      created_at: now,
      updated_at: now,
    });
    for (let i = 0; i < plan.members; i += 1) {
      const memberId = randomUUID();
      members.push({
        id: memberId,
        team_id: id,
        name: personName(),
        gender: random() < 0.85 ? ('男' as const) : ('女' as const),
        phone: i === 0 ? phone() : null,
        position: plan.positions ? pick(plan.positions) : i === 0 ? '队长' : i === 1 ? '副队长' : '队员',
        skills: JSON.stringify(
          plan.type === 'forest_fire'
            ? ['森林灭火', '野外生存']
            : [pick(['水域救援', '绳索救援', '心肺复苏', '破拆', '通信保障'])],
        ),
        created_at: now,
        updated_at: now,
      });
      // About a third hold a certificate; expiry dates around today, so some have lapsed.
      if (random() < 0.35) {
        certificates.push({
          id: randomUUID(),
          member_id: memberId,
          name: plan.type === 'forest_fire' ? '森林消防员职业资格证' : '应急救援员（四级）',
          number: `DEMO-${String(certificates.length + 1).padStart(5, '0')}`,
          expires_on: addDays(today, Math.floor(random() * 900) - 90),
        });
      }
    }
    for (const [kind, quantity, unit] of plan.equipment ?? []) {
      const roll = random();
      const state: EquipmentState = roll < 0.08 ? 'repair' : roll < 0.1 ? 'scrapped' : 'good';
      equipment.push({
        id: randomUUID(),
        kind,
        model: null,
        quantity,
        unit,
        owner_type: 'team' as const,
        owner_id: id,
        state,
        maintenance_due: addDays(today, Math.floor(random() * 240) - 30),
        last_maintained: addDays(today, -Math.floor(random() * 300) - 30),
        area_code: areaCode,
        remarks: DEMO_REMARK,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      });
    }
  }

  const experts: Insertable<RescueExpertsTable>[] = [];
  for (const [name, fields, title, organisation, area, available] of EXPERTS) {
    const shape = byCode.get(area);
    if (!shape) continue;
    const [lon, lat] = pointIn(shape, random);
    experts.push({
      id: randomUUID(),
      name,
      fields: JSON.stringify(fields),
      title,
      organisation,
      phone: phone(),
      available: available ? 1 : 0,
      availability_note: available ? null : '外出学习（演示）',
      lon,
      lat,
      area_code: await locate(lon, lat, area),
      remarks: '演示数据：专家姓名与电话为生成数据',
      is_demo: 1,
      created_at: now,
      updated_at: now,
    });
  }

  await db.transaction().execute(async (trx) => {
    await teamsRepo.insert(trx, deps.db.dialect, teams);
    await membersRepo.insert(trx, members);
    await membersRepo.insertCertificates(trx, certificates);
    await equipmentRepo.insert(trx, equipment);
    await expertsRepo.insert(trx, deps.db.dialect, experts);
    await deps.audit.record(trx, actor, {
      action: 'rescue.demo_load',
      entity: 'rescue_team',
      entityId: countyCode,
      areaCode: countyCode,
      after: {
        teams: teams.length,
        members: members.length,
        experts: experts.length,
        equipment: equipment.length,
        note: '救援力量演示数据',
      },
    });
  });
  await deps.events.publish('rescue.changed', countyCode, { kind: 'team', id: null, action: 'imported' });
  return { teams: teams.length };
}
