import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { SUPPLY_CATEGORIES, type SupplyKind } from '@yingji/contracts/supplies.ts';
import { Alert, Button, Card, Input, Select, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { KindFormDialog } from './KindFormDialog.tsx';
import { fetchKinds } from './suppliesApi.ts';

const PAGE_SIZE = 20;
const standard = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));

/** 物资品目: the county's 储备目录, each kind with its unit, shelf life and 储备标准 per warehouse tier. */
export function KindsPage() {
  const user = useUser();
  const canEdit = can(user, 'supplies:catalogue');
  const [page, setPage] = useState(1);
  const [category, setCategory] = useState<string>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<SupplyKind | 'new' | null>(null);
  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchKinds({ category, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [category, q, reload],
  );

  const columns: TableColumnsType<SupplyKind> = [
    { title: '品目', dataIndex: 'name', width: 150 },
    { title: '类别', dataIndex: 'category', width: 150 },
    { title: '单位', dataIndex: 'unit', width: 70 },
    { title: '保质期', dataIndex: 'shelfLifeDays', width: 90, render: (d: number | null) => (d ? `${d} 天` : '不过期') },
    {
      title: '储备标准（每库）',
      children: [
        { title: '县级', width: 80, align: 'right', render: (_v, k) => standard(k.reserveStandard.county) },
        { title: '乡镇', width: 80, align: 'right', render: (_v, k) => standard(k.reserveStandard.township) },
        { title: '村级', width: 80, align: 'right', render: (_v, k) => standard(k.reserveStandard.village) },
      ],
    },
    {
      title: '依据',
      dataIndex: 'source',
      ellipsis: { showTitle: false },
      render: (s: string | null) => (
        <Tooltip title={s} placement="topLeft">
          {s ?? '—'}
        </Tooltip>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            width: 60,
            render: (_v: unknown, k: SupplyKind) => <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(k)} />,
          },
        ]
      : []),
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="物资品目与储备标准"
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="类别"
              style={{ width: 170 }}
              options={SUPPLY_CATEGORIES.map((c) => ({ value: c, label: c }))}
              value={category}
              onChange={(v) => (setPage(1), setCategory(v))}
            />
            <Input.Search
              allowClear
              placeholder="品目名称"
              style={{ width: 160 }}
              onSearch={(v) => (setPage(1), setQ(v.trim()))}
            />
            <ExcelButtons
              basePath="/api/supplies/kinds"
              testId="supplies-kinds"
              canImport={canEdit}
              onImported={() => setReload((n) => n + 1)}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-kind">
                新增品目
              </Button>
            )}
          </Space>
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="品目取自种子规划所列物资（见“依据”）；保质期与储备标准为初始值，请按本县储备规划修改。储备标准指每个该层级仓库应储备的数量。"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<SupplyKind>
          rowKey="id"
          size="middle"
          bordered
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="kinds-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (n) => `共 ${n} 个品目` }}
        />
      </Card>
      <KindFormDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSaved={() => (setDialog(null), setReload((n) => n + 1))}
      />
    </div>
  );
}
