import type { DigitalPlan, LevelContent, Trigger } from '@yingji/contracts/plans-digital.ts';
import { between, task } from './plans.demo-flood.ts';

/*
 * 连山壮族瑶族自治县森林火灾应急预案 as a digital plan, written from the grading of the national 森林火灾应急预案
 * (受害森林面积 1 / 100 / 1000 公顷; 死亡 3 / 10 / 30 人; 重伤 10 / 50 / 100 人) and the 森林火险 warnings. The
 * county's 森林消防专业队伍 (seed 000: 7 支 88 人) are the first force. Demo content, not the county's own plan.
 */

const fireDanger = (level: 'orange' | 'red', description: string): Trigger => ({
  hazards: ['forest_fire'],
  warningLevel: { from: level, to: level },
  thresholds: [],
  description,
});

const levels: LevelContent[] = [
  {
    level: 'IV',
    commander: '县森林防灭火指挥部副总指挥（县林业局局长）',
    triggers: [
      fireDanger('orange', '县气象局发布森林火险橙色预警'),
      between('burnedForestHa', 0, 1, '发生受害森林面积 1 公顷以下的森林火灾'),
      between('deaths', 1, 3, '森林火灾造成 1 人以上 3 人以下死亡'),
      between('injured', 1, 10, '森林火灾造成 1 人以上 10 人以下重伤'),
    ],
    tasks: [
      task('县林业局', 'firefighting', 15, '核实火情，调派属地森林消防专业队伍赶赴火场'),
      task('各镇人民政府', 'firefighting', 30, '镇半专业扑火队先期处置，镇领导赶赴现场'),
      task('县应急管理局', 'coordination', 30, '启动Ⅳ级响应，跟踪火情，向市森林防灭火指挥部办公室报告'),
      task('县气象局', 'monitoring', 60, '提供火场天气实况和未来 24 小时预报'),
      task('县林业局', 'monitoring', 60, '核查卫星热点，加强重点林区巡护和火源管控'),
    ],
    resources: [{ resource: '风力灭火机', quantity: 20, unit: '台', location: '火场就近集结点', department: '县林业局' }],
    warnings: [
      {
        hazard: 'forest_fire',
        level: 'orange',
        audience: '林区周边村（社区）',
        content: '森林火险橙色预警：严禁野外用火，发现火情立即报告',
        department: '县林业局',
      },
    ],
  },
  {
    level: 'III',
    commander: '县森林防灭火指挥部常务副总指挥（分管副县长）',
    triggers: [
      fireDanger('red', '县气象局发布森林火险红色预警'),
      between('burnedForestHa', 1, 100, '受害森林面积 1 公顷以上 100 公顷以下'),
      between('deaths', 3, 10, '森林火灾造成 3 人以上 10 人以下死亡'),
      between('injured', 10, 50, '森林火灾造成 10 人以上 50 人以下重伤'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 20, '启动Ⅲ级响应，在火场附近成立前线指挥部'),
      task('县林业局', 'firefighting', 30, '调集全县森林消防专业队伍增援，划分扑救区段'),
      task('县消防救援大队', 'firefighting', 30, '出动水罐车保护火场周边村庄和重要设施'),
      task('各镇人民政府', 'evacuation', 60, '组织火场周边受威胁群众转移'),
      task('县公安局', 'security', 30, '设置火场警戒，实行交通管制，开展火案调查'),
      task('县卫生健康局', 'medical', 60, '派出医疗救护队在前线指挥部待命'),
      task('县发展和改革局', 'logistics', 120, '保障扑火人员食品、饮用水和油料'),
      task('县委宣传部', 'publicity', 120, '发布火情和扑救信息'),
    ],
    resources: [
      { resource: '森林消防专业队伍', quantity: 88, unit: '人', location: '前线指挥部', department: '县林业局' },
      { resource: '移动水池', quantity: 10, unit: '个', location: '火场取水点', department: '县应急管理局' },
    ],
    warnings: [
      {
        hazard: 'forest_fire',
        level: 'red',
        audience: '全县林区',
        content: '森林火险红色预警：全面禁止野外用火，进山人员一律登记',
        department: '县林业局',
      },
    ],
  },
  {
    level: 'II',
    commander: '县森林防灭火指挥部总指挥（县长）',
    triggers: [
      between('burnedForestHa', 100, 1000, '受害森林面积 100 公顷以上 1000 公顷以下'),
      between('deaths', 10, 30, '森林火灾造成 10 人以上 30 人以下死亡'),
      between('injured', 50, 100, '森林火灾造成 50 人以上 100 人以下重伤'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 15, '启动Ⅱ级响应，总指挥赶赴前线指挥，请求市级派出增援力量'),
      task('县林业局', 'firefighting', 30, '实施以水灭火、开设隔离带等综合措施'),
      task('县人武部', 'firefighting', 60, '组织民兵参与扑火和清理、看守火场'),
      task('各镇人民政府', 'evacuation', 30, '转移火场下风方向全部群众'),
      task('县交通运输局', 'security', 60, '保障增援队伍和物资运输通道畅通'),
      task('连山供电局', 'logistics', 60, '对火场周边输电线路采取停电等安全措施'),
    ],
    resources: [
      { resource: '扑火机具（风力灭火机、水泵）', quantity: 100, unit: '套', location: '前线指挥部', department: '县应急管理局' },
    ],
    warnings: [
      {
        hazard: 'forest_fire',
        level: 'red',
        audience: '火场周边镇、村（社区）',
        content: '火场附近群众服从指挥，立即转移',
        department: '县应急管理局',
      },
    ],
  },
  {
    level: 'I',
    commander: '县森林防灭火指挥部总指挥（县长），在省、市前方指挥部统一指挥下开展工作',
    triggers: [
      between('burnedForestHa', 1000, null, '受害森林面积 1000 公顷以上'),
      between('deaths', 30, null, '森林火灾造成 30 人以上死亡'),
      between('injured', 100, null, '森林火灾造成 100 人以上重伤'),
    ],
    tasks: [
      task('县应急管理局', 'coordination', 10, '启动Ⅰ级响应，报请省、市森林防灭火指挥部支援，申请航空灭火'),
      task('县林业局', 'firefighting', 30, '配合国家森林消防队伍扑救，提供林区地形、道路和水源资料'),
      task('各镇人民政府', 'evacuation', 30, '组织受威胁区域全部群众撤离'),
      task('县卫生健康局', 'medical', 30, '开通伤员转运绿色通道'),
      task('县财政局', 'logistics', 60, '紧急拨付扑火经费'),
    ],
    resources: [{ resource: '直升机临时起降点', quantity: 1, unit: '处', location: '永和镇', department: '县应急管理局' }],
    warnings: [],
  },
];

export const FOREST_FIRE_PLAN: DigitalPlan = {
  command: {
    headquarters: {
      name: '连山壮族瑶族自治县森林防灭火指挥部',
      commander: '县长',
      deputyCommanders: ['分管副县长（常务副总指挥）', '县人武部部长', '县林业局局长', '县应急管理局局长'],
      office: '县应急管理局',
      memberDepartments: [
        '县林业局',
        '县应急管理局',
        '县公安局',
        '县人武部',
        '县消防救援大队',
        '县气象局',
        '县卫生健康局',
        '县民政局',
        '县交通运输局',
        '县委宣传部',
        '县发展和改革局',
        '县财政局',
        '连山供电局',
        '各镇人民政府',
      ],
    },
    groups: [
      {
        code: 'coordination',
        name: '综合协调组',
        leadDepartment: '县应急管理局',
        departments: ['县林业局'],
        duties: '汇总火情和扑救进展，传达指挥部指令，协调增援力量',
      },
      {
        code: 'firefighting',
        name: '火灾扑救组',
        leadDepartment: '县林业局',
        departments: ['县消防救援大队', '县人武部', '各镇人民政府'],
        duties: '组织森林消防专业队伍、消防救援力量和民兵扑救，划分扑救区段，清理看守火场',
      },
      {
        code: 'monitoring',
        name: '监测预警组',
        leadDepartment: '县气象局',
        departments: ['县林业局'],
        duties: '森林火险预报预警、卫星热点核查、火场气象服务',
      },
      {
        code: 'evacuation',
        name: '群众转移组',
        leadDepartment: '各镇人民政府',
        departments: ['县民政局'],
        duties: '转移受威胁群众并妥善安置',
      },
      { code: 'medical', name: '医疗救护组', leadDepartment: '县卫生健康局', departments: [], duties: '伤员救治和转运' },
      {
        code: 'security',
        name: '治安保障组',
        leadDepartment: '县公安局',
        departments: ['县交通运输局'],
        duties: '火场警戒、交通管制、火案侦破',
      },
      {
        code: 'logistics',
        name: '后勤保障组',
        leadDepartment: '县发展和改革局',
        departments: ['县财政局', '县应急管理局', '连山供电局'],
        duties: '保障扑火物资、给养、油料、经费和电力安全',
      },
      { code: 'publicity', name: '宣传报道组', leadDepartment: '县委宣传部', departments: [], duties: '发布火情信息，引导舆论' },
    ],
  },
  levels,
};
