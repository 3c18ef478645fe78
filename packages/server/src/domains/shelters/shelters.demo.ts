import { bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { DutyHolderCreate, ShelterCreate, ShelterFacility, TargetCreate, TargetType } from '@yingji/contracts/shelters.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';

/*
 * Demo shelters, protection targets and duty-holders for 连山 (441825). Everything here is invented for the demo:
 * the rows carry demo = 1 and the note 演示数据, and every screen labels them. Sizes are derived from each township's
 * (demo) population so the R-09 table shows both 达标 and 不足; a few villages get no 三防责任人 so the gap report
 * has something to show.
 */

const NOTE = '演示数据（非真实）';

/** Outdoor (中心 + 固定) and indoor capacity planned per township, as shares of its population. */
const PLAN: Record<string, { outdoor: number; indoor: number }> = {
  '441825100': { outdoor: 0.26, indoor: 0.045 }, // 永和镇: county seat, 达标
  '441825104': { outdoor: 0.22, indoor: 0.035 }, // 吉田镇: 达标
  '441825105': { outdoor: 0.12, indoor: 0.032 }, // 太保镇: outdoor short
  '441825106': { outdoor: 0.24, indoor: 0.04 }, // 禾洞镇: 达标
  '441825108': { outdoor: 0.21, indoor: 0.015 }, // 福堂镇: indoor short
  '441825109': { outdoor: 0.23, indoor: 0.036 }, // 小三江镇: 达标
  '441825111': { outdoor: 0.1, indoor: 0.01 }, // 上帅镇: both short
  '441825450': { outdoor: 0.3, indoor: 0.05 }, // 连山林场: 达标
  '441825451': { outdoor: 0.15, indoor: 0 }, // 禾洞农林场: no indoor shelter
};

const SURNAMES = ['覃', '莫', '韦', '黄', '李', '陈', '陆', '蒙', '廖', '唐', '邓', '盘', '房', '沈', '欧', '吴'];
const GIVEN = ['建国', '永强', '秀英', '志明', '海燕', '国华', '丽萍', '文军', '春梅', '德胜', '少华', '桂兰', '明亮', '玉珍'];

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shape = Feature<
  Polygon | MultiPolygon,
  { code: string; name: string; parentCode: string | null; population: number | null }
>;

/** "永联村委会" → "永联村", "金山居委会" → "金山社区": the name people use. */
const shortName = (name: string) =>
  name
    .replace(/村委会$/, '村')
    .replace(/社区居委会$/, '社区')
    .replace(/居委会$/, '社区')
    .replace(/场部虚拟生活区$/, '场部');

/** The hall of a village's committee: 村委会 for villages, 居委会 for communities. */
const committee = (name: string) => shortName(name).replace(/村$/, '村委会').replace(/社区$/, '社区居委会');

export async function loadSheltersDemo(platform: Platform, countyCode: string): Promise<{ loaded: boolean }> {
  const { shelters: domain, db } = platform;
  const existing = await db.kysely.selectFrom('shelters').select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
  if (existing) return { loaded: false };

  const random = seededRandom(Number(countyCode) + 21734);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const person = () => pick(SURNAMES) + pick(GIVEN);
  let phoneSeq = 0;
  // 138-0000-xxxx: plainly not anyone's number.
  const phone = () => `1380000${String((phoneSeq += 1)).padStart(4, '0')}`;

  const fc = await platform.areas.geojson(SYSTEM_ACTOR, countyCode, ['township', 'village']);
  const shapes = fc.features as unknown as Shape[];
  const townships = shapes.filter((f) => f.properties.code.length === 9);
  const villagesOf = (code: string) => shapes.filter((f) => f.properties.parentCode === code);

  /** A point inside the shape: its pointOnFeature first, then seeded points, so entries in a village do not overlap. */
  const used = new Map<string, number>();
  const placeIn = (shape: Shape) => {
    const n = used.get(shape.properties.code) ?? 0;
    used.set(shape.properties.code, n + 1);
    if (n === 0) {
      const [lon, lat] = pointOnFeature(shape).geometry.coordinates as [number, number];
      return { lon, lat };
    }
    const [minX, minY, maxX, maxY] = bbox(shape);
    for (let tries = 0; tries < 1000; tries += 1) {
      const p = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)] as [number, number];
      if (booleanPointInPolygon(p, shape)) return { lon: p[0], lat: p[1] };
    }
    throw new Error(`no point found in ${shape.properties.code}`);
  };

  const shelterInputs: ShelterCreate[] = [];
  const targetInputs: TargetCreate[] = [];
  const facilitySets: ShelterFacility[][] = [
    ['water', 'power', 'toilet', 'medical', 'supplies', 'lighting', 'broadcast', 'signage'],
    ['water', 'power', 'toilet', 'lighting', 'signage'],
    ['water', 'power', 'toilet'],
  ];
  const shelter = (shape: Shape, name: string, type: 'indoor' | 'outdoor', grade: ShelterCreate['grade'], places: number) =>
    shelterInputs.push({
      name,
      type,
      grade,
      // Area for the planned places at the default 1.5 m² per person, rounded up to 10 m².
      usableArea: Math.ceil((places * 1.5) / 10) * 10,
      facilities: grade === 'central' ? facilitySets[0]! : grade === 'fixed' ? facilitySets[1]! : facilitySets[2]!,
      managerName: person(),
      managerPhone: phone(),
      address: null,
      note: NOTE,
      ...placeIn(shape),
    });
  const target = (shape: Shape, name: string, type: TargetType, people: number) =>
    targetInputs.push({
      name,
      type,
      people,
      responsibleName: person(),
      responsiblePhone: phone(),
      address: null,
      note: NOTE,
      ...placeIn(shape),
    });

  for (const township of townships) {
    const { code, name, population } = township.properties;
    const plan = PLAN[code];
    const villages = villagesOf(code);
    if (!plan || !population || villages.length === 0) continue;
    const seat = villages[0]!;
    const outdoor = Math.ceil(population * plan.outdoor);
    const fixedVillages = villages.slice(1, 3).length ? villages.slice(1, 3) : [seat];
    if (code === '441825100' || code === '441825104') {
      shelter(seat, `${name}中心避难场所（人民广场）`, 'outdoor', 'central', Math.ceil(outdoor * 0.5));
      for (const v of fixedVillages)
        shelter(
          v,
          `${shortName(v.properties.name)}文化广场`,
          'outdoor',
          'fixed',
          Math.ceil((outdoor * 0.5) / fixedVillages.length),
        );
    } else {
      shelter(seat, `${name}中心小学操场`, 'outdoor', 'fixed', Math.ceil(outdoor * 0.6));
      for (const v of fixedVillages)
        shelter(
          v,
          `${shortName(v.properties.name)}文化广场`,
          'outdoor',
          'fixed',
          Math.ceil((outdoor * 0.4) / fixedVillages.length),
        );
    }
    // 紧急 sites: small, close at hand, not counted by R-09.
    for (const v of villages.slice(3, 5))
      shelter(
        v,
        `${shortName(v.properties.name)}${v.properties.name.includes('居委会') ? '' : '村口'}空地`,
        'outdoor',
        'emergency',
        150 + Math.round(random() * 200),
      );
    if (plan.indoor > 0) {
      const indoor = Math.ceil(population * plan.indoor);
      shelter(seat, `${name}中学体育馆`, 'indoor', 'fixed', Math.ceil(indoor * 0.7));
      shelter(
        villages[1] ?? seat,
        `${committee((villages[1] ?? seat).properties.name)}礼堂`,
        'indoor',
        'emergency',
        indoor - Math.ceil(indoor * 0.7),
      );
    }

    target(seat, `${name}中心小学`, 'school', 400 + Math.round(random() * 600));
    target(seat, `${name}卫生院`, 'hospital', 40 + Math.round(random() * 60));
    target(seat, `${name}敬老院`, 'nursing_home', 20 + Math.round(random() * 40));
    if (villages[2]) target(villages[2], `${shortName(villages[2].properties.name)}水库`, 'reservoir', 5);
    if (code === '441825100') {
      target(seat, '连山县人民医院', 'hospital', 650);
      target(seat, '连山中学', 'school', 2600);
      target(villages[1] ?? seat, '县城农贸市场', 'crowded_place', 1500);
      target(villages[2] ?? seat, '永和加油站', 'hazchem', 12);
    }
  }

  const createdShelters = await domain.shelters.importRows(
    SYSTEM_ACTOR,
    shelterInputs.map((value, i) => ({ row: i + 2, value })),
    { demo: true },
  );
  const createdTargets = await domain.targets.importRows(
    SYSTEM_ACTOR,
    targetInputs.map((value, i) => ({ row: i + 2, value })),
    { demo: true },
  );

  // The county seat's central shelter is open with people in it, so the map shows both states.
  const central = createdShelters.find((s) => s.grade === 'central' && s.areaCode.startsWith('441825100'));
  if (central) {
    await domain.shelters.setOpen(SYSTEM_ACTOR, central.id, true);
    await domain.shelters.changeOccupancy(SYSTEM_ACTOR, central.id, { occupancy: Math.min(86, central.capacity) });
  }

  const holders: DutyHolderCreate[] = [];
  const holder = (
    areaCode: string,
    role: DutyHolderCreate['role'],
    title: string,
    link: { shelterId?: string; targetId?: string } = {},
  ) =>
    holders.push({
      name: person(),
      phone: phone(),
      role,
      title,
      areaCode,
      shelterId: link.shelterId ?? null,
      targetId: link.targetId ?? null,
      note: NOTE,
    });
  let villageIndex = 0;
  for (const township of townships) {
    holder(township.properties.code, 'sanfang', '镇长（三防指挥部指挥）');
    for (const village of villagesOf(township.properties.code)) {
      // Every seventh village is left without a 三防责任人: the gap report's demo content.
      if (villageIndex++ % 7 !== 3) holder(village.properties.code, 'sanfang', pick(['村委会主任', '村党支部书记']));
    }
  }
  for (const t of createdTargets) holder(t.areaCode, 'baobao', '包保干部', { targetId: t.id });
  for (const s of createdShelters.filter((s) => s.grade !== 'emergency'))
    holder(s.areaCode, 'baobao', '场所包保干部', { shelterId: s.id });
  await domain.dutyHolders.createMany(SYSTEM_ACTOR, holders, { demo: true });
  return { loaded: true };
}
