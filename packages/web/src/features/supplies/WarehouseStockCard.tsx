import { Alert, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { expiryTag, qty as n } from './stockParts.tsx';
import { useWarehouseStock, type BatchStock as Batch, type KindStock } from './useWarehouseStock.ts';

/** One warehouse's stock by kind: on hand, available, 在途 both ways and its 储备标准, batches on expanding a row. */
export function WarehouseStockCard({ warehouseId, version, extra }: { warehouseId: string; version: number; extra?: ReactNode }) {
  const { stock, error, loading } = useWarehouseStock(warehouseId, version);

  const columns: TableColumnsType<KindStock> = [
    { title: '品目', dataIndex: 'kindName', width: 140 },
    { title: '类别', dataIndex: 'category', width: 150 },
    { title: '在库', dataIndex: 'onHand', align: 'right', width: 90, render: (v: number, k) => `${n(v)} ${k.unit}` },
    { title: '可用（未过期）', dataIndex: 'available', align: 'right', width: 120, render: (v: number) => n(v) },
    {
      title: '在途',
      width: 130,
      render: (_v, k) => (
        <Space size={2}>
          {k.inTransitIn > 0 && <Tag color="purple">调入 {n(k.inTransitIn)}</Tag>}
          {k.inTransitOut > 0 && <Tag color="purple">调出 {n(k.inTransitOut)}</Tag>}
          {k.inTransitIn === 0 && k.inTransitOut === 0 && '—'}
        </Space>
      ),
    },
    {
      title: '储备标准',
      dataIndex: 'standard',
      align: 'right',
      width: 90,
      render: (v: number | null) => (v === null ? '—' : n(v)),
    },
    {
      title: '状态',
      width: 110,
      render: (_v, k) =>
        k.standard !== null && k.available < k.standard ? (
          <Tag color="red">缺 {n(k.standard - k.available)}</Tag>
        ) : (
          <Tag color="green">达标</Tag>
        ),
    },
  ];
  const batchColumns: TableColumnsType<Batch> = [
    { title: '批次号', dataIndex: 'batchNo', width: 160 },
    { title: '生产日期', dataIndex: 'productionDate', width: 120, render: (d: string | null) => d ?? '—' },
    { title: '有效期至', dataIndex: 'expiryDate', width: 200, render: expiryTag },
    { title: '数量', dataIndex: 'quantity', align: 'right', width: 100, render: n },
  ];

  return (
    <Card size="small" title={stock ? `库存 — ${stock.warehouse.name}` : '库存'} extra={extra} style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<KindStock>
        rowKey="kindId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={stock?.kinds ?? []}
        data-testid="warehouse-stock-table"
        pagination={false}
        scroll={{ y: 420 }}
        expandable={{
          rowExpandable: (k) => k.batches.length > 0,
          expandedRowRender: (k) => (
            <Table<Batch> rowKey="batchNo" size="small" columns={batchColumns} dataSource={k.batches} pagination={false} />
          ),
        }}
      />
    </Card>
  );
}
