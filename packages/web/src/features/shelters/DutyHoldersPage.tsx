import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { DutyGapReport, DutyHolder, DutyRole } from '@yingji/contracts/shelters.ts';
import { DUTY_ROLE_NAMES } from '@yingji/contracts/shelters.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
import { DutyHolderFormDialog, type DutyHolderDialogTarget } from './DutyHolderFormDialog.tsx';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { DUTY_ROLE_OPTIONS, percent } from './labels.ts';
import { deleteDutyHolder, fetchDutyGaps, fetchDutyHolders } from './sheltersApi.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 责任人: who answers for each township and village (三防、包保 …), and the villages still without one. */
export function DutyHoldersPage() {
  const user = useUser();
  const canEdit = can(user, 'shelters:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<DutyRole>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<DutyHolderDialogTarget>(null);
  const [gapRole, setGapRole] = useState<DutyRole>('sanfang');
  const [gaps, setGaps] = useState<DutyGapReport | null>(null);
  const refresh = () => setReload((n) => n + 1);

  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchDutyHolders({ areaCode: area?.code, role, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, role, q, reload],
  );

  useEffect(() => {
    const controller = new AbortController();
    fetchDutyGaps(gapRole, controller.signal)
      .then(setGaps)
      .catch(() => undefined);
    return () => controller.abort();
  }, [gapRole, reload]);

  const remove = async (h: DutyHolder) => {
    try {
      await deleteDutyHolder(h.id);
      message.success(`已删除 ${h.name}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<DutyHolder> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 140,
      render: (name: string, h) => (
        <Space size={4}>
          {name}
          {h.demo && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    {
      title: '责任类型',
      dataIndex: 'role',
      width: 120,
      render: (r: DutyRole) => <Tag color={r === 'sanfang' ? 'blue' : 'geekblue'}>{DUTY_ROLE_NAMES[r]}</Tag>,
    },
    { title: '职务', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
    { title: '联系电话', dataIndex: 'phone', width: 130 },
    { title: '负责区划', dataIndex: 'areaCode', width: 200, render: (code: string) => areaName(code) },
    {
      title: '包保对象',
      width: 220,
      render: (_v, h) => (h.shelterName ? `避难场所：${h.shelterName}` : h.targetName ? `防护目标：${h.targetName}` : '—'),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            width: 150,
            render: (_v: unknown, h: DutyHolder) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(h)}>
                  编辑
                </Button>
                <Popconfirm title={`删除 ${h.name}？`} onConfirm={() => remove(h)}>
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const list = (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<DutyHolder>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="duty-holders-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 人`,
          onChange: setPage,
        }}
      />
    </>
  );

  const gapTable = (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="duty-gaps">
      <Space>
        <Select value={gapRole} options={DUTY_ROLE_OPTIONS} onChange={setGapRole} style={{ width: 140 }} />
        {gaps && (
          <span>
            村（社区）{gaps.villages} 个，已落实 {gaps.covered} 个，覆盖率 {percent(gaps.ratio)}
          </span>
        )}
      </Space>
      <Table
        rowKey="areaCode"
        size="small"
        pagination={false}
        dataSource={gaps?.townships ?? []}
        columns={[
          { title: '乡镇', dataIndex: 'areaName', width: 120 },
          {
            title: '落实情况',
            width: 220,
            render: (_v, t) => (
              <Progress
                size="small"
                percent={t.villages ? Math.round((t.covered / t.villages) * 100) : 0}
                format={() => `${t.covered}/${t.villages}`}
              />
            ),
          },
          {
            title: `未落实${DUTY_ROLE_NAMES[gapRole]}的村（社区）`,
            render: (_v, t) =>
              t.missing.length ? (
                <Space size={[4, 4]} wrap>
                  {t.missing.map((m) => (
                    <Tag key={m.areaCode} color="red">
                      {m.areaName}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Tag color="green">全部落实</Tag>
              ),
          },
        ]}
      />
    </Space>
  );

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`责任人${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="责任类型"
              style={{ width: 130 }}
              options={DUTY_ROLE_OPTIONS}
              value={role}
              onChange={(v) => (setPage(1), setRole(v))}
            />
            <Input.Search allowClear placeholder="姓名" style={{ width: 140 }} onSearch={(v) => (setPage(1), setQ(v.trim()))} />
            <ExcelButtons basePath="/api/duty-holders" testId="duty-holders" canImport={canEdit} onImported={refresh} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-duty-holder">
                新增
              </Button>
            )}
          </Space>
        }
      >
        <Tabs
          items={[
            { key: 'list', label: '责任人名单', children: list },
            { key: 'gaps', label: '未落实责任人的村', children: gapTable },
          ]}
        />
      </Card>
      <DutyHolderFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
    </div>
  );
}
