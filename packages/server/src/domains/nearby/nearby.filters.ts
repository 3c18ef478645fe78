import type { LocatedItem, LocatedKind } from '@yingji/contracts/located.ts';
import { FILTER_KINDS, LOCATED_KIND_NAMES, type NearbyFilter } from '@yingji/contracts/nearby.ts';
import { fail } from '../../platform/errors.ts';

export type ItemPredicate = (item: LocatedItem) => boolean;

const FILTER_NAMES: Record<keyof NearbyFilter, string> = {
  supplyKindId: '物资品目',
  minQuantity: '最少数量',
  minFreeCapacity: '最少空余容量',
  openOnly: '只看开放的',
  field: '专业领域',
  availableOnly: '只看可联系的',
  teamType: '队伍类型',
  dutyState: '值守状态',
};

/**
 * Turns the kind-specific filter (data, from a query string or another service) into one predicate over an item's
 * props, or null when there is nothing to filter. A filter for another kind is refused rather than ignored: a search
 * for "shelters with 200 places" that silently ignored the 200 would mislead a dispatcher.
 */
export function compileFilter(kind: LocatedKind, filter: NearbyFilter): ItemPredicate | null {
  const keys = (Object.keys(filter) as (keyof NearbyFilter)[]).filter((key) => filter[key] !== undefined);
  for (const key of keys) {
    if (FILTER_KINDS[key] !== kind) {
      fail(
        'NEARBY_FILTER_INVALID',
        { filter: key, kind },
        `筛选条件「${FILTER_NAMES[key]}」只适用于${LOCATED_KIND_NAMES[FILTER_KINDS[key]]}`,
      );
    }
  }
  if (filter.minQuantity !== undefined && filter.supplyKindId === undefined) {
    fail('NEARBY_FILTER_INVALID', { filter: 'minQuantity' }, '指定最少数量时须同时指定物资品目');
  }
  const tests: ItemPredicate[] = [];
  const { supplyKindId, minQuantity, minFreeCapacity, openOnly, field, availableOnly, teamType, dutyState } = filter;
  if (supplyKindId !== undefined) {
    tests.push((item) => {
      const quantity = (item.props.stock as Record<string, unknown> | undefined)?.[supplyKindId];
      return typeof quantity === 'number' && (minQuantity === undefined ? quantity > 0 : quantity >= minQuantity);
    });
  }
  if (minFreeCapacity !== undefined) {
    tests.push((item) => typeof item.props.freeCapacity === 'number' && item.props.freeCapacity >= minFreeCapacity);
  }
  if (openOnly) tests.push((item) => item.props.open === true);
  if (field !== undefined) tests.push((item) => Array.isArray(item.props.fields) && item.props.fields.includes(field));
  if (availableOnly) tests.push((item) => item.props.available === true);
  if (teamType !== undefined) tests.push((item) => item.props.type === teamType);
  if (dutyState !== undefined) tests.push((item) => item.props.dutyState === dutyState);
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (item) => tests.every((test) => test(item));
}
