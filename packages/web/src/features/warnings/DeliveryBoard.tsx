import {
  CHANNEL_NAMES,
  DELIVERY_STATE_NAMES,
  DELIVERY_STATES,
  type Channel,
  type Coverage,
  type VillageCoverage,
  type Warning,
} from '@yingji/contracts/warnings.ts';
import {
  Alert,
  Button,
  Card,
  Col,
  Modal,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { ConfirmForm, confirmationText } from './ConfirmForm.tsx';
import { DeliveriesTable } from './DeliveriesTable.tsx';
import { percent } from './labels.tsx';
import { useCoverage } from './useCoverage.ts';
import { fetchChannels } from './warningsApi.ts';

/** Messages not yet handed to a channel: they wait in the outbox until the channel is configured or comes back. */
const WAITING = ['queued', 'sending'];

function waitingOn(
  coverage: Coverage,
  configured: Channel[] | null,
): { channel: Channel; waiting: number; configured: boolean }[] {
  return Object.entries(coverage.byChannel)
    .map(([channel, states]) => ({
      channel: channel as Channel,
      waiting: WAITING.reduce((n, s) => n + (states[s] ?? 0), 0),
      configured: !configured || configured.includes(channel as Channel),
    }))
    .filter((c) => c.waiting > 0);
}

/** Why nothing moves, said plainly: an unconfigured channel's messages are queued, not lost. */
function ChannelNotices({ coverage, configured }: { coverage: Coverage; configured: Channel[] | null }) {
  const waiting = waitingOn(coverage, configured);
  return (
    <>
      {waiting
        .filter((w) => !w.configured)
        .map((w) => (
          <Alert
            key={w.channel}
            type="warning"
            showIcon
            data-testid="channel-not-configured"
            data-channel={w.channel}
            title={`${CHANNEL_NAMES[w.channel]}渠道尚未配置：${w.waiting} 条消息在发送队列中等待`}
            description="消息不会丢失：系统管理员配置该渠道（如短信网关）后将自动发出，已送达人数和覆盖率随之更新。"
            style={{ marginBottom: 12 }}
          />
        ))}
    </>
  );
}

function ChannelTable({ coverage, configured }: { coverage: Coverage; configured: Channel[] | null }) {
  const rows = Object.entries(coverage.byChannel).map(([channel, states]) => ({ channel: channel as Channel, states }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      title: '渠道',
      dataIndex: 'channel',
      render: (c: Channel) => (
        <Space size={4}>
          {CHANNEL_NAMES[c] ?? c}
          {configured && !configured.includes(c) && <Tag color="gold">未配置</Tag>}
        </Space>
      ),
    },
    ...DELIVERY_STATES.map((state) => ({
      title: DELIVERY_STATE_NAMES[state],
      align: 'right' as const,
      render: (_: unknown, r: (typeof rows)[number]) => r.states[state] ?? 0,
    })),
  ];
  return (
    <Table rowKey="channel" size="small" pagination={false} columns={columns} dataSource={rows} data-testid="channel-table" />
  );
}

function VillageTable({
  coverage,
  onConfirm,
}: {
  coverage: Coverage;
  /** Offered to those who may confirm 落实 (the server checks the village is theirs). */
  onConfirm: ((v: VillageCoverage) => void) | null;
}) {
  const columns: TableColumnsType<VillageCoverage> = [
    { title: '乡镇', dataIndex: 'townshipName', width: 110, render: (t: string | null) => t ?? '—' },
    {
      title: '村（社区）',
      dataIndex: 'villageName',
      width: 130,
      render: (name: string, v) => (
        <Space size={4}>
          {name}
          {v.overdue && (
            <Tag color="red" data-testid="village-overdue">
              超时未落实
            </Tag>
          )}
        </Space>
      ),
    },
    { title: '目标人数', dataIndex: 'targeted', width: 90, align: 'right' },
    { title: '已送达', dataIndex: 'reached', width: 80, align: 'right' },
    { title: '失败', dataIndex: 'failed', width: 70, align: 'right' },
    {
      title: '覆盖率',
      dataIndex: 'coverage',
      width: 170,
      render: (c: number | null, v) =>
        c === null ? (
          <Typography.Text type="secondary">无登记接收人</Typography.Text>
        ) : (
          <Progress
            percent={Math.round(c * 1000) / 10}
            size="small"
            status={v.failed > 0 ? 'exception' : c >= 0.95 ? 'success' : 'active'}
          />
        ),
    },
    {
      title: '落实',
      render: (_: unknown, v) => (
        <span data-testid="village-confirmation" style={{ color: v.confirmedAt ? '#389e0d' : v.overdue ? '#cf1322' : '#888' }}>
          {confirmationText(v)}
        </span>
      ),
    },
    ...(onConfirm
      ? [
          {
            title: '',
            width: 80,
            render: (_: unknown, v: VillageCoverage) => (
              <Button size="small" onClick={() => onConfirm(v)} data-testid="village-confirm">
                落实
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<VillageCoverage>
      rowKey="villageCode"
      size="small"
      columns={columns}
      dataSource={coverage.villages}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(v) =>
        ({
          'data-testid': 'village-row',
          'data-village': v.villageCode,
          style: v.overdue ? { background: '#fff1f0' } : {},
        }) as never
      }
      data-testid="village-table"
    />
  );
}

function Totals({ coverage }: { coverage: Coverage }) {
  const confirmed = coverage.villages.filter((v) => v.confirmedAt).length;
  const overdue = coverage.villages.filter((v) => v.overdue).length;
  return (
    <Row gutter={16} data-testid="board-totals">
      <Col span={4}>
        <Statistic title="目标人数" value={coverage.targeted} />
      </Col>
      <Col span={4}>
        <Statistic title="已送达" value={coverage.reached} />
      </Col>
      <Col span={4} data-testid="board-coverage" data-value={coverage.coverage ?? ''}>
        <Statistic title="覆盖率" value={percent(coverage.coverage)} />
      </Col>
      <Col span={4}>
        <Statistic title="预警村（社区）" value={coverage.villages.length} />
      </Col>
      <Col span={4}>
        <Statistic title="已落实" value={confirmed} suffix={`/ ${coverage.villages.length}`} />
      </Col>
      <Col span={4}>
        <Statistic title="超时未落实" value={overdue} styles={{ content: overdue > 0 ? { color: '#cf1322' } : undefined }} />
      </Col>
    </Row>
  );
}

/**
 * 发送与落实: the live delivery board of a published warning — totals, each channel's messages by state, each
 * village's coverage and 落实 (overdue ones in red), and the list of deliveries. It refreshes on every progress push.
 */
export function DeliveryBoard({ warning }: { warning: Warning }) {
  const user = useUser();
  const { coverage, error, tick, refresh } = useCoverage(warning.publishedAt ? warning.id : null);
  const [configured, setConfigured] = useState<Channel[] | null>(null);
  const [confirming, setConfirming] = useState<VillageCoverage | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchChannels(controller.signal)
      .then(setConfigured)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  if (!warning.publishedAt) {
    return (
      <Alert
        type="info"
        showIcon
        title="预警签发发布后，这里实时显示发送进度、覆盖率和各村落实情况"
        data-testid="board-not-published"
      />
    );
  }
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!coverage) return <Card loading />;
  const preparing = coverage.villages.length > 0 && Object.keys(coverage.byChannel).length === 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="delivery-board">
      <Card size="small">
        <Totals coverage={coverage} />
        {coverage.confirmDeadline && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            各村（社区）应于 {formatInstant(coverage.confirmDeadline)} 前确认落实；超时未确认的村以红色标出。
          </Typography.Text>
        )}
      </Card>
      <ChannelNotices coverage={coverage} configured={configured} />
      {preparing && <Alert type="info" showIcon title="正在按预警区域生成接收人清单…" />}
      <Card size="small" title="各渠道发送情况">
        <ChannelTable coverage={coverage} configured={configured} />
      </Card>
      <Card size="small" title="各村（社区）覆盖与落实">
        <VillageTable coverage={coverage} onConfirm={can(user, 'warnings:confirm') ? setConfirming : null} />
      </Card>
      <Card size="small" title="逐人发送状态（号码已脱敏）">
        <DeliveriesTable warningId={warning.id} villages={coverage.villages} refreshKey={tick} />
      </Card>
      <Modal
        open={confirming !== null}
        title={`落实确认 — ${confirming?.villageName ?? ''}`}
        footer={null}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        {confirming && (
          <ConfirmForm
            warningId={warning.id}
            village={confirming}
            onConfirmed={() => {
              setConfirming(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </Space>
  );
}
