import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { WAREHOUSE_LEVEL_NAMES, type Warehouse, type WarehouseLevel } from '@yingji/contracts/supplies.ts';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { DEMO_SUFFIX, LEVEL_COLORS, LEVEL_OPTIONS } from './labels.ts';
import { fetchWarehouses } from './suppliesApi.ts';
import { WarehouseFormDialog } from './WarehouseFormDialog.tsx';

const PAGE_SIZE = 20;

/** 仓库: the 县—镇—村 reserve stores of the current area, each with its keeper and capacity. */
export function WarehousesPage() {
  const user = useUser();
  const canEdit = can(user, 'supplies:edit');
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const [level, setLevel] = useState<WarehouseLevel>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<Warehouse | 'new' | null>(null);
  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchWarehouses({ areaCode: area?.code, level, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, level, q, reload],
  );

  const columns: TableColumnsType<Warehouse> = [
    {
      title: '仓库',
      dataIndex: 'name',
      render: (name: string) => (
        <Space size={4}>
          {name.replace(DEMO_SUFFIX, '')}
          {name.endsWith(DEMO_SUFFIX) && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    {
      title: '层级',
      dataIndex: 'level',
      width: 110,
      render: (l: WarehouseLevel) => <Tag color={LEVEL_COLORS[l]}>{WAREHOUSE_LEVEL_NAMES[l]}</Tag>,
    },
    { title: '管理区划', dataIndex: 'areaName', width: 150, render: (n: string | null, w) => n ?? w.areaCode },
    { title: '地址', dataIndex: 'address', width: 140, render: (a: string | null) => a ?? '—' },
    { title: '保管员', width: 190, render: (_v, w) => `${w.keeper} ${w.phone}` },
    {
      title: '库容（m³）',
      dataIndex: 'capacityM3',
      width: 100,
      align: 'right',
      render: (c: number | null) => c?.toLocaleString('zh-CN') ?? '—',
    },
    { title: '经纬度', width: 160, render: (_v, w) => `${w.lon.toFixed(4)}, ${w.lat.toFixed(4)}` },
    ...(canEdit
      ? [
          {
            title: '',
            width: 60,
            render: (_v: unknown, w: Warehouse) => <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(w)} />,
          },
        ]
      : []),
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`应急物资仓库${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="层级"
              style={{ width: 130 }}
              options={LEVEL_OPTIONS}
              value={level}
              onChange={(v) => (setPage(1), setLevel(v))}
            />
            <Input.Search
              allowClear
              placeholder="仓库名称"
              style={{ width: 160 }}
              onSearch={(v) => (setPage(1), setQ(v.trim()))}
            />
            <ExcelButtons
              basePath="/api/supplies/warehouses"
              testId="supplies-warehouses"
              canImport={canEdit}
              onImported={() => setReload((n) => n + 1)}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-warehouse">
                新建仓库
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Warehouse>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="warehouses-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (n) => `共 ${n} 个仓库` }}
        />
      </Card>
      <WarehouseFormDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSaved={() => (setDialog(null), setReload((n) => n + 1))}
      />
    </div>
  );
}
