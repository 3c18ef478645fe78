import {
  CHANNEL_NAMES,
  RECIPIENT_GROUP_NAMES,
  type Channel,
  type Delivery,
  type DeliveryState,
  type RecipientGroup,
  type VillageCoverage,
} from '@yingji/contracts/warnings.ts';
import { Alert, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { CHANNEL_OPTIONS, DELIVERY_STATE_OPTIONS, DeliveryStateTag } from './labels.tsx';
import { fetchDeliveries } from './warningsApi.ts';

const PAGE_SIZE = 20;

/** Each recipient's message on each channel, filtered by state, channel and village; follows the board's refreshes. */
export function DeliveriesTable({
  warningId,
  villages,
  refreshKey,
}: {
  warningId: string;
  villages: VillageCoverage[];
  refreshKey: number;
}) {
  const [page, setPage] = useState(1);
  const [state, setState] = useState<DeliveryState>();
  const [channel, setChannel] = useState<Channel>();
  const [villageCode, setVillageCode] = useState<string>();
  const villageName = new Map(villages.map((v) => [v.villageCode, v.villageName]));

  const { rows, total, capped, loading, error } = useCappedList(
    (limit, offset, signal) => fetchDeliveries(warningId, { state, channel, villageCode }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [warningId, state, channel, villageCode, refreshKey],
  );

  const columns: TableColumnsType<Delivery> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '类别', dataIndex: 'group', width: 130, render: (g: RecipientGroup | null) => (g ? RECIPIENT_GROUP_NAMES[g] : '—') },
    { title: '渠道', dataIndex: 'channel', width: 100, render: (c: Channel) => CHANNEL_NAMES[c] ?? c },
    { title: '地址', dataIndex: 'address', width: 150 },
    {
      title: '村（社区）',
      dataIndex: 'villageCode',
      width: 120,
      render: (code: string | null) => (code ? (villageName.get(code) ?? code) : '—'),
    },
    { title: '状态', dataIndex: 'state', width: 90, render: (s: DeliveryState) => <DeliveryStateTag state={s} /> },
    { title: '消息', dataIndex: 'kind', width: 70, render: (k: Delivery['kind']) => (k === 'cancel' ? '解除' : '预警') },
    { title: '尝试', dataIndex: 'attempts', width: 60, align: 'right' },
    { title: '原因', dataIndex: 'error', ellipsis: true, render: (e: string | null) => e ?? '' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (at: string) => formatInstant(at) },
  ];

  const filter =
    <T,>(set: (v: T | undefined) => void) =>
    (v: T | undefined) => {
      setPage(1);
      set(v);
    };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 110 }}
          options={DELIVERY_STATE_OPTIONS}
          value={state}
          onChange={filter(setState)}
          data-testid="deliveries-state"
        />
        <Select
          allowClear
          placeholder="渠道"
          style={{ width: 150 }}
          options={CHANNEL_OPTIONS}
          value={channel}
          onChange={filter(setChannel)}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="村（社区）"
          style={{ width: 180 }}
          options={villages.map((v) => ({ value: v.villageCode, label: v.villageName }))}
          value={villageCode}
          onChange={filter(setVillageCode)}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="deliveries-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: () => cappedTotalText(total, capped, '条'),
          onChange: setPage,
        }}
      />
    </>
  );
}
