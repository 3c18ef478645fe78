import {
  ISSUE_PURPOSE_NAMES,
  MOVEMENT_TYPE_NAMES,
  TRANSFER_STATE_NAMES,
  WAREHOUSE_LEVEL_NAMES,
  type MovementType,
  type TransferState,
  type WarehouseLevel,
} from '@yingji/contracts/supplies.ts';

export const LEVEL_OPTIONS = (Object.keys(WAREHOUSE_LEVEL_NAMES) as WarehouseLevel[]).map((value) => ({
  value,
  label: WAREHOUSE_LEVEL_NAMES[value],
}));
export const LEVEL_COLORS: Record<WarehouseLevel, string> = { county: '#531dab', township: '#1d39c4', village: '#08979c' };

export const MOVEMENT_TYPE_OPTIONS = (Object.keys(MOVEMENT_TYPE_NAMES) as MovementType[]).map((value) => ({
  value,
  label: MOVEMENT_TYPE_NAMES[value],
}));
export const PURPOSE_OPTIONS = Object.entries(ISSUE_PURPOSE_NAMES).map(([value, label]) => ({ value, label }));

export const TRANSFER_STATE_COLORS: Record<TransferState, string> = {
  requested: 'gold',
  approved: 'blue',
  rejected: 'red',
  shipped: 'purple',
  received: 'green',
  cancelled: 'default',
};
export const TRANSFER_STATE_OPTIONS = (Object.keys(TRANSFER_STATE_NAMES) as TransferState[]).map((value) => ({
  value,
  label: TRANSFER_STATE_NAMES[value],
}));

/** A quantity with its sign made visible: +12 in, −5 out. */
export function signed(quantity: number): string {
  return quantity > 0 ? `+${quantity.toLocaleString('zh-CN')}` : `−${Math.abs(quantity).toLocaleString('zh-CN')}`;
}

export const DEMO_SUFFIX = '（演示）';
