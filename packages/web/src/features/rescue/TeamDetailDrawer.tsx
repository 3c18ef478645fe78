import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Equipment, Member, TeamDetail } from '@yingji/contracts/rescue.ts';
import { DUTY_STATES, EQUIPMENT_STATES, TEAM_LEVELS, TEAM_TYPES } from '@yingji/contracts/rescue.ts';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useUser } from '../../app/session.tsx';
import { DUTY_STATE_COLORS, EQUIPMENT_STATE_COLORS, mayKeepTeam } from './labels.ts';
import { MemberFormDialog, type MemberDialogTarget } from './MemberFormDialog.tsx';
import { deleteMember, fetchTeam } from './rescueApi.ts';

/** 队伍详情: the team, its members with certificates (expired ones flagged), and its equipment. */
export function TeamDetailDrawer({
  teamId,
  canEdit,
  areaName,
  onClose,
  onChanged,
}: {
  teamId: string | null;
  canEdit: boolean;
  areaName(code: string): string;
  onClose(): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [team, setTeam] = useState<TeamDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [memberDialog, setMemberDialog] = useState<MemberDialogTarget>(null);
  const user = useUser();
  // A township officer sees the county's own teams but does not keep them (server: rescue.policy.ts).
  const editable = canEdit && team !== null && mayKeepTeam(user, team.level);

  useEffect(() => {
    if (!teamId) return setTeam(null);
    const controller = new AbortController();
    fetchTeam(teamId, controller.signal)
      .then((t) => {
        setTeam(t);
        setError(null);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [teamId, reload]);

  const changed = () => {
    setReload((n) => n + 1);
    onChanged();
  };

  const removeMember = async (member: Member) => {
    try {
      await deleteMember(member.id);
      message.success(`已删除队员 ${member.name}`);
      changed();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Drawer open={teamId !== null} onClose={onClose} size="large" title={team?.name ?? '队伍详情'} data-testid="team-detail">
      {error && <Alert type="error" showIcon title={error} />}
      {!team && !error && <Spin />}
      {team && (
        <>
          {team.demo && <Alert type="info" showIcon title="演示数据：队伍、人员与装备为生成数据" style={{ marginBottom: 12 }} />}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="类型">{TEAM_TYPES[team.type]}</Descriptions.Item>
            <Descriptions.Item label="层级">{TEAM_LEVELS[team.level]}</Descriptions.Item>
            <Descriptions.Item label="所在区域">{areaName(team.areaCode)}</Descriptions.Item>
            <Descriptions.Item label="值守状态">
              <Tag color={DUTY_STATE_COLORS[team.dutyState]}>{DUTY_STATES[team.dutyState]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="负责人">
              {team.leaderName} {team.leaderPhone}
            </Descriptions.Item>
            <Descriptions.Item label="值班电话">{team.dutyPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="驻地">{team.baseAddress ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="坐标">
              {team.lon.toFixed(5)}, {team.lat.toFixed(5)}
            </Descriptions.Item>
            <Descriptions.Item label="专业方向" span={2}>
              {team.specialty ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="装备概况" span={2}>
              {team.equipmentSummary.length === 0
                ? '—'
                : team.equipmentSummary
                    .map((s) => `${s.kind} ${s.quantity}${s.unit}${s.good < s.quantity ? `（完好 ${s.good}）` : ''}`)
                    .join('、')}
            </Descriptions.Item>
          </Descriptions>

          <Space style={{ margin: '16px 0 8px', justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              队员（{team.memberCount} 人）
            </Typography.Title>
            {editable && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setMemberDialog({ teamId: team.id })}
                data-testid="add-member"
              >
                添加队员
              </Button>
            )}
          </Space>
          <Table<Member>
            size="small"
            rowKey="id"
            dataSource={team.members}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '职务', dataIndex: 'position', width: 110, render: (p: string | null) => p ?? '—' },
              { title: '技能', dataIndex: 'skills', render: (s: string[]) => s.join('、') || '—' },
              {
                title: '证书',
                dataIndex: 'certificates',
                render: (certs: Member['certificates']) =>
                  certs.length === 0 ? (
                    '—'
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {certs.map((c) => (
                        <Tag key={c.number} color={c.expired ? 'red' : 'default'} title={`编号 ${c.number}`}>
                          {c.name}
                          {c.expiresOn ? ` 至 ${c.expiresOn}` : ''}
                          {c.expired ? '（已过期）' : ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
              ...(editable
                ? [
                    {
                      title: '操作',
                      width: 100,
                      render: (_: unknown, member: Member) => (
                        <Space size={4}>
                          <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setMemberDialog({ member })} />
                          <Popconfirm title={`删除队员 ${member.name}？`} onConfirm={() => void removeMember(member)}>
                            <Button size="small" type="text" danger icon={<DeleteOutlined />} />
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />

          <Typography.Title level={5}>装备</Typography.Title>
          <Table<Equipment>
            size="small"
            rowKey="id"
            dataSource={team.equipment}
            pagination={false}
            columns={[
              { title: '种类', dataIndex: 'kind' },
              { title: '数量', render: (_: unknown, e: Equipment) => `${e.quantity} ${e.unit}`, width: 90 },
              {
                title: '状态',
                dataIndex: 'state',
                width: 80,
                render: (s: Equipment['state']) => <Tag color={EQUIPMENT_STATE_COLORS[s]}>{EQUIPMENT_STATES[s]}</Tag>,
              },
              { title: '下次维护', dataIndex: 'maintenanceDue', width: 110, render: (d: string | null) => d ?? '—' },
            ]}
          />
        </>
      )}
      <MemberFormDialog target={memberDialog} onClose={() => setMemberDialog(null)} onSaved={changed} />
    </Drawer>
  );
}
