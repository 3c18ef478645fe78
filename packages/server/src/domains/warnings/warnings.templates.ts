import { HAZARDS, RECIPIENT_GROUPS, type Hazard, type WarningLevel, type WarningTemplate } from '@yingji/contracts/warnings.ts';
import { warningTitle } from './warnings.rules.ts';

/** 防御指引 per hazard, in the wording of the national 预警信号 guidance (abridged for SMS). */
const GUIDANCE: Record<Hazard, { description: string; instruction: string }> = {
  rainstorm: {
    description: '预计未来 6 小时内我县部分乡镇将出现强降雨，累计雨量可达 50 毫米以上，局地伴有雷电、短时大风。',
    instruction:
      '请做好防御暴雨准备，切断低洼地带有危险的室外电源，转移危险地带人员，停止户外作业，防范山洪、地质灾害和城乡积涝。',
  },
  flash_flood: {
    description: '受持续强降雨影响，我县山区小流域发生山洪的可能性较大。',
    instruction: '沿河、山洪沟道附近群众请立即向高处转移，不要涉水过河，村（社区）责任人立即组织巡查和人员转移。',
  },
  flood: {
    description: '受上游来水和本地降雨影响，我县主要河流水位持续上涨，将接近或超过警戒水位。',
    instruction: '请沿河低洼地带群众做好转移准备，船只回港避险，堤防巡查人员加强巡堤查险。',
  },
  geological: {
    description: '受前期降雨影响，我县部分区域发生崩塌、滑坡、泥石流等地质灾害的风险较高。',
    instruction: '请地质灾害隐患点监测员加密巡查，发现裂缝、异响、渗水等前兆立即组织受威胁群众撤离，不要在陡坡下、沟谷边停留。',
  },
  forest_fire: {
    description: '近期我县气温偏高、降水偏少，森林火险气象等级高，林区可燃物极易燃烧。',
    instruction: '严禁野外用火，进山入林人员不得携带火种；护林员加强巡护，扑火队伍做好应急准备，发现火情立即报告。',
  },
  typhoon: {
    description: '今年第 X 号台风预计将影响我县，带来大风和强降雨。',
    instruction: '请加固门窗、围板、棚架等易被风吹动的搭建物，危房和低洼地带人员及时转移，停止户外集体活动和高空作业。',
  },
  gale: {
    description: '预计我县将出现 8 级以上大风。',
    instruction:
      '请关好门窗，加固围板、棚架、广告牌等易被风吹动的搭建物，行人注意尽量少骑自行车，刮风时不要在广告牌、临时搭建物下停留。',
  },
  heat: {
    description: '预计我县未来 3 天最高气温将达 35℃ 以上。',
    instruction: '请避免在高温时段进行户外活动，高温条件下作业的人员应缩短连续工作时间，老弱病幼人群注意防暑降温。',
  },
  cold_wave: {
    description: '受强冷空气影响，预计我县 48 小时内气温将下降 10℃ 以上。',
    instruction: '请注意添衣保暖，做好农作物、牲畜和水产养殖的防寒防冻工作，注意道路结冰带来的交通安全隐患。',
  },
  hail: {
    description: '预计我县部分乡镇将出现冰雹，并伴有雷电和短时大风。',
    instruction: '请户外行人立即到安全地方暂避，驱赶家禽、牲畜进入有顶棚的场所，妥善保护易受冰雹袭击的汽车等室外物品。',
  },
  thunder: {
    description: '预计我县将出现强雷电活动，局地伴有短时强降水和大风。',
    instruction: '请人员留在室内并关好门窗，户外人员躲入有防雷设施的建筑物内，切断危险电源，不要在树下、电杆下躲避。',
  },
  fog: {
    description: '预计我县部分地区将出现能见度小于 200 米的浓雾。',
    instruction: '驾驶人员注意浓雾变化，小心驾驶，减速慢行；机场、高速公路、轮渡码头等单位做好交通安全管理。',
  },
  other: { description: '请填写预警内容。', instruction: '请填写防御指引。' },
};

/** The composer's starting text for a hazard and level; the officer edits it before submitting. */
export function templateFor(hazard: Hazard, level: WarningLevel): WarningTemplate {
  const guidance = GUIDANCE[hazard];
  return {
    hazard,
    level,
    headline: `${warningTitle(hazard, level)}（请补充影响区域和时段）`.slice(0, 80),
    description: guidance.description,
    instruction: guidance.instruction,
    // 红色/橙色 reach every resident; 黄色/蓝色 go to those who act on them (责任人, cadres, 信息员, 网格员).
    groups: level === 'red' || level === 'orange' ? [...RECIPIENT_GROUPS] : RECIPIENT_GROUPS.filter((g) => g !== 'residents'),
  };
}

/** Every hazard's template at the given level, for the composer's template picker. */
export function allTemplates(level: WarningLevel): WarningTemplate[] {
  return HAZARDS.map((hazard) => templateFor(hazard, level));
}
