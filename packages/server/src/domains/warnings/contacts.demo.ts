import type { AreaNode } from '@yingji/contracts/areas.ts';
import type { ContactCreate, SpecialNeed } from '@yingji/contracts/warnings.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { ContactsService, type ContactsDeps } from './contacts.service.ts';

/*
 * Demo 预警接收人 for 连山 (441825): in every village about twenty residents (most agreed to receive warnings, a
 * few did not), one 村干部, one 灾害信息员, and three 特殊群体 with their 临灾转移“四个一” (some villages leave one part
 * open, so the list has something to follow up). Everything is invented: names are drawn from common local surnames,
 * numbers are 139-0000-xxxx (plainly nobody's), rows carry demo = 1 and the note 演示数据. Deterministic: the n-th
 * person of the county always gets the same name and number.
 */

const NOTE = '演示数据（非真实）';
const RESIDENTS_PER_VILLAGE = 20;

// 连山 is a 壮族瑶族 county: 莫、覃、韦、盘、房、沈 are as common as 黄、李、陈.
const SURNAMES = [
  '莫',
  '覃',
  '韦',
  '黄',
  '李',
  '陈',
  '盘',
  '房',
  '沈',
  '陆',
  '蒙',
  '廖',
  '唐',
  '邓',
  '欧',
  '吴',
  '梁',
  '何',
  '罗',
  '冯',
  '林',
];
const GIVEN = [
  '秀英',
  '桂芳',
  '玉兰',
  '美玲',
  '春花',
  '志强',
  '建华',
  '国强',
  '永明',
  '海龙',
  '德福',
  '金凤',
  '少军',
  '文华',
  '丽娟',
  '家宝',
  '小燕',
  '光荣',
  '国平',
  '建军',
  '晓东',
  '月娥',
  '石贵',
  '满妹',
  '亚妹',
  '福生',
  '进财',
  '锦华',
  '瑞芳',
  '水生',
  '玉梅',
  '志刚',
  '天保',
  '凤英',
  '远航',
  '秋菊',
  '红梅',
  '卫东',
  '成才',
];

/** The three 特殊群体 of a village: which resident (by index), and what they need, in turn across villages. */
const SPECIAL_SLOTS: { resident: number; needs: SpecialNeed[] }[] = [
  { resident: 1, needs: ['elderly'] },
  { resident: 6, needs: ['bedridden', 'disabled', 'elderly'] },
  { resident: 12, needs: ['child', 'pregnant', 'disabled', 'other'] },
];
/** 安置点 near home: the committee's hall, the school, the activity room, the ancestral hall. */
const shelterNames = (village: AreaNode, place: string) => [
  `${village.name}会议室`,
  `${place}小学教室`,
  `${place}文化活动室`,
  `${place}卫生室旁祠堂`,
];

/** "永联村委会" → "永联村", "金山社区居委会" → "金山社区": the name people use. */
const shortName = (name: string) => name.replace(/村委会$/, '村').replace(/居委会$/, '');

/** The n-th person of the county: a name and a 139-0000-xxxx number, both fixed by n. */
function person(n: number): { name: string; phone: string } {
  // Strides prime to the list lengths (21, 39), so every name comes round and neighbours rarely share one.
  const name = SURNAMES[(n * 8 + 3) % SURNAMES.length]! + GIVEN[(n * 11 + 5) % GIVEN.length]!;
  return { name, phone: `1390000${String(n).padStart(4, '0')}` };
}

/** Every village of the county (the areas tree, county → township → village). */
function villagesOf(tree: AreaNode[]): AreaNode[] {
  return tree.flatMap((county) => county.children.flatMap((township) => township.children)).filter((a) => a.level === 'village');
}

/** The contacts of one village; `next` hands out the county-wide person numbers. */
function demoContactsOf(village: AreaNode, villageIndex: number, next: () => number): ContactCreate[] {
  const place = shortName(village.name);
  const base = { email: null, areaCode: village.code, consent: true, specialNeed: null, note: NOTE } as const;
  const none = { helperName: null, helperPhone: null, route: null, shelterName: null };
  const cadre = person(next());
  const officer = person(next());
  const contacts: ContactCreate[] = [
    { ...base, ...none, ...cadre, group: 'village_heads', email: `cgb.${village.code}@example.com`, note: `村委会主任；${NOTE}` },
    {
      ...base,
      ...none,
      ...officer,
      group: 'info_officers',
      email: `xxy.${village.code}@example.com`,
      note: `村灾害信息员；${NOTE}`,
    },
  ];
  const residents = Array.from({ length: RESIDENTS_PER_VILLAGE }, () => person(next()));
  residents.forEach((resident, i) => {
    const slot = SPECIAL_SLOTS.findIndex((s) => s.resident === i);
    // Three in twenty have not agreed (or not yet) to receive warning SMS.
    const consent = i % 7 !== 3;
    if (slot < 0) {
      contacts.push({ ...base, ...none, ...resident, group: 'residents', consent });
      return;
    }
    const needs = SPECIAL_SLOTS[slot]!.needs;
    // The 转移责任人: the 村干部 for the first, a neighbour (the next resident) for the others.
    const helper = slot === 0 ? cadre : residents[i + 1]!;
    const shelters = shelterNames(village, place);
    const shelterName = shelters[(villageIndex + slot) % shelters.length]!;
    // Every fourth village has not yet fixed the last person's route: the 四个一 check shows it.
    const routeMissing = slot === 2 && villageIndex % 4 === 1;
    contacts.push({
      ...base,
      ...resident,
      group: 'residents',
      consent,
      specialNeed: needs[villageIndex % needs.length]!,
      helperName: helper.name,
      helperPhone: helper.phone,
      route: routeMissing
        ? null
        : `从家中沿村道${['向东', '向北', '过桥向西'][slot]}步行至${shelterName}，约 ${300 + ((villageIndex * 37 + slot * 113) % 900)} 米`,
      shelterName,
    });
  });
  return contacts;
}

/** Loads the demo county's contacts once (skipped when any are there); returns how many were added. */
export async function loadContactsDemo(deps: ContactsDeps, countyCode: string): Promise<{ loaded: number }> {
  const contacts = new ContactsService(deps);
  if (await contacts.hasDemo(countyCode)) return { loaded: 0 };
  const villages = villagesOf(await deps.areas.tree(SYSTEM_ACTOR, countyCode, 2));
  let n = 0;
  const next = () => (n += 1);
  const inputs = villages.flatMap((village, i) => demoContactsOf(village, i, next));
  return { loaded: await contacts.loadDemo(SYSTEM_ACTOR, countyCode, inputs) };
}
