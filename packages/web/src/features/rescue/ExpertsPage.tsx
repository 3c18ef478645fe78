import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Expert, ExpertField } from '@yingji/contracts/rescue.ts';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { AreaTreeSelect } from '../../app/AreaTreeSelect.tsx';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { ExpertFormDialog, type ExpertDialogTarget } from './ExpertFormDialog.tsx';
import { EXPERT_FIELD_OPTIONS } from './labels.ts';
import { deleteExpert, fetchExperts } from './rescueApi.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 专家库: search by field, area and availability. */
export function ExpertsPage() {
  const user = useUser();
  const canEdit = can(user, 'rescue:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [field, setField] = useState<ExpertField>();
  const [areaCode, setAreaCode] = useState<string | undefined>(area?.code);
  const [available, setAvailable] = useState<'true' | 'false'>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<ExpertDialogTarget>(null);

  // The header's area switch moves the search area with it.
  useEffect(() => setAreaCode(area?.code), [area?.code]);

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) =>
      fetchExperts(
        { field, areaCode, available: available === undefined ? undefined : available === 'true', q },
        limit,
        offset,
        signal,
      ),
    page,
    PAGE_SIZE,
    [field, areaCode, available, q, reload],
  );
  const refresh = () => setReload((n) => n + 1);
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setPage(1);
      set(v);
    };

  const remove = async (expert: Expert) => {
    try {
      await deleteExpert(expert.id);
      message.success(`已删除 ${expert.name}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Expert> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 120,
      render: (name: string, e) => (
        <Space size={4}>
          {name}
          {e.demo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    {
      title: '专业领域',
      dataIndex: 'fields',
      render: (fields: string[]) => (
        <Space size={[4, 4]} wrap>
          {fields.map((f) => (
            <Tag key={f} color={f === field ? 'blue' : 'default'}>
              {f}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: '职称', dataIndex: 'title', width: 140, render: (t: string | null) => t ?? '—' },
    { title: '工作单位', dataIndex: 'organisation' },
    { title: '联系电话', dataIndex: 'phone', width: 130 },
    { title: '所在区域', dataIndex: 'areaCode', width: 180, render: (c: string) => areaName(c) },
    {
      title: '可用',
      dataIndex: 'available',
      width: 150,
      render: (ok: boolean, e) =>
        ok ? <Tag color="green">可调用</Tag> : <Tag color="orange">{e.availabilityNote ?? '暂不可用'}</Tag>,
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            width: 90,
            render: (_: unknown, expert: Expert) => (
              <Space size={4}>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setDialog(expert)} />
                <Popconfirm title={`删除专家 ${expert.name}？`} onConfirm={() => void remove(expert)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} />
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
        title="专家库"
        extra={
          <Space wrap>
            <ExcelButtons basePath="/api/rescue/experts" testId="experts" canImport={canEdit} onImported={refresh} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')}>
                新增专家
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch
            placeholder="专业领域"
            style={{ width: 150 }}
            options={EXPERT_FIELD_OPTIONS}
            value={field}
            onChange={filtered(setField)}
            data-testid="filter-field"
          />
          <AreaTreeSelect
            value={areaCode}
            onChange={(code) => filtered(setAreaCode)(code)}
            style={{ width: 200 }}
            placeholder="区域"
            aria-label="区域"
          />
          <Select
            allowClear
            placeholder="可用情况"
            style={{ width: 120 }}
            value={available}
            onChange={filtered(setAvailable)}
            options={[
              { value: 'true', label: '可调用' },
              { value: 'false', label: '暂不可用' },
            ]}
          />
          <Input.Search allowClear placeholder="姓名或单位" style={{ width: 200 }} onSearch={(v) => filtered(setQ)(v.trim())} />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Expert>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="experts-table"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => cappedTotalText(n, capped, '位专家'),
            onChange: setPage,
          }}
        />
      </Card>
      <ExpertFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
    </div>
  );
}
