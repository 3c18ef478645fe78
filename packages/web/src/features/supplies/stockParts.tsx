import { MinusCircleOutlined } from '@ant-design/icons';
import type { SupplyKind, WarehouseStock } from '@yingji/contracts/supplies.ts';
import { DatePicker, Form, Input, InputNumber, Select, Tag, type FormItemProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { BatchStock, KindStock } from './useWarehouseStock.ts';

/** The pieces the stock documents (入库、出库、报废、轮换、盘点) and the stock card share. */

/** A date picked in a form → the API's calendar date. */
export const day = (d: Dayjs) => d.format('YYYY-MM-DD');
/** A quantity as people read it: 1,200. */
export const qty = (v: number) => v.toLocaleString('zh-CN');

export const kindOptions = (kinds: SupplyKind[]) => kinds.map((k) => ({ value: k.id, label: `${k.name}（${k.unit}）` }));

export function expiryTag(expiry: string | null): ReactNode {
  if (!expiry) return '不过期';
  const days = dayjs(expiry).diff(dayjs().startOf('day'), 'day');
  if (days < 0) return <Tag color="red">{expiry} 已过期</Tag>;
  if (days <= 90)
    return (
      <Tag color="orange">
        {expiry}（{days} 天）
      </Tag>
    );
  return expiry;
}

/** A whole, positive quantity; the stock it may not exceed is the server's to check, so its message is the one shown. */
export function QuantityField({
  name,
  testId,
  placeholder = '数量',
}: {
  name: FormItemProps['name'];
  testId?: string;
  placeholder?: string;
}) {
  return (
    <Form.Item name={name} rules={[{ required: true, message: '请填写数量' }]}>
      <InputNumber min={1} precision={0} placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}

/**
 * The identity of a batch entering stock: its number and the dates printed on the goods. A function returning a
 * fragment, not a component, so that an enclosing <Space> lays out each field as its own item.
 */
export function newBatchFields(prefix: (string | number)[], testId?: string) {
  return (
    <>
      <Form.Item
        name={[...prefix, 'batchNo']}
        rules={[
          { required: true, whitespace: true, message: '请填写批次号' },
          { max: 64, message: '批次号最多 64 个字符' },
        ]}
      >
        <Input placeholder="批次号" style={{ width: 120 }} data-testid={testId && `${testId}-batch`} />
      </Form.Item>
      <Form.Item name={[...prefix, 'productionDate']} rules={[{ required: true, message: '请选择生产日期' }]}>
        <DatePicker placeholder="生产日期" data-testid={testId && `${testId}-production`} />
      </Form.Item>
      <Form.Item name={[...prefix, 'expiryDate']}>
        <DatePicker placeholder="有效期至（可按保质期推算）" style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

/** Removes a line of a document; hidden on the last line of a list that needs one (`count` given). */
export function LineRemover({ count, onRemove }: { count?: number; onRemove(): void }) {
  return count === undefined || count > 1 ? <MinusCircleOutlined onClick={onRemove} style={{ color: '#999' }} /> : null;
}

/** A batch of one kind in one warehouse, as one picker value (kind ids and batch numbers never hold a newline). */
export const batchKey = (kindId: string, batchNo: string) => `${kindId}\n${batchNo}`;
export function parseBatchKey(key: string): { kindId: string; batchNo: string } {
  const cut = key.indexOf('\n');
  return { kindId: key.slice(0, cut), batchNo: key.slice(cut + 1) };
}

/** Every batch on the book of a warehouse, with its kind, in the order the stock card lists them. */
export function stockBatches(stock: WarehouseStock | null): { kind: KindStock; batch: BatchStock }[] {
  return (stock?.kinds ?? []).flatMap((kind) => kind.batches.map((batch) => ({ kind, batch })));
}

function batchLabel(kind: KindStock, batch: BatchStock, withKind: boolean): string {
  const expired = batch.expiryDate !== null && batch.expiryDate < dayjs().format('YYYY-MM-DD');
  const expiry = batch.expiryDate ? ` · 有效期至 ${batch.expiryDate}${expired ? '（已过期）' : ''}` : '';
  return `${withKind ? `${kind.kindName} ` : ''}${batch.batchNo}（在库 ${qty(batch.quantity)} ${kind.unit}${expiry}）`;
}

/** Picks a batch on the book, showing how much of it there is and when it expires; only one kind's batches if given. */
export function BatchSelect({
  stock,
  kindId,
  testId,
  width = 420,
  ...control
}: {
  stock: WarehouseStock | null;
  kindId?: string;
  testId?: string;
  width?: number;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const options = stockBatches(stock)
    .filter(({ kind }) => !kindId || kind.kindId === kindId)
    .map(({ kind, batch }) => ({ value: batchKey(kind.kindId, batch.batchNo), label: batchLabel(kind, batch, !kindId) }));
  return (
    <Select
      {...control}
      showSearch
      optionFilterProp="label"
      placeholder={kindId ? '批次' : '品目 / 批次'}
      notFoundContent={stock ? '没有在库批次' : '正在读取库存…'}
      style={{ width }}
      options={options}
      data-testid={testId}
    />
  );
}
