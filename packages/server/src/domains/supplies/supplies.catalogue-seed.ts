import type { SupplyKindsTable } from './supplies.tables.ts';

/**
 * The starting catalogue of supply kinds, taken from the seed plans' own material lists; each cites its seed file
 * and words. Shelf lives and 储备标准 quantities are NOT in the seeds: they are starting values [推断] for a county
 * of 连山's size, to be set by the county from its 储备规划 (both are editable and versioned in the audit log).
 */
const S003_LIVING = '003_8e06e597e1fdcad2「生活类物资。增加储备救灾帐篷、折叠床、棉被等。」';
const S003_FIVE = '003_8e06e597e1fdcad2「确保自然灾害发生后受灾群众有饭吃、有衣穿、有干净水喝、有临时安全住所」';
const S003_FLOOD =
  '003_8e06e597e1fdcad2「防汛抗洪物资。增加储备编织袋、各类土工布……救生衣、橡皮艇、冲锋舟……巡堤查险灯具、大型移动灯塔、汽柴油发电机」';
const S003_FIRE =
  '003_8e06e597e1fdcad2「森林火灾应急物资。增加储备新型风力灭火机、火场切割锯、移动水池、电动水枪……护目镜、过滤式呼吸面罩、阻燃防护服……帐篷、睡袋」';
const S003_GEO = '003_8e06e597e1fdcad2「地质灾害应急救援物资。增加储备用于野外作业服装鞋帽、手套、口罩等」';
const S000_PUMP = '000_859af0838cde5058「森林消防水罐车、水泵、应急指挥车、运兵车和工具车等大型扑火装备」';
const S001_LIGHT = '001_21f64dced88ede92「有应急通信、有应急照明」（“十个有”）';

type Seed = [
  id: string,
  name: string,
  category: string,
  unit: string,
  shelfLifeDays: number | null,
  spec: string | null,
  standards: [number | null, number | null, number | null],
  source: string,
];

const SEEDS: Seed[] = [
  ['relief-tent', '救灾帐篷', '生活类物资', '顶', null, '单帐篷 12 m²', [200, 20, 2], S003_LIVING],
  ['folding-bed', '折叠床', '生活类物资', '张', null, null, [300, 30, 5], S003_LIVING],
  ['quilt', '棉被', '生活类物资', '床', null, null, [500, 50, 10], S003_LIVING],
  ['instant-food', '方便食品', '生活类物资', '箱', 365, '每箱 24 份', [200, 30, 5], S003_FIVE],
  ['drinking-water', '瓶装饮用水', '生活类物资', '箱', 365, '550 ml × 24 瓶', [300, 50, 10], S003_FIVE],
  ['woven-bag', '编织袋', '防汛抗洪物资', '条', null, null, [20000, 2000, 200], S003_FLOOD],
  ['geotextile', '土工布', '防汛抗洪物资', '平方米', null, null, [5000, 500, null], S003_FLOOD],
  ['life-jacket', '救生衣', '防汛抗洪物资', '件', 1825, null, [300, 50, 10], S003_FLOOD],
  ['rubber-boat', '橡皮艇', '防汛抗洪物资', '艘', null, null, [5, 1, null], S003_FLOOD],
  ['assault-boat', '冲锋舟', '防汛抗洪物资', '艘', null, null, [4, 1, null], S003_FLOOD],
  ['levee-lamp', '巡堤查险灯具', '防汛抗洪物资', '盏', null, null, [200, 30, 5], S003_FLOOD],
  ['light-tower', '大型移动灯塔', '应急照明与动力', '台', null, null, [2, null, null], S003_FLOOD],
  ['generator', '汽柴油发电机', '应急照明与动力', '台', null, '5 kW', [6, 1, null], S003_FLOOD],
  ['emergency-light', '应急照明灯', '应急照明与动力', '盏', 1095, '充电式', [200, 30, 5], S001_LIGHT],
  ['wind-extinguisher', '风力灭火机', '森林火灾应急物资', '台', null, null, [50, 10, 2], S003_FIRE],
  ['fire-saw', '火场切割锯', '森林火灾应急物资', '台', null, null, [10, 2, null], S003_FIRE],
  ['portable-tank', '移动水池', '森林火灾应急物资', '个', null, null, [5, 1, null], S003_FIRE],
  ['electric-water-gun', '电动水枪', '森林火灾应急物资', '支', null, null, [10, 2, null], S003_FIRE],
  ['water-pump', '水泵', '森林火灾应急物资', '台', null, null, [4, 1, null], S000_PUMP],
  ['fire-suit', '阻燃防护服', '森林火灾应急物资', '套', null, null, [100, 20, null], S003_FIRE],
  ['respirator', '过滤式呼吸面罩', '森林火灾应急物资', '个', 1825, null, [100, 20, null], S003_FIRE],
  ['goggles', '护目镜', '森林火灾应急物资', '副', null, null, [100, 20, null], S003_FIRE],
  ['sleeping-bag', '睡袋', '森林火灾应急物资', '个', null, null, [200, 20, null], S003_FIRE],
  ['field-clothing', '野外作业服装', '地质灾害应急救援物资', '套', null, null, [100, 20, null], S003_GEO],
  ['work-gloves', '防护手套', '地质灾害应急救援物资', '副', null, null, [500, 50, 10], S003_GEO],
  ['mask', '口罩', '地质灾害应急救援物资', '个', 1095, null, [2000, 200, 50], S003_GEO],
];

/** Rows for the catalogue migration; fixed timestamps so every installation starts the same. */
export function catalogueSeedRows(at: string): SupplyKindsTable[] {
  return SEEDS.map(([id, name, category, unit, shelfLifeDays, spec, [county, township, village], source]) => ({
    id,
    name,
    category,
    unit,
    shelf_life_days: shelfLifeDays,
    spec,
    standard_county: county,
    standard_township: township,
    standard_village: village,
    source,
    created_at: at,
    updated_at: at,
  }));
}
