import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

/**
 * How far a search point or a resource may lie from the nearest road node and still be given a road distance (the
 * access walk or drive counted as a straight line). A platform default, not from the seeds: county road data varies
 * from every track to trunk roads only, so administrators tune it to what they imported.
 */
export const ROAD_ACCESS_MAX_KM = defineRule({
  key: 'roads.access_max_km',
  description:
    '搜索点或资源距最近路网节点的最大直线距离（公里），超过则不计算道路距离。平台默认值，非预案规定，可按导入路网的详细程度调整。',
  schema: z.number().positive().max(50),
  default: 5,
});
