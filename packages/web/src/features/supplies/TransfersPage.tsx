import { PlusOutlined } from '@ant-design/icons';
import { TRANSFER_STATE_NAMES, type Transfer, type TransferState } from '@yingji/contracts/supplies.ts';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Steps, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
import { TRANSFER_STATE_COLORS, TRANSFER_STATE_OPTIONS } from './labels.ts';
import { fetchTransfers, transferStep, type TransferStep } from './suppliesApi.ts';
import { TransferRequestDialog } from './TransferRequestDialog.tsx';

const PAGE_SIZE = 20;
const STEP_NAMES: Record<TransferStep, string> = {
  approve: '批准',
  reject: '驳回',
  ship: '发运',
  receive: '确认入库',
  cancel: '撤销',
};

function progress(t: Transfer) {
  const by = (who: string | null, at: string | null) => (who ? `${who} ${formatInstant(at)}` : undefined);
  const refused = t.state === 'rejected' || t.state === 'cancelled';
  const current = { requested: 1, approved: 2, shipped: 3, received: 4, rejected: 1, cancelled: 1 }[t.state];
  return (
    <Steps
      size="small"
      current={current}
      status={refused ? 'error' : t.state === 'received' ? 'finish' : 'process'}
      items={[
        { title: '申请', description: by(t.requestedBy, t.requestedAt) },
        {
          title: refused ? TRANSFER_STATE_NAMES[t.state] : '审批',
          description: by(t.decidedBy, t.decidedAt) ?? t.decisionNote ?? undefined,
        },
        { title: '出库（在途）', description: by(t.shippedBy, t.shippedAt) },
        { title: '入库', description: by(t.receivedBy, t.receivedAt) },
      ]}
    />
  );
}

/** 调拨审批: requests between warehouses, approved by another person, shipped (在途) and received. */
export function TransfersPage() {
  const user = useUser();
  const canEdit = can(user, 'supplies:edit');
  const canApprove = can(user, 'supplies:approve');
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<TransferState>();
  const [reload, setReload] = useState(0);
  const [requesting, setRequesting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchTransfers({ state }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [state, reload],
  );

  const run = async (t: Transfer, step: TransferStep, note?: string) => {
    setBusy(`${t.id}:${step}`);
    try {
      const after = await transferStep(t.id, step, note);
      message.success(`调拨单已${STEP_NAMES[step]}：${TRANSFER_STATE_NAMES[after.state]}`);
      setReload((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const decide = (t: Transfer, step: 'approve' | 'reject') => {
    let note = '';
    Modal.confirm({
      title: `${STEP_NAMES[step]}调拨：${t.fromWarehouseName} → ${t.toWarehouseName}`,
      content: (
        <Input.TextArea
          rows={2}
          placeholder="审批意见（可选）"
          onChange={(e) => (note = e.target.value)}
          data-testid="decision-note"
        />
      ),
      okText: STEP_NAMES[step],
      okButtonProps: { danger: step === 'reject' },
      onOk: () => run(t, step, note.trim()),
    });
  };

  const actions = (t: Transfer) => {
    const mine = t.requestedBy === user?.username;
    const button = (step: TransferStep, primary = false, onClick: () => void = () => void run(t, step)) => (
      <Button
        key={step}
        size="small"
        type={primary ? 'primary' : 'default'}
        loading={busy === `${t.id}:${step}`}
        onClick={onClick}
        data-testid={`transfer-${step}`}
      >
        {STEP_NAMES[step]}
      </Button>
    );
    const out = [];
    if (t.state === 'requested' && canApprove && !mine)
      out.push(
        button('approve', true, () => decide(t, 'approve')),
        button('reject', false, () => decide(t, 'reject')),
      );
    if (t.state === 'approved' && canEdit) out.push(button('ship', true));
    if (t.state === 'shipped' && canEdit) out.push(button('receive', true));
    if ((t.state === 'requested' || t.state === 'approved') && canEdit) out.push(button('cancel'));
    if (t.state === 'requested' && mine && canApprove) out.push(<Tag key="self">须由他人审批</Tag>);
    return <Space size={4}>{out}</Space>;
  };

  const columns: TableColumnsType<Transfer> = [
    { title: '调出 → 调入', width: 300, render: (_v, t) => `${t.fromWarehouseName} → ${t.toWarehouseName}` },
    { title: '物资', width: 200, render: (_v, t) => t.lines.map((l) => `${l.kindName} ${l.quantity}${l.unit}`).join('，') },
    { title: '事由', dataIndex: 'reason', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: TransferState) => <Tag color={TRANSFER_STATE_COLORS[s]}>{TRANSFER_STATE_NAMES[s]}</Tag>,
    },
    { title: '申请', width: 180, render: (_v, t) => `${t.requestedBy} ${formatInstant(t.requestedAt)}` },
    { title: '操作', width: 220, render: (_v, t) => actions(t) },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="物资调拨审批"
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 110 }}
              options={TRANSFER_STATE_OPTIONS}
              value={state}
              onChange={(v) => (setPage(1), setState(v))}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="create-transfer">
                调拨申请
              </Button>
            )}
          </Space>
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="调拨须由申请人以外、有审批权限的人员（县应急局领导或值班员）批准；出库后物资为“在途”，调入方确认入库后计入调入仓库。"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Transfer>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="transfers-table"
          expandable={{ expandedRowRender: progress }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (n) => `共 ${n} 张调拨单` }}
        />
      </Card>
      <TransferRequestDialog
        open={requesting}
        onClose={() => setRequesting(false)}
        onSaved={() => (setRequesting(false), setReload((n) => n + 1))}
      />
    </div>
  );
}
