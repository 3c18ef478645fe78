import {
  ISSUE_PURPOSE_NAMES,
  MOVEMENT_TYPE_NAMES,
  type Movement,
  type MovementType,
  type SupplyKind,
} from '@yingji/contracts/supplies.ts';
import { Alert, Card, DatePicker, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { MOVEMENT_TYPE_OPTIONS, signed } from './labels.ts';
import { fetchMovements } from './suppliesApi.ts';

const PAGE_SIZE = 20;

/** The ledger (专账): every movement of the chosen warehouse (or of the whole scope), newest first, with filters. */
export function MovementsCard({ warehouseId, kinds, version }: { warehouseId?: string; kinds: SupplyKind[]; version: number }) {
  const [page, setPage] = useState(1);
  const [type, setType] = useState<MovementType>();
  const [kindId, setKindId] = useState<string>();
  const [reference, setReference] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) => {
      const from = range?.[0]?.startOf('day').toISOString();
      const to = range?.[1]?.add(1, 'day').startOf('day').toISOString();
      return fetchMovements({ warehouseId, kindId, type, reference, from, to }, limit, offset, signal);
    },
    page,
    PAGE_SIZE,
    [warehouseId, kindId, type, reference, range?.[0]?.valueOf(), range?.[1]?.valueOf(), version],
  );

  const columns: TableColumnsType<Movement> = [
    { title: '时间', dataIndex: 'at', width: 170, render: formatInstant },
    {
      title: '类型',
      dataIndex: 'type',
      width: 100,
      render: (t: MovementType, m) => <Tag color={m.quantity > 0 ? 'green' : 'volcano'}>{MOVEMENT_TYPE_NAMES[t]}</Tag>,
    },
    ...(warehouseId ? [] : [{ title: '仓库', dataIndex: 'warehouseName', width: 200 }]),
    { title: '品目', dataIndex: 'kindName', width: 120 },
    { title: '批次', dataIndex: 'batchNo', width: 130 },
    { title: '数量', dataIndex: 'quantity', width: 90, align: 'right', render: (q: number, m) => `${signed(q)} ${m.unit}` },
    { title: '结存', dataIndex: 'balanceAfter', width: 80, align: 'right' },
    {
      title: '用途 / 单据 / 原因',
      render: (_v, m) =>
        [m.purpose ? ISSUE_PURPOSE_NAMES[m.purpose] : null, m.reference, m.reason, m.transferId ? '调拨单' : null]
          .filter(Boolean)
          .join(' · ') || '—',
    },
    { title: '经办人', dataIndex: 'actorName', width: 90 },
  ];

  return (
    <Card
      size="small"
      title="库存流水"
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 110 }}
            options={MOVEMENT_TYPE_OPTIONS}
            value={type}
            onChange={(v) => (setPage(1), setType(v))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="品目"
            style={{ width: 140 }}
            options={kinds.map((k) => ({ value: k.id, label: k.name }))}
            value={kindId}
            onChange={(v) => (setPage(1), setKindId(v))}
          />
          <Input.Search
            allowClear
            placeholder="事件编号 / 单据号"
            style={{ width: 170 }}
            onSearch={(v) => (setPage(1), setReference(v.trim()))}
          />
          <DatePicker.RangePicker value={range} onChange={(v) => (setPage(1), setRange(v))} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Movement>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="movements-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => <Typography.Text type="secondary">{cappedTotalText(n, capped, '条')}</Typography.Text>,
        }}
      />
    </Card>
  );
}
