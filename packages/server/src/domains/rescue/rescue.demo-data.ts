import type { DutyState, ExpertField, TeamLevel, TeamType } from '@yingji/contracts/rescue.ts';

/**
 * What the 连山 demo of the rescue registers is made of (see rescue.demo.ts). Seed 000:「建有森林消防专业队伍 7 支共
 * 88 人，另外分别由县各相关职能部门分管领导和工作人员组成机动综合应急救援队伍 282 人」. Names of people are generated.
 */

export const SURNAMES = '莫覃韦陆黄李陈廖邓盘唐蒙欧林梁何冯刘赵房罗吴周谢'.split('');
export const GIVEN = '志明文华建国伟强海军永红丽芳秀英桂兰金龙德胜春生家成福平光辉小玲晓燕国庆振兴'.split('');

/** The nine township-level units of 连山 (GB/T 2260). */
export const T = {
  yonghe: '441825100',
  jitian: '441825104',
  taibao: '441825105',
  hedong: '441825106',
  futang: '441825108',
  xiaosanjiang: '441825109',
  shangshuai: '441825111',
  lianshanForestFarm: '441825450',
  hedongFarm: '441825451',
};
export const COUNTY_SEAT = '441825100001'; // 永和社区, the county seat

export interface TeamPlan {
  name: string;
  type: TeamType;
  level: TeamLevel;
  area: string;
  members: number;
  specialty?: string;
  dutyState?: DutyState;
  /** Department names used as members' positions (the 机动队 is made of departments' staff). */
  positions?: string[];
  equipment?: [kind: string, quantity: number, unit: string][];
}

export const DEPARTMENTS = [
  '县应急管理局',
  '县水利局',
  '县自然资源局',
  '县林业局',
  '县交通运输局',
  '县住房和城乡建设局',
  '县卫生健康局',
  '县公安局',
  '县民政局',
  '县气象局',
];
export const FOREST_KIT: [string, number, string][] = [
  ['风力灭火机', 8, '台'],
  ['水泵', 3, '台'],
  ['二号工具', 20, '把'],
];
export const TOWN_KIT: [string, number, string][] = [
  ['消防车', 1, '台'], // 003「各乡镇配备一台以上消防车」
  ['水泵', 2, '台'],
  ['发电机', 1, '台'],
  ['救生衣', 20, '件'],
];

export const TEAMS: TeamPlan[] = [
  {
    name: '连山县机动综合应急救援队伍',
    type: 'comprehensive',
    level: 'county',
    area: COUNTY_SEAT,
    members: 282,
    dutyState: 'on_duty',
    positions: DEPARTMENTS,
    equipment: [
      ['应急指挥车', 1, '台'],
      ['运兵车', 2, '台'],
      ['应急救援挖掘机', 1, '台'],
      ['应急救援铲车', 1, '台'],
      ['无人机', 3, '架'],
      ['卫星便携站', 1, '套'],
      ['冲锋舟', 2, '艘'],
      ['发电机', 4, '台'],
    ],
  },
  // 森林消防专业队伍 7 支共 88 人 (16 + 14 + 12 + 12 + 12 + 11 + 11).
  {
    name: '连山县森林消防专业队',
    type: 'forest_fire',
    level: 'county',
    area: COUNTY_SEAT,
    members: 16,
    dutyState: 'on_duty',
    specialty: '森林火灾扑救',
    equipment: [
      ['森林消防水罐车', 2, '台'],
      ['工具车', 1, '台'],
      ['风力灭火机', 20, '台'],
      ['水泵', 8, '台'],
      ['无人机', 2, '架'],
    ],
  },
  {
    name: '连山林场森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.lianshanForestFarm,
    members: 14,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  {
    name: '禾洞农林场森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.hedongFarm,
    members: 12,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  {
    name: '吉田镇森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.jitian,
    members: 12,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  {
    name: '太保镇森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.taibao,
    members: 12,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  {
    name: '小三江镇森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.xiaosanjiang,
    members: 11,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  {
    name: '上帅镇森林消防专业队',
    type: 'forest_fire',
    level: 'township',
    area: T.shangshuai,
    members: 11,
    specialty: '森林火灾扑救',
    equipment: FOREST_KIT,
  },
  // 镇级综合应急救援队 (R-08: ≥ 20); 太保、禾洞、上帅 below the standard.
  { name: '永和镇综合应急救援队', type: 'comprehensive', level: 'township', area: T.yonghe, members: 26, equipment: TOWN_KIT },
  { name: '吉田镇综合应急救援队', type: 'comprehensive', level: 'township', area: T.jitian, members: 22, equipment: TOWN_KIT },
  { name: '太保镇综合应急救援队', type: 'comprehensive', level: 'township', area: T.taibao, members: 18, equipment: TOWN_KIT },
  {
    name: '禾洞镇综合应急救援队',
    type: 'comprehensive',
    level: 'township',
    area: T.hedong,
    members: 15,
    dutyState: 'resting',
    equipment: TOWN_KIT,
  },
  { name: '福堂镇综合应急救援队', type: 'comprehensive', level: 'township', area: T.futang, members: 21, equipment: TOWN_KIT },
  {
    name: '小三江镇综合应急救援队',
    type: 'comprehensive',
    level: 'township',
    area: T.xiaosanjiang,
    members: 20,
    dutyState: 'deployed',
    equipment: TOWN_KIT,
  },
  {
    name: '上帅镇综合应急救援队',
    type: 'comprehensive',
    level: 'township',
    area: T.shangshuai,
    members: 16,
    equipment: TOWN_KIT,
  },
  // 社会力量、志愿者、企业 (000「每个村（社区）都有防灾减灾救灾志愿者」; 001「企业的队伍根据实际配备」).
  {
    name: '连山县应急救援志愿者服务队',
    type: 'volunteer',
    level: 'county',
    area: COUNTY_SEAT,
    members: 35,
    specialty: '群众转移、物资搬运',
  },
  {
    name: '连山县山地搜救协会',
    type: 'social',
    level: 'county',
    area: T.yonghe,
    members: 24,
    specialty: '山地搜救',
    equipment: [['救援绳索', 10, '套']],
  },
  {
    name: '某水电站企业专职应急队（演示）',
    type: 'enterprise',
    level: 'enterprise',
    area: T.xiaosanjiang,
    members: 8,
    specialty: '水电站防汛',
    equipment: [['冲锋舟', 1, '艘']],
  },
];

/** 村级综合应急救援队 (R-08: ≥ 10), two villages per town; sizes straddle the minimum. */
export const VILLAGE_TEAM_TOWNS = [T.yonghe, T.jitian, T.taibao, T.hedong, T.futang, T.xiaosanjiang, T.shangshuai];

export const EXPERTS: [
  name: string,
  fields: ExpertField[],
  title: string,
  organisation: string,
  area: string,
  available: boolean,
][] = [
  ['覃建国', ['防汛抗旱'], '高级工程师', '连山县水利局', COUNTY_SEAT, true],
  ['黄振兴', ['防汛抗旱', '地质灾害'], '工程师', '连山县水利局', COUNTY_SEAT, true],
  ['莫志明', ['地质灾害'], '高级工程师', '连山县自然资源局', COUNTY_SEAT, true],
  ['韦光辉', ['森林防火'], '林业高级工程师', '连山县林业局', COUNTY_SEAT, true],
  ['陆春生', ['森林防火'], '林业工程师', '连山林场', T.lianshanForestFarm, false],
  ['陈秀英', ['医疗救护'], '主任医师', '连山县人民医院', COUNTY_SEAT, true],
  ['李丽', ['医疗救护'], '主治医师', '吉田镇卫生院', T.jitian, true],
  ['廖国庆', ['建筑结构'], '高级工程师', '连山县住房和城乡建设局', COUNTY_SEAT, true],
  ['邓文华', ['危险化学品', '安全生产'], '注册安全工程师', '连山县应急管理局', COUNTY_SEAT, true],
  ['唐德胜', ['安全生产', '矿山'], '高级工程师', '连山县应急管理局', COUNTY_SEAT, false],
  ['蒙海军', ['消防'], '高级专业技术职务', '连山县消防救援大队', COUNTY_SEAT, true],
  ['欧晓燕', ['气象'], '高级工程师', '连山县气象局', COUNTY_SEAT, true],
  ['林永红', ['电力'], '工程师', '连山供电局', T.yonghe, true],
  ['梁家成', ['通信', '信息化'], '工程师', '连山县政务服务数据管理局', COUNTY_SEAT, true],
  ['何福平', ['交通运输'], '工程师', '连山县交通运输局', COUNTY_SEAT, true],
];
