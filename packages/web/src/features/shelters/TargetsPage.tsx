import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Target, TargetType } from '@yingji/contracts/shelters.ts';
import { TARGET_TYPE_NAMES } from '@yingji/contracts/shelters.ts';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatPopulation } from '../../app/format.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { TARGET_TYPE_OPTIONS } from './labels.ts';
import { deleteTarget, fetchTargets } from './sheltersApi.ts';
import { TargetFormDialog, type TargetDialogTarget } from './TargetFormDialog.tsx';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 重要防护目标: schools, hospitals, reservoirs … to protect or evacuate first, with who answers for each. */
export function TargetsPage() {
  const user = useUser();
  const canEdit = can(user, 'shelters:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [type, setType] = useState<TargetType>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<TargetDialogTarget>(null);
  const refresh = () => setReload((n) => n + 1);

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) => fetchTargets({ areaCode: area?.code, type, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, type, q, reload],
  );

  const remove = async (t: Target) => {
    try {
      await deleteTarget(t.id);
      message.success(`已删除 ${t.name}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Target> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, t) => (
        <Space size={4}>
          {name}
          {t.demo && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    {
      title: '类型',
      dataIndex: 'type',
      width: 120,
      render: (v: TargetType) => <Tag color="volcano">{TARGET_TYPE_NAMES[v]}</Tag>,
    },
    { title: '在场人数', dataIndex: 'people', width: 100, align: 'right', render: formatPopulation },
    { title: '所在区划', dataIndex: 'areaCode', width: 180, render: (code: string) => areaName(code) },
    { title: '责任人', width: 170, render: (_v, t) => `${t.responsibleName} ${t.responsiblePhone}` },
    { title: '地址', dataIndex: 'address', render: (a: string | null) => a ?? '—' },
    ...(canEdit
      ? [
          {
            title: '操作',
            width: 150,
            render: (_v: unknown, t: Target) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(t)}>
                  编辑
                </Button>
                <Popconfirm title={`删除 ${t.name}？`} onConfirm={() => remove(t)}>
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`重要防护目标${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="类型"
              style={{ width: 130 }}
              options={TARGET_TYPE_OPTIONS}
              value={type}
              onChange={(v) => (setPage(1), setType(v))}
            />
            <Input.Search allowClear placeholder="名称" style={{ width: 160 }} onSearch={(v) => (setPage(1), setQ(v.trim()))} />
            <ExcelButtons
              basePath="/api/protection-targets"
              testId="protection-targets"
              canImport={canEdit}
              onImported={refresh}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-target">
                新建
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Target>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="targets-table"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => cappedTotalText(n, capped, '个'),
            onChange: setPage,
          }}
        />
      </Card>
      <TargetFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
    </div>
  );
}
