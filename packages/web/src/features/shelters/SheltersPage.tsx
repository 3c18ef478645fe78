import { PlusOutlined } from '@ant-design/icons';
import type { Shelter, ShelterGrade, ShelterType } from '@yingji/contracts/shelters.ts';
import { SHELTER_GRADE_NAMES, SHELTER_TYPE_NAMES } from '@yingji/contracts/shelters.ts';
import { Alert, Button, Card, Input, Progress, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { SHELTER_GRADE_OPTIONS, SHELTER_TYPE_OPTIONS } from './labels.ts';
import { ShelterDrawer } from './ShelterDrawer.tsx';
import { ShelterFormDialog, type ShelterDialogTarget } from './ShelterFormDialog.tsx';
import { fetchShelters } from './sheltersApi.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 应急避难场所: the register of the current area, with capacity, head count and open state at a glance. */
export function SheltersPage() {
  const user = useUser();
  const canEdit = can(user, 'shelters:edit');
  const { area } = useCurrentArea();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [type, setType] = useState<ShelterType>();
  const [grade, setGrade] = useState<ShelterGrade>();
  const [open, setOpen] = useState<boolean>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<ShelterDialogTarget>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const refresh = () => setReload((n) => n + 1);

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) => fetchShelters({ areaCode: area?.code, type, grade, open, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, type, grade, open, q, reload],
  );

  const columns: TableColumnsType<Shelter> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, s) => (
        <Space size={4}>
          <a onClick={() => setDetail(s.id)} data-testid="shelter-row">
            {name}
          </a>
          {s.demo && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    {
      title: '类型 / 等级',
      width: 120,
      render: (_v, s) => (
        <Space size={2}>
          <Tag color={s.type === 'indoor' ? 'purple' : 'cyan'}>{SHELTER_TYPE_NAMES[s.type]}</Tag>
          <Tag>{SHELTER_GRADE_NAMES[s.grade]}</Tag>
        </Space>
      ),
    },
    { title: '所在区划', dataIndex: 'areaCode', width: 180, render: (code: string) => areaName(code) },
    {
      title: '面积（m²）',
      dataIndex: 'usableArea',
      width: 100,
      align: 'right',
      render: (v: number) => v.toLocaleString('zh-CN'),
    },
    { title: '容纳人数', dataIndex: 'capacity', width: 90, align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
    {
      title: '在住 / 容量',
      width: 180,
      render: (_v, s) =>
        s.open ? (
          <Progress
            size="small"
            percent={s.capacity ? Math.round((s.occupancy / s.capacity) * 100) : 0}
            format={() => `${s.occupancy}/${s.capacity}`}
          />
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'open',
      width: 80,
      render: (o: boolean) => (o ? <Tag color="green">开放</Tag> : <Tag>关闭</Tag>),
    },
    { title: '管理人', width: 170, render: (_v, s) => `${s.managerName} ${s.managerPhone}` },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`应急避难场所${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="类型"
              style={{ width: 90 }}
              options={SHELTER_TYPE_OPTIONS}
              value={type}
              onChange={(v) => (setPage(1), setType(v))}
            />
            <Select
              allowClear
              placeholder="等级"
              style={{ width: 90 }}
              options={SHELTER_GRADE_OPTIONS}
              value={grade}
              onChange={(v) => (setPage(1), setGrade(v))}
            />
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 90 }}
              options={[
                { value: true, label: '开放' },
                { value: false, label: '关闭' },
              ]}
              value={open}
              onChange={(v) => (setPage(1), setOpen(v))}
            />
            <Input.Search allowClear placeholder="名称" style={{ width: 160 }} onSearch={(v) => (setPage(1), setQ(v.trim()))} />
            <ExcelButtons basePath="/api/shelters" testId="shelters" canImport={canEdit} onImported={refresh} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-shelter">
                新建
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Shelter>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="shelters-table"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => cappedTotalText(n, capped, '处'),
            onChange: setPage,
          }}
        />
      </Card>
      <ShelterDrawer
        shelterId={detail}
        reloadKey={reload}
        areaName={areaName}
        canEdit={canEdit}
        onClose={() => setDetail(null)}
        onEdit={(s) => {
          // The dialog would open under the drawer: close it, and come back to it after saving.
          setDetail(null);
          setDialog(s);
        }}
        onChanged={refresh}
      />
      <ShelterFormDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSaved={(s) => {
          refresh();
          if (dialog !== 'new') setDetail(s.id);
        }}
      />
    </div>
  );
}
