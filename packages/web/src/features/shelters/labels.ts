import {
  COVERAGE_STATUS_NAMES,
  DUTY_ROLE_NAMES,
  SHELTER_FACILITY_NAMES,
  SHELTER_GRADE_NAMES,
  SHELTER_TYPE_NAMES,
  TARGET_TYPE_NAMES,
  type CoverageStatus,
} from '@yingji/contracts/shelters.ts';

const options = <K extends string>(names: Record<K, string>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));

export const SHELTER_TYPE_OPTIONS = options(SHELTER_TYPE_NAMES);
export const SHELTER_GRADE_OPTIONS = options(SHELTER_GRADE_NAMES);
export const FACILITY_OPTIONS = options(SHELTER_FACILITY_NAMES);
export const TARGET_TYPE_OPTIONS = options(TARGET_TYPE_NAMES);
export const DUTY_ROLE_OPTIONS = options(DUTY_ROLE_NAMES);

/** 达标 green, 不足 red, 无人口数据 grey: the table's tags and the map's township fill. */
export const COVERAGE_COLORS: Record<CoverageStatus, string> = {
  sufficient: '#2f9e44',
  insufficient: '#e03131',
  no_population: '#868e96',
};
export const COVERAGE_TAG_COLORS: Record<CoverageStatus, string> = {
  sufficient: 'green',
  insufficient: 'red',
  no_population: 'default',
};
export { COVERAGE_STATUS_NAMES };

/** Open shelters are filled green (taking people in), closed ones hollow (white) with the same dark-green ring. */
export const SHELTER_OPEN_COLOR = '#52c41a';
export const SHELTER_CLOSED_COLOR = '#ffffff';
export const SHELTER_STROKE_COLOR = '#237804';
export const TARGET_COLOR = '#d4380d';

export const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);
