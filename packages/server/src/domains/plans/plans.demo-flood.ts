import type { PlanHazard } from '@yingji/contracts/plans.ts';
import type { DigitalPlan, LevelContent, PlanTask, Threshold, Trigger } from '@yingji/contracts/plans-digital.ts';

/*
 * 连山壮族瑶族自治县防汛防旱防风防冻应急预案 as a digital plan, written from the structure of Guangdong county 三防
 * plans: warnings (暴雨、洪水、台风、干旱, 寒冷/道路结冰) and casualty, relocation and loss thresholds start Ⅳ → Ⅰ.
 * Demo content: the departments are the county's usual ones, the figures are typical of such plans, not a county's own.
 */

type Level = 'blue' | 'yellow' | 'orange' | 'red';
const on = (hazard: PlanHazard, level: Level, description: string): Trigger => ({
  hazards: [hazard],
  warningLevel: { from: level, to: level },
  thresholds: [],
  description,
});
/** "min 以上 max 以下" = [min, max); null max: open. */
export const between = (metric: Threshold['metric'], min: number, max: number | null, description: string): Trigger => ({
  hazards: [],
  warningLevel: null,
  thresholds: [{ metric, min: { value: min, inclusive: true }, max: max === null ? null : { value: max, inclusive: false } }],
  description,
});
export const task = (department: string, group: string, withinMinutes: number, action: string): PlanTask => ({
  department,
  group,
  withinMinutes,
  action,
});

export const FLOOD_HAZARDS: PlanHazard[] = ['rainstorm', 'flood', 'flash_flood', 'typhoon', 'drought', 'freezing'];

const levels: LevelContent[] = [
  {
    level: 'IV',
    commander: '县三防指挥部副总指挥（县应急管理局局长）',
    triggers: [
      on('rainstorm', 'blue', '县气象台发布暴雨蓝色预警信号，且预计未来仍有较强降雨'),
      on('flood', 'blue', '连江、上帅河控制站水位达到警戒水位（洪水蓝色预警）'),
      on('typhoon', 'blue', '台风蓝色预警信号生效，预计对我县有影响'),
      on('drought', 'blue', '发布干旱蓝色预警，多个镇出现轻度干旱'),
      on('freezing', 'yellow', '发布寒冷或道路结冰黄色预警信号'),
      between('deaths', 1, 3, '因灾死亡（含失踪）1 人以上 3 人以下'),
      between('affected', 1000, 10000, '需紧急转移安置 1000 人以上 1 万人以下'),
      between('economicLoss', 500, 2000, '直接经济损失 500 万元以上 2000 万元以下'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 30, '启动Ⅳ级应急响应，通知县三防指挥部各成员单位和各镇进入防御状态'),
      task('县应急管理局', 'coordination', 60, '实行 24 小时值班，每日 17 时前向市三防办报送雨情、水情、灾情'),
      task('县气象局', 'monitoring', 30, '加密天气会商，每 3 小时滚动发布短时临近预报'),
      task('县水利局', 'monitoring', 60, '加强连江、上帅河水位和小型水库、山塘巡查，超汛限水位即时报告'),
      task('县自然资源局', 'monitoring', 120, '组织地质灾害隐患点群测群防员开展巡查'),
      task('各镇人民政府', 'transfer', 120, '三防责任人到岗到位，检查山洪、地质灾害危险区转移预案'),
      task('县交通运输局', 'security', 180, '检查易涝路段和危险边坡，设置警示标志'),
    ],
    resources: [
      { resource: '编织袋', quantity: 5000, unit: '条', location: '县应急物资储备仓库（待命）', department: '县应急管理局' },
    ],
    warnings: [
      {
        hazard: 'rainstorm',
        level: 'blue',
        audience: '各镇三防责任人、村（社区）信息员',
        content: '暴雨蓝色预警：请做好防御准备，加强巡查',
        department: '县气象局',
      },
    ],
  },
  {
    level: 'III',
    commander: '县三防指挥部常务副总指挥（分管副县长）',
    triggers: [
      on('rainstorm', 'yellow', '县气象台发布暴雨黄色预警信号'),
      on('flood', 'yellow', '主要河流控制站水位超警戒水位 0.5 米以上（洪水黄色预警）'),
      on('typhoon', 'yellow', '台风黄色预警信号生效'),
      on('drought', 'yellow', '发布干旱黄色预警，出现中度干旱'),
      on('freezing', 'orange', '发布寒冷或道路结冰橙色预警信号'),
      between('deaths', 3, 10, '因灾死亡（含失踪）3 人以上 10 人以下'),
      between('affected', 10000, 30000, '需紧急转移安置 1 万人以上 3 万人以下'),
      between('economicLoss', 2000, 5000, '直接经济损失 2000 万元以上 5000 万元以下'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 20, '启动Ⅲ级应急响应，常务副总指挥到县应急指挥中心坐镇指挥'),
      task('县应急管理局', 'rescue', 60, '县综合应急救援大队集结待命，冲锋舟、橡皮艇前置'),
      task('县水利局', 'rescue', 60, '派出技术专家组赴重点水库、堤防督导，病险水库空库运行'),
      task('县民政局', 'transfer', 120, '开放避难场所，准备救灾帐篷、棉被和食品'),
      task('各镇人民政府', 'transfer', 180, '组织山洪、地质灾害危险区和低洼地带群众转移，做到应转尽转'),
      task('县教育局', 'transfer', 120, '视情通知停课，学校师生留校避险或有序离校'),
      task('县公安局', 'security', 60, '对积水路段、危险路段实施交通管制'),
      task('县卫生健康局', 'medical', 120, '组建医疗救护队待命'),
      task('县委宣传部', 'publicity', 120, '通过电视台、政务新媒体滚动发布防御指引'),
    ],
    resources: [
      { resource: '冲锋舟', quantity: 4, unit: '艘', location: '永和镇连江河段', department: '县应急管理局' },
      { resource: '县综合应急救援大队队员', quantity: 30, unit: '人', location: '吉田镇', department: '县应急管理局' },
      { resource: '编织袋', quantity: 20000, unit: '条', location: '永和镇、吉田镇', department: '县应急管理局' },
    ],
    warnings: [
      {
        hazard: 'rainstorm',
        level: 'yellow',
        audience: '各镇、村（社区）及危险区群众',
        content: '暴雨黄色预警：危险区群众做好转移准备',
        department: '县气象局',
      },
      {
        hazard: 'flood',
        level: 'yellow',
        audience: '沿河村（社区）',
        content: '洪水黄色预警：沿河低洼地带群众做好转移准备',
        department: '县水利局',
      },
    ],
  },
  {
    level: 'II',
    commander: '县三防指挥部总指挥（县长）',
    triggers: [
      on('rainstorm', 'orange', '县气象台发布暴雨橙色预警信号'),
      on('flood', 'orange', '主要河流控制站水位达到保证水位（洪水橙色预警）'),
      on('typhoon', 'orange', '台风橙色预警信号生效'),
      on('drought', 'orange', '发布干旱橙色预警，出现严重干旱'),
      on('freezing', 'red', '发布寒冷或道路结冰红色预警信号'),
      between('deaths', 10, 30, '因灾死亡（含失踪）10 人以上 30 人以下'),
      between('affected', 30000, 100000, '需紧急转移安置 3 万人以上 10 万人以下'),
      between('economicLoss', 5000, 10000, '直接经济损失 5000 万元以上 1 亿元以下'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 15, '启动Ⅱ级应急响应，总指挥坐镇指挥，成立现场指挥部'),
      task('县消防救援大队', 'rescue', 30, '水域救援力量全员出动，营救被困群众'),
      task('县水利局', 'rescue', 30, '组织水库、堤防抢险，必要时实施泄洪调度'),
      task('县人武部', 'rescue', 60, '组织民兵应急分队投入抢险'),
      task('各镇人民政府', 'transfer', 60, '全面转移危险区群众，确保转移到位、安置到位'),
      task('县民政局', 'transfer', 120, '启动救灾物资发放，保障受灾群众基本生活'),
      task('县卫生健康局', 'medical', 60, '开展伤员救治，派出卫生防疫队'),
      task('县公安局', 'security', 30, '封闭危险路段和桥梁，维护转移安置点秩序'),
      task('县交通运输局', 'security', 120, '组织抢通中断道路'),
      task('连山供电局', 'logistics', 120, '抢修受损电力设施，保障指挥部和安置点供电'),
      task('县工业和信息化局', 'logistics', 120, '协调通信运营商保障通信，必要时启用卫星电话'),
      task('县发展和改革局', 'logistics', 180, '调拨县级储备物资，稳定市场供应'),
      task('县委宣传部', 'publicity', 60, '每日召开新闻通气会，统一发布信息'),
    ],
    resources: [
      { resource: '冲锋舟', quantity: 10, unit: '艘', location: '永和镇、吉田镇、太保镇', department: '县应急管理局' },
      { resource: '救灾帐篷', quantity: 200, unit: '顶', location: '各镇避难场所', department: '县民政局' },
      { resource: '移动发电机', quantity: 10, unit: '台', location: '县城、吉田镇', department: '连山供电局' },
    ],
    warnings: [
      {
        hazard: 'rainstorm',
        level: 'orange',
        audience: '全县',
        content: '暴雨橙色预警：停止户外活动，危险区群众立即转移',
        department: '县气象局',
      },
      {
        hazard: 'flood',
        level: 'orange',
        audience: '沿河村（社区）',
        content: '洪水橙色预警：沿河群众立即转移',
        department: '县水利局',
      },
    ],
  },
  {
    level: 'I',
    commander: '县三防指挥部总指挥（县长），报请市三防指挥部支援',
    triggers: [
      on('rainstorm', 'red', '县气象台发布暴雨红色预警信号'),
      on('flood', 'red', '超过保证水位或发生堤防决口、水库垮坝险情（洪水红色预警）'),
      on('typhoon', 'red', '台风红色预警信号生效'),
      on('drought', 'red', '发布干旱红色预警，出现特大干旱'),
      between('deaths', 30, null, '因灾死亡（含失踪）30 人以上'),
      between('affected', 100000, null, '需紧急转移安置 10 万人以上'),
      between('economicLoss', 10000, null, '直接经济损失 1 亿元以上'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 10, '启动Ⅰ级应急响应，报请市三防指挥部派工作组指导，请求驻军、武警支援'),
      task('县消防救援大队', 'rescue', 15, '全员投入被困人员搜救'),
      task('县人武部', 'rescue', 30, '全体民兵投入抢险救灾'),
      task('各镇人民政府', 'transfer', 30, '全员上岗，组织群众全部撤离危险区域'),
      task('县卫生健康局', 'medical', 30, '启动医疗救治绿色通道'),
      task('县公安局', 'security', 30, '全面实施交通管制和治安管控'),
      task('县发展和改革局', 'logistics', 60, '申请省、市储备物资支援'),
      task('县财政局', 'logistics', 120, '紧急拨付抢险救灾资金'),
      task('县委宣传部', 'publicity', 30, '统一发布灾情和救援信息，每日举行新闻发布会'),
    ],
    resources: [{ resource: '大型排涝泵', quantity: 4, unit: '台', location: '永和镇城区', department: '县应急管理局' }],
    warnings: [
      {
        hazard: 'rainstorm',
        level: 'red',
        audience: '全县',
        content: '暴雨红色预警：全县停课、停工、停业，群众留在安全场所',
        department: '县气象局',
      },
    ],
  },
];

export const FLOOD_PLAN: DigitalPlan = {
  command: {
    headquarters: {
      name: '连山壮族瑶族自治县防汛防旱防风防冻指挥部（县三防指挥部）',
      commander: '县长',
      deputyCommanders: ['分管副县长（常务副总指挥）', '县人武部部长', '县应急管理局局长', '县水利局局长'],
      office: '县应急管理局',
      memberDepartments: [
        '县委宣传部',
        '县人武部',
        '县发展和改革局',
        '县教育局',
        '县工业和信息化局',
        '县公安局',
        '县民政局',
        '县财政局',
        '县自然资源局',
        '县住房和城乡建设局',
        '县交通运输局',
        '县水利局',
        '县农业农村局',
        '县卫生健康局',
        '县应急管理局',
        '县气象局',
        '县消防救援大队',
        '连山供电局',
        '各镇人民政府',
      ],
    },
    groups: [
      {
        code: 'coordination',
        name: '综合协调组',
        leadDepartment: '县应急管理局',
        departments: ['县水利局', '县气象局'],
        duties: '掌握雨情、水情、工情、灾情，传达指挥部指令，协调各工作组，汇总上报信息',
      },
      {
        code: 'monitoring',
        name: '监测预警组',
        leadDepartment: '县气象局',
        departments: ['县水利局', '县自然资源局'],
        duties: '加密监测预报，发布暴雨、洪水和地质灾害气象风险预警',
      },
      {
        code: 'rescue',
        name: '抢险救援组',
        leadDepartment: '县应急管理局',
        departments: ['县人武部', '县消防救援大队', '县水利局'],
        duties: '组织堤防、水库、山塘抢险，营救被困群众',
      },
      {
        code: 'transfer',
        name: '转移安置组',
        leadDepartment: '县民政局',
        departments: ['各镇人民政府', '县教育局', '县住房和城乡建设局'],
        duties: '组织危险区域群众转移，开放避难场所，保障受灾群众基本生活',
      },
      { code: 'medical', name: '医疗防疫组', leadDepartment: '县卫生健康局', departments: [], duties: '伤员救治、灾后卫生防疫' },
      {
        code: 'security',
        name: '治安交通组',
        leadDepartment: '县公安局',
        departments: ['县交通运输局'],
        duties: '治安维护、交通管制、道路抢通',
      },
      {
        code: 'logistics',
        name: '物资保障组',
        leadDepartment: '县发展和改革局',
        departments: ['县应急管理局', '县财政局', '连山供电局', '县工业和信息化局'],
        duties: '调拨抢险救灾物资，保障电力、通信，落实资金',
      },
      {
        code: 'publicity',
        name: '宣传报道组',
        leadDepartment: '县委宣传部',
        departments: [],
        duties: '发布汛情灾情信息，引导舆论',
      },
    ],
  },
  levels,
};
