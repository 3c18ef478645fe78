import { randomUUID } from 'node:crypto';
import type { CatalogueMark, PlanCategory, PlanEventClass, PlanHazard, PlanState } from '@yingji/contracts/plans.ts';
import { EMPTY_DIGITAL_PLAN, type DigitalPlan } from '@yingji/contracts/plans-digital.ts';
import type { Insertable } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/platform.ts';
import { drillsRepo } from './drills.repo.ts';
import { LIFECYCLE_UNSTARTED } from './plans.repo.ts';
import { FLOOD_HAZARDS, FLOOD_PLAN } from './plans.demo-flood.ts';
import { FOREST_FIRE_PLAN } from './plans.demo-forest.ts';
import { addMonths, todayInShanghai, validateDigitalPlan } from './plans.rules.ts';
import type { DrillsTable, PlansTable } from './plans.tables.ts';
import type { PlanTx } from './plans.writer.ts';

/*
 * The 31 plans of 001 专栏3 (seeds-catalogue §2.7) registered for the demo county, with 001's 新增 / 修订 marks and
 * the departments that usually write them. 防汛防旱防风防冻 and 森林火灾 are full digital plans, published and filed
 * (森林火灾 more than three years ago, so it shows as due for revision); 总体预案 awaits approval, 地质灾害 is under
 * review, the rest are being drafted. A few drills go with them. Everything carries demo = 1.
 */

interface CatalogueEntry {
  name: string;
  eventClass: PlanEventClass | null;
  hazards: PlanHazard[];
  department: string;
  mark: CatalogueMark;
}

const NATURAL: PlanHazard[] = [
  'rainstorm',
  'flood',
  'flash_flood',
  'typhoon',
  'drought',
  'freezing',
  'geological',
  'forest_fire',
  'earthquake',
  'biological',
];
const WEATHER: PlanHazard[] = ['rainstorm', 'typhoon', 'gale', 'heat', 'cold_wave', 'freezing', 'hail', 'thunder', 'fog'];

const e = (
  name: string,
  eventClass: PlanEventClass,
  hazards: PlanHazard[],
  department: string,
  mark: CatalogueMark,
): CatalogueEntry => ({
  name,
  eventClass,
  hazards,
  department,
  mark,
});

export const CATALOGUE: CatalogueEntry[] = [
  { name: '突发事件总体应急预案', eventClass: null, hazards: [], department: '县应急管理局', mark: 'revise' },
  // 自然灾害（7）
  e('自然灾害救助应急预案', 'natural_disaster', NATURAL, '县应急管理局', 'revise'),
  e('突发地质灾害应急预案', 'natural_disaster', ['geological'], '县自然资源局', 'revise'),
  e('防汛防旱防风防冻应急预案', 'natural_disaster', FLOOD_HAZARDS, '县应急管理局', 'revise'),
  e('森林火灾应急预案', 'natural_disaster', ['forest_fire'], '县林业局', 'revise'),
  e('地震应急预案', 'natural_disaster', ['earthquake'], '县应急管理局', 'revise'),
  e('气象灾害应急预案', 'natural_disaster', WEATHER, '县气象局', 'revise'),
  e('生物灾害应急预案', 'natural_disaster', ['biological'], '县农业农村局', 'new'),
  // 事故灾难（19）
  e('突发环境事件应急预案', 'accident', ['environmental'], '县生态环境分局', 'revise'),
  e('核应急预案', 'accident', ['nuclear'], '县生态环境分局', 'revise'),
  e('危险化学品事故应急预案', 'accident', ['hazchem'], '县应急管理局', 'revise'),
  e('电网大面积停电事件应急预案', 'accident', ['power_outage'], '县发展和改革局', 'revise'),
  e('通信保障应急预案', 'accident', ['communication'], '县工业和信息化局', 'revise'),
  e('处置铁路行车事故应急预案', 'accident', ['railway'], '县交通运输局', 'revise'),
  e('非煤矿山事故应急预案', 'accident', ['mine'], '县应急管理局', 'revise'),
  e('工贸行业事故应急预案', 'accident', ['industrial'], '县应急管理局', 'new'),
  e('重污染天气事件应急预案', 'accident', ['heavy_pollution'], '县生态环境分局', 'new'),
  e('火灾事故应急预案', 'accident', ['fire'], '县消防救援大队', 'new'),
  e('生态破坏事件应急预案', 'accident', ['ecological'], '县生态环境分局', 'new'),
  e('辐射事故应急预案', 'accident', ['radiation'], '县生态环境分局', 'new'),
  e('道路交通事故应急预案', 'accident', ['road_traffic'], '县公安局', 'new'),
  e('交通基础设施建设工程事故应急预案', 'accident', ['transport_construction'], '县交通运输局', 'new'),
  e('特种设备事故应急预案', 'accident', ['special_equipment'], '县市场监督管理局', 'new'),
  e('房屋建筑和市政基础设施工程事故应急预案', 'accident', ['building_construction'], '县住房和城乡建设局', 'new'),
  e('供水突发事件应急预案', 'accident', ['water_supply'], '县住房和城乡建设局', 'new'),
  e('燃气事故应急预案', 'accident', ['gas'], '县住房和城乡建设局', 'new'),
  e('长输管线事故应急预案', 'accident', ['pipeline'], '县发展和改革局', 'new'),
  // 应急保障（4）
  e('交通运输保障应急预案', 'support', [], '县交通运输局', 'new'),
  e('现场信息保障应急预案', 'support', [], '县应急管理局', 'new'),
  e('应急物资装备保障应急预案', 'support', [], '县应急管理局', 'new'),
  e('维护社会秩序应急预案', 'support', [], '县公安局', 'new'),
];

const COUNTY_PREFIX = '连山壮族瑶族自治县';
const REVIEWERS = [
  { name: '邓志华', unit: '省应急管理专家库' },
  { name: '覃明亮', unit: '市应急管理局' },
  { name: '黄秀英', unit: '县政府法制办' },
];

/** How far along each demo plan is; days are counted back from today. */
interface Progress {
  state: PlanState;
  digital?: DigitalPlan;
  publishedDaysAgo?: number;
  documentNumber?: string;
  filingNumber?: string;
  opinions?: number;
}
const PROGRESS: Record<string, Progress> = {
  防汛防旱防风防冻应急预案: {
    state: 'filed',
    digital: FLOOD_PLAN,
    publishedDaysAgo: 400,
    documentNumber: '连府办〔2025〕11号',
    filingNumber: '清远应急备〔2025〕27号',
    opinions: 3,
  },
  森林火灾应急预案: {
    state: 'filed',
    digital: FOREST_FIRE_PLAN,
    publishedDaysAgo: 3 * 365 + 100,
    documentNumber: '连府办〔2022〕35号',
    filingNumber: '清远应急备〔2022〕41号',
    opinions: 3,
  },
  突发事件总体应急预案: { state: 'approving', opinions: 3 },
  突发地质灾害应急预案: { state: 'reviewing', opinions: 2 },
};

export async function loadPlansDemo(platform: Platform, countyCode: string): Promise<{ loaded: boolean }> {
  const { db, clock } = platform;
  const existing = await db.kysely.selectFrom('plans').select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
  if (existing) return { loaded: false };
  const today = todayInShanghai(clock.now());
  const dayOffset = (days: number) => new Date(Date.parse(`${today}T02:00:00Z`) - days * 86_400_000).toISOString();
  const now = clock.now().toISOString();
  const ids = new Map<string, string>();
  const rows: Insertable<PlansTable>[] = CATALOGUE.map((entry) => {
    const id = randomUUID();
    ids.set(entry.name, id);
    const p = PROGRESS[entry.name] ?? { state: 'drafting' };
    const published = p.publishedDaysAgo === undefined ? null : dayOffset(p.publishedDaysAgo).slice(0, 10);
    const review = p.opinions
      ? {
          round: 1,
          reviewers: REVIEWERS.map((r, i) => ({
            ...r,
            opinion: i < p.opinions! ? (i === 1 ? 'agree_with_changes' : 'agree') : null,
            comment: i === 1 && i < p.opinions! ? '建议细化各镇转移安置责任分工' : null,
            recordedAt: i < p.opinions! ? dayOffset((p.publishedDaysAgo ?? 10) + 20 - i) : null,
          })),
        }
      : null;
    return {
      id,
      lineage_id: id,
      version: 1,
      name: COUNTY_PREFIX + entry.name,
      category: (entry.eventClass === null ? 'overall' : 'special') as PlanCategory,
      event_class: entry.eventClass,
      enterprise_form: null,
      owner_department: entry.department,
      area_code: countyCode,
      hazard_types: JSON.stringify(entry.hazards),
      public: 1,
      parent_id: null,
      related_ids: '[]',
      catalogue_mark: entry.mark,
      summary: null,
      state: p.state,
      digital: JSON.stringify(p.digital ?? EMPTY_DIGITAL_PLAN),
      level_count: p.digital?.levels.length ?? 0,
      ...LIFECYCLE_UNSTARTED,
      published_on: published,
      document_number: p.documentNumber ?? null,
      filing_number: p.filingNumber ?? null,
      filed_with: p.filingNumber ? '清远市应急管理局' : null,
      filed_on: published ? addMonths(published, 1) : null,
      review: review ? JSON.stringify(review) : null,
      previous_version_id: null,
      demo: 1,
      // Plans that went through review were registered before it; the rest now.
      created_at: p.opinions ? dayOffset((p.publishedDaysAgo ?? 10) + 40) : now,
      updated_at: now,
    };
  });
  const overall = ids.get('突发事件总体应急预案')!;
  // 上下衔接: every 专项 plan hangs under the 总体预案; 防汛 and 地质灾害 go together.
  for (const row of rows) if (row.id !== overall) row.parent_id = overall;
  const flood = rows.find((r) => r.id === ids.get('防汛防旱防风防冻应急预案'))!;
  flood.related_ids = JSON.stringify([ids.get('突发地质灾害应急预案'), ids.get('气象灾害应急预案')]);
  for (const row of rows) {
    const digital = JSON.parse(row.digital) as DigitalPlan;
    if (row.level_count! > 0 && !validateDigitalPlan(digital, JSON.parse(row.hazard_types)).publishable)
      throw new Error(`demo plan ${row.name} does not validate`);
  }

  // The overall plan goes in first: the others name it as their parent.
  await platform.plans.writer.transact(SYSTEM_ACTOR, async (tx) => {
    await tx.insert([rows.find((r) => r.id === overall)!, ...rows.filter((r) => r.id !== overall)], {
      action: 'plan.demo',
      note: '演示数据（非真实）',
    });
    for (const row of rows) await history(tx, row, dayOffset);
    await demoDrills(tx, platform.audit, ids, countyCode, dayOffset, now);
  });
  return { loaded: true };
}

/** The lifecycle the published demo plans went through, on their timelines, dated back from their publication. */
async function history(tx: PlanTx, row: Insertable<PlansTable>, dayOffset: (days: number) => string) {
  const p = PROGRESS[row.name!.slice(COUNTY_PREFIX.length)];
  if (!p?.opinions) return;
  const base = (p.publishedDaysAgo ?? 10) + 20;
  const steps: [Parameters<PlanTx['timeline']>[1], PlanState, PlanState, number, string | null][] = [
    ['submit_review', 'drafting', 'reviewing', base + 5, '组织专家评审'],
    ...REVIEWERS.slice(0, p.opinions).map(
      (r, i): [Parameters<PlanTx['timeline']>[1], PlanState, PlanState, number, string | null] => [
        'review_opinion',
        'reviewing',
        'reviewing',
        base - i,
        `${r.name}（${r.unit}）`,
      ],
    ),
  ];
  if (p.state !== 'reviewing') steps.push(['submit_approval', 'reviewing', 'approving', base - 5, null]);
  if (p.publishedDaysAgo !== undefined) {
    steps.push(['approve', 'approving', 'approved', p.publishedDaysAgo + 3, '同意印发']);
    steps.push(['publish', 'approved', 'published', p.publishedDaysAgo, p.documentNumber ?? null]);
    steps.push(['file', 'published', 'filed', p.publishedDaysAgo - 30, p.filingNumber ?? null]);
  }
  for (const [kind, from, to, days, note] of steps) await tx.timeline(row.id!, kind, from, to, note, null, dayOffset(days));
}

/** 防汛: a tabletop exercise evaluated last year whose finding flags the plan for revision, and a live drill soon; 森林火灾: a drill long ago (overdue) and one planned. */
async function demoDrills(
  tx: PlanTx,
  audit: AuditLog,
  ids: Map<string, string>,
  countyCode: string,
  dayOffset: (days: number) => string,
  now: string,
) {
  const flood = ids.get('防汛防旱防风防冻应急预案')!;
  const forest = ids.get('森林火灾应急预案')!;
  const drill = (
    planId: string,
    fields: Partial<Insertable<DrillsTable>> & Pick<Insertable<DrillsTable>, 'title' | 'type' | 'planned_on'>,
  ) => ({
    id: randomUUID(),
    plan_id: planId,
    plan_lineage_id: planId,
    area_code: countyCode,
    scenario: '',
    organiser: '县应急管理局',
    participants: '[]',
    state: 'planned' as const,
    conducted_on: null,
    execution: null,
    evaluation: null,
    cancel_reason: null,
    demo: 1,
    created_at: now,
    updated_at: now,
    ...fields,
  });
  const tabletopOn = dayOffset(300).slice(0, 10);
  const finding = '转移安置组与各镇之间的转移名单交接环节不清晰，预案未明确各镇转移责任人的报告时限';
  const rows = [
    drill(flood, {
      title: '汛前防汛防台风桌面推演',
      type: 'tabletop',
      scenario: '受台风外围环流影响，连江流域 24 小时降雨 180 毫米，上帅河水位超警戒 0.8 米，吉田镇两处山体滑坡',
      participants: JSON.stringify([
        { unit: '县三防指挥部成员单位', people: 36 },
        { unit: '各镇人民政府', people: 18 },
      ]),
      planned_on: tabletopOn,
      state: 'evaluated',
      conducted_on: tabletopOn,
      execution: JSON.stringify({
        conductedOn: tabletopOn,
        durationMinutes: 150,
        participantCount: 54,
        summary: '按Ⅳ级至Ⅱ级响应逐级推演，各成员单位汇报处置措施',
      }),
      evaluation: JSON.stringify({
        rating: 'good',
        summary: '响应启动及时，信息报送基本顺畅；转移安置环节衔接不足',
        problems: [finding],
        actions: [
          {
            description: '在预案中明确各镇转移责任人 2 小时内报告转移情况',
            owner: '县应急管理局',
            dueOn: null,
            requiresRevision: true,
          },
        ],
        evaluatedAt: dayOffset(290),
        evaluatedBy: 'zhiban',
      }),
    }),
    drill(flood, {
      title: '主汛期山洪灾害群众转移实战演练',
      type: 'live',
      scenario: '永和镇山洪沟上游短时强降雨，组织沿沟两个村群众转移至避难场所',
      area_code: `${countyCode}100`,
      organiser: '永和镇人民政府',
      participants: JSON.stringify([
        { unit: '永和镇人民政府', people: 40 },
        { unit: '县综合应急救援大队', people: 20 },
      ]),
      planned_on: dayOffset(-20).slice(0, 10),
    }),
    drill(forest, {
      title: '春季森林火灾扑救实战演练',
      type: 'live',
      scenario: '清明期间吉田镇林区因祭祀用火引发山火，火场面积约 3 公顷',
      organiser: '县林业局',
      planned_on: dayOffset(3 * 365 + 200).slice(0, 10),
      state: 'conducted',
      conducted_on: dayOffset(3 * 365 + 200).slice(0, 10),
      execution: JSON.stringify({
        conductedOn: dayOffset(3 * 365 + 200).slice(0, 10),
        durationMinutes: 180,
        participantCount: 120,
        summary: '森林消防专业队伍 4 支参演，开设隔离带 500 米',
      }),
    }),
    drill(forest, {
      title: '森林火灾双盲演练',
      type: 'double_blind',
      scenario: '不预先通知时间地点，检验夜间火情接报、集结和扑救能力',
      area_code: `${countyCode}104`,
      organiser: '县森林防灭火指挥部办公室',
      planned_on: dayOffset(-45).slice(0, 10),
    }),
  ];
  await drillsRepo.insertMany(tx.trx, rows);
  for (const row of rows) {
    await audit.record(tx.trx, tx.actor, {
      action: 'drill.demo',
      entity: 'drill',
      entityId: row.id,
      areaCode: row.area_code,
      after: row,
    });
  }
  await tx.flagRevision(await tx.locked(flood), {
    trigger: 'lessons',
    reason: `演练“汛前防汛防台风桌面推演”发现问题：${finding}`,
  });
}
