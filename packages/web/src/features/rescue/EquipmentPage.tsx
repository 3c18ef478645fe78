import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Equipment, EquipmentState, MaintenanceDue, MaintenanceDueReport } from '@yingji/contracts/rescue.ts';
import { EQUIPMENT_STATES } from '@yingji/contracts/rescue.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
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
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { EquipmentFormDialog, type EquipmentDialogTarget } from './EquipmentFormDialog.tsx';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { EQUIPMENT_STATE_COLORS, EQUIPMENT_STATE_OPTIONS } from './labels.ts';
import { deleteEquipment, fetchEquipment, fetchMaintenanceDue } from './rescueApi.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 装备: the register, and a tab of equipment whose maintenance is overdue or falls due soon. */
export function EquipmentPage() {
  const user = useUser();
  const canEdit = can(user, 'rescue:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<EquipmentState>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<EquipmentDialogTarget>(null);
  const [days, setDays] = useState<number | null>(null);
  const [due, setDue] = useState<MaintenanceDueReport | null>(null);

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) => fetchEquipment({ state, q, areaCode: area?.code }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [state, q, area?.code, reload],
  );
  const refresh = () => setReload((n) => n + 1);

  useEffect(() => {
    const controller = new AbortController();
    fetchMaintenanceDue(days, controller.signal)
      .then(setDue)
      .catch(() => undefined);
    return () => controller.abort();
  }, [days, reload]);

  const remove = async (item: Equipment) => {
    try {
      await deleteEquipment(item.id);
      message.success(`已删除 ${item.kind}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const owner = (e: Equipment) => (e.ownerType === 'team' ? (e.ownerName ?? e.ownerId) : `仓库 ${e.ownerId}`);
  const base: TableColumnsType<Equipment> = [
    {
      title: '装备种类',
      dataIndex: 'kind',
      render: (kind: string, e) => (
        <Space size={4}>
          {kind}
          {e.model && <span style={{ color: '#888' }}>{e.model}</span>}
          {e.demo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    { title: '数量', width: 90, render: (_, e) => `${e.quantity} ${e.unit}` },
    { title: '归属', render: (_, e) => owner(e) },
    { title: '所在区域', dataIndex: 'areaCode', width: 180, render: (c: string) => areaName(c) },
    {
      title: '状态',
      dataIndex: 'state',
      width: 80,
      render: (s: EquipmentState) => <Tag color={EQUIPMENT_STATE_COLORS[s]}>{EQUIPMENT_STATES[s]}</Tag>,
    },
    { title: '上次维护', dataIndex: 'lastMaintained', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '下次维护', dataIndex: 'maintenanceDue', width: 110, render: (d: string | null) => d ?? '—' },
  ];
  const actions: TableColumnsType<Equipment> = canEdit
    ? [
        {
          title: '操作',
          width: 90,
          render: (_, item) => (
            <Space size={4}>
              <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setDialog(item)} />
              <Popconfirm title={`删除 ${item.kind}？`} onConfirm={() => void remove(item)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} />
              </Popconfirm>
            </Space>
          ),
        },
      ]
    : [];
  const dueItems = (due?.items ?? []).filter((i) => !area || i.areaCode.startsWith(area.code));
  const dueColumns: TableColumnsType<MaintenanceDue> = [
    ...(base as TableColumnsType<MaintenanceDue>),
    {
      title: '提醒',
      width: 130,
      render: (_, i) =>
        i.overdue ? <Tag color="red">逾期 {-i.daysLeft} 天</Tag> : <Tag color="orange">{i.daysLeft} 天后到期</Tag>,
    },
    ...(actions as TableColumnsType<MaintenanceDue>),
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`装备${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <ExcelButtons basePath="/api/rescue/equipment" testId="equipment" canImport={canEdit} onImported={refresh} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')}>
                登记装备
              </Button>
            )}
          </Space>
        }
      >
        <Tabs
          items={[
            {
              key: 'all',
              label: '装备台账',
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Select
                      allowClear
                      placeholder="状态"
                      style={{ width: 110 }}
                      options={EQUIPMENT_STATE_OPTIONS}
                      value={state}
                      onChange={(v) => {
                        setPage(1);
                        setState(v);
                      }}
                    />
                    <Input.Search
                      allowClear
                      placeholder="种类或型号"
                      style={{ width: 200 }}
                      onSearch={(v) => {
                        setPage(1);
                        setQ(v.trim());
                      }}
                    />
                  </Space>
                  {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
                  <Table<Equipment>
                    rowKey="id"
                    size="middle"
                    loading={loading}
                    columns={[...base, ...actions]}
                    dataSource={rows}
                    data-testid="equipment-table"
                    pagination={{
                      current: page,
                      pageSize: PAGE_SIZE,
                      total,
                      showSizeChanger: false,
                      showTotal: (n) => cappedTotalText(n, capped, '条'),
                      onChange: setPage,
                    }}
                  />
                </>
              ),
            },
            {
              key: 'due',
              label: (
                <span data-testid="tab-maintenance-due">
                  维护提醒 {dueItems.length > 0 && <Tag color="red">{dueItems.length}</Tag>}
                </span>
              ),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }}>
                    维护到期日在
                    <InputNumber
                      min={0}
                      max={3650}
                      value={due?.days}
                      onChange={(v) => setDays(v ?? null)}
                      style={{ width: 90 }}
                    />
                    天内或已逾期（默认值见规则配置，今天：{due?.today ?? '—'}）
                  </Space>
                  <Table<MaintenanceDue>
                    rowKey="id"
                    size="middle"
                    columns={dueColumns}
                    dataSource={dueItems}
                    data-testid="maintenance-due-table"
                    pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <EquipmentFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
    </div>
  );
}
