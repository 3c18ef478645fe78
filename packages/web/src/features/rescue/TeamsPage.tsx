import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { DutyState, Team, TeamLevel, TeamType } from '@yingji/contracts/rescue.ts';
import { TEAM_LEVELS, TEAM_TYPES } from '@yingji/contracts/rescue.ts';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { DUTY_STATE_COLORS, DUTY_STATE_OPTIONS, TEAM_LEVEL_OPTIONS, TEAM_TYPE_OPTIONS, mayKeepTeam } from './labels.ts';
import { deleteTeam, fetchTeams, updateTeam } from './rescueApi.ts';
import { TeamDetailDrawer } from './TeamDetailDrawer.tsx';
import { TeamFormDialog, type TeamDialogTarget } from './TeamFormDialog.tsx';
import { useAreaNames } from '../../app/useAreaNames.ts';

const PAGE_SIZE = 20;

/** 救援队伍: the register of the current area, filtered by type, level and duty state; detail, edit, Excel. */
export function TeamsPage() {
  const user = useUser();
  const canEdit = can(user, 'rescue:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [type, setType] = useState<TeamType>();
  const [level, setLevel] = useState<TeamLevel>();
  const [dutyState, setDutyState] = useState<DutyState>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<TeamDialogTarget>(null);
  const [detail, setDetail] = useState<string | null>(null);

  const { rows, total, loading, error, setRows, capped } = useCappedList(
    (limit, offset, signal) => fetchTeams({ type, level, dutyState, q, areaCode: area?.code }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [type, level, dutyState, q, area?.code, reload],
  );
  const refresh = () => setReload((n) => n + 1);
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setPage(1);
      set(v);
    };

  const changeDuty = async (team: Team, next: DutyState) => {
    try {
      const saved = await updateTeam(team.id, { dutyState: next });
      setRows((list) => list.map((t) => (t.id === saved.id ? saved : t)));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const remove = async (team: Team) => {
    try {
      await deleteTeam(team.id);
      message.success(`已删除 ${team.name}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Team> = [
    {
      title: '队伍名称',
      dataIndex: 'name',
      render: (name: string, team) => (
        <Space size={4}>
          <a onClick={() => setDetail(team.id)} data-testid="team-open">
            {name}
          </a>
          {team.demo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'type', width: 90, render: (t: TeamType) => TEAM_TYPES[t] },
    { title: '层级', dataIndex: 'level', width: 70, render: (l: TeamLevel) => TEAM_LEVELS[l] },
    { title: '所在区域', dataIndex: 'areaCode', width: 180, render: (code: string) => areaName(code) },
    { title: '人数', dataIndex: 'memberCount', width: 70, align: 'right' },
    { title: '装备(件)', dataIndex: 'equipmentCount', width: 80, align: 'right' },
    { title: '负责人', width: 170, render: (_, t) => `${t.leaderName} ${t.leaderPhone}` },
    {
      title: '值守状态',
      dataIndex: 'dutyState',
      width: 110,
      render: (state: DutyState, team) =>
        canEdit && mayKeepTeam(user, team.level) ? (
          <Select<DutyState>
            size="small"
            value={state}
            style={{ width: 90 }}
            onChange={(next) => void changeDuty(team, next)}
            options={DUTY_STATE_OPTIONS.map((o) => ({
              ...o,
              label: <span style={{ color: DUTY_STATE_COLORS[o.value] }}>● {o.label}</span>,
            }))}
          />
        ) : (
          <Tag color={DUTY_STATE_COLORS[state]}>{DUTY_STATE_OPTIONS.find((o) => o.value === state)?.label}</Tag>
        ),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            width: 90,
            render: (_: unknown, team: Team) =>
              mayKeepTeam(user, team.level) && (
                <Space size={4}>
                  <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setDialog(team)} />
                  <Popconfirm title={`删除 ${team.name} 及其队员？`} onConfirm={() => void remove(team)}>
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
        title={`救援队伍${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <ExcelButtons basePath="/api/rescue/teams" testId="teams" canImport={canEdit} onImported={refresh} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-team">
                新建队伍
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 120 }}
            options={TEAM_TYPE_OPTIONS}
            value={type}
            onChange={filtered(setType)}
            data-testid="filter-type"
          />
          <Select
            allowClear
            placeholder="层级"
            style={{ width: 110 }}
            options={TEAM_LEVEL_OPTIONS}
            value={level}
            onChange={filtered(setLevel)}
          />
          <Select
            allowClear
            placeholder="值守状态"
            style={{ width: 120 }}
            options={DUTY_STATE_OPTIONS}
            value={dutyState}
            onChange={filtered(setDutyState)}
          />
          <Input.Search allowClear placeholder="队伍名称" style={{ width: 200 }} onSearch={(v) => filtered(setQ)(v.trim())} />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Team>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="teams-table"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => cappedTotalText(n, capped, '支队伍'),
            onChange: setPage,
          }}
        />
      </Card>
      <TeamFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
      <TeamDetailDrawer
        teamId={detail}
        canEdit={canEdit}
        areaName={areaName}
        onClose={() => setDetail(null)}
        onChanged={refresh}
      />
    </div>
  );
}
