import type { DutyHolder, Shelter } from '@yingji/contracts/shelters.ts';
import { DUTY_ROLE_NAMES, SHELTER_FACILITY_NAMES, SHELTER_GRADE_NAMES, SHELTER_TYPE_NAMES } from '@yingji/contracts/shelters.ts';
import { Alert, App, Button, Descriptions, Drawer, InputNumber, Popconfirm, Progress, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { changeOccupancy, deleteShelter, fetchDutyHolders, fetchShelter, setShelterOpen } from './sheltersApi.ts';

/**
 * One shelter: its particulars, and the controls used while it is in service — open/close and the head count
 * (set after a roll call, or + / − as people arrive and leave). The server refuses anything beyond capacity.
 */
export function ShelterDrawer({
  shelterId,
  reloadKey,
  areaName,
  canEdit,
  onClose,
  onEdit,
  onChanged,
}: {
  shelterId: string | null;
  /** Changes when the shelter may have changed elsewhere (the edit dialog): the drawer reads it again. */
  reloadKey: number;
  areaName(code: string): string;
  canEdit: boolean;
  onClose(): void;
  onEdit(shelter: Shelter): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [shelter, setShelter] = useState<Shelter | null>(null);
  const [holders, setHolders] = useState<DutyHolder[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [step, setStep] = useState<number | null>(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    if (!shelterId) return setShelter(null);
    const controller = new AbortController();
    Promise.all([fetchShelter(shelterId, controller.signal), fetchDutyHolders({ shelterId }, 100, 0, controller.signal)])
      .then(([s, h]) => {
        setShelter(s);
        setCount(s.occupancy);
        setHolders(h.items);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [shelterId, reloadKey]);

  const act = async (action: () => Promise<Shelter>, done: string) => {
    setBusy(true);
    try {
      const updated = await action();
      setShelter(updated);
      setCount(updated.occupancy);
      message.success(done);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    try {
      await deleteShelter(shelterId!);
      message.success('已删除');
      onChanged();
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const used = shelter && shelter.capacity > 0 ? Math.round((shelter.occupancy / shelter.capacity) * 100) : 0;
  return (
    <Drawer
      open={shelterId !== null}
      onClose={onClose}
      size="large"
      title={shelter?.name ?? '避难场所'}
      data-testid="shelter-detail"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!shelter && !error && <Spin />}
      {shelter && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {shelter.demo && <Alert type="warning" showIcon title="演示数据：本条为演示县生成的示例，并非真实场所" />}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="类型">
              {SHELTER_TYPE_NAMES[shelter.type]} · {SHELTER_GRADE_NAMES[shelter.grade]}避难场所
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              {shelter.open ? <Tag color="green">开放中</Tag> : <Tag>关闭</Tag>}
              {shelter.open && shelter.openedAt && <span style={{ color: '#888' }}>自 {formatInstant(shelter.openedAt)}</span>}
            </Descriptions.Item>
            <Descriptions.Item label="可用面积">{shelter.usableArea.toLocaleString('zh-CN')} m²</Descriptions.Item>
            <Descriptions.Item label="容纳人数">
              {shelter.capacity.toLocaleString('zh-CN')} 人（{shelter.areaPerPerson} m²/人）
            </Descriptions.Item>
            <Descriptions.Item label="在住 / 空余" span={2}>
              <Progress
                percent={used}
                status={used >= 100 ? 'exception' : 'normal'}
                format={() => `${shelter.occupancy} / ${shelter.capacity}，空余 ${shelter.freeCapacity}`}
                data-testid="shelter-occupancy"
              />
            </Descriptions.Item>
            <Descriptions.Item label="配套设施" span={2}>
              {shelter.facilities.length ? shelter.facilities.map((f) => <Tag key={f}>{SHELTER_FACILITY_NAMES[f]}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="管理人">
              {shelter.managerName} {shelter.managerPhone}
            </Descriptions.Item>
            <Descriptions.Item label="所在区划">{areaName(shelter.areaCode)}</Descriptions.Item>
            <Descriptions.Item label="地址">{shelter.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="坐标">
              {shelter.lon.toFixed(5)}, {shelter.lat.toFixed(5)}
            </Descriptions.Item>
            <Descriptions.Item label="备注" span={2}>
              {shelter.note ?? '—'}
            </Descriptions.Item>
          </Descriptions>

          {canEdit && (
            <Space wrap data-testid="shelter-controls">
              {shelter.open ? (
                <Popconfirm
                  title="关闭避难场所？须先将在住人数调整为 0。"
                  onConfirm={() => act(() => setShelterOpen(shelter.id, false), '已关闭')}
                >
                  <Button loading={busy} data-testid="shelter-close">
                    关闭场所
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => act(() => setShelterOpen(shelter.id, true), '已开放')}
                  data-testid="shelter-open"
                >
                  开放场所
                </Button>
              )}
              <span>在住人数</span>
              <InputNumber
                min={0}
                max={shelter.capacity}
                value={count}
                onChange={setCount}
                disabled={!shelter.open}
                data-testid="occupancy-input"
              />
              <Button
                disabled={!shelter.open || count === null}
                loading={busy}
                onClick={() => act(() => changeOccupancy(shelter.id, { occupancy: count ?? 0 }), '在住人数已登记')}
                data-testid="occupancy-set"
              >
                登记
              </Button>
              <InputNumber min={1} value={step} onChange={setStep} disabled={!shelter.open} style={{ width: 80 }} />
              <Button
                disabled={!shelter.open || !step}
                onClick={() => act(() => changeOccupancy(shelter.id, { delta: step ?? 0 }), `已登记到达 ${step} 人`)}
              >
                + 到达
              </Button>
              <Button
                disabled={!shelter.open || !step}
                onClick={() => act(() => changeOccupancy(shelter.id, { delta: -(step ?? 0) }), `已登记离开 ${step} 人`)}
              >
                − 离开
              </Button>
              <Button onClick={() => onEdit(shelter)} data-testid="shelter-edit">
                编辑
              </Button>
              <Popconfirm title="删除这个避难场所？" onConfirm={remove}>
                <Button danger>删除</Button>
              </Popconfirm>
            </Space>
          )}

          <Table<DutyHolder>
            size="small"
            rowKey="id"
            title={() => '包保 / 管理责任人'}
            dataSource={holders}
            pagination={false}
            locale={{ emptyText: '暂无关联责任人' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '责任类型', dataIndex: 'role', render: (r: DutyHolder['role']) => DUTY_ROLE_NAMES[r] },
              { title: '职务', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
              { title: '电话', dataIndex: 'phone' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
