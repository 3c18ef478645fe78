import { WAREHOUSE_LEVEL_NAMES, type ExpiringBatch, type Shortfall, type SupplyAlerts } from '@yingji/contracts/supplies.ts';
import { Alert, Card, Col, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { useLiveEvents } from '../../app/live.tsx';
import { fetchAlerts } from './suppliesApi.ts';

const n = (v: number) => v.toLocaleString('zh-CN');

/** 物资预警: batches to rotate before they expire (or already expired), and warehouses below their 储备标准. */
export function AlertsPage() {
  const { area } = useCurrentArea();
  const [alerts, setAlerts] = useState<SupplyAlerts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // Any stock change or daily scan pushed over the live feed refreshes the page.
  const { lastEvent } = useLiveEvents();
  const version = lastEvent?.type.startsWith('supplies.') ? lastEvent.at : '';

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchAlerts(area?.code, controller.signal)
      .then((a) => (setAlerts(a), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [area?.code, version]);

  const expiring: TableColumnsType<ExpiringBatch> = [
    { title: '仓库', dataIndex: 'warehouseName' },
    { title: '品目', dataIndex: 'kindName', width: 130 },
    { title: '批次', dataIndex: 'batchNo', width: 150 },
    { title: '数量', width: 100, align: 'right', render: (_v, b) => `${n(b.quantity)} ${b.unit}` },
    { title: '有效期至', dataIndex: 'expiryDate', width: 110 },
    {
      title: '剩余',
      dataIndex: 'daysLeft',
      width: 110,
      render: (d: number, b) =>
        b.expired ? <Tag color="red">已过期 {-d} 天</Tag> : <Tag color={d <= 30 ? 'volcano' : 'orange'}>{d} 天</Tag>,
    },
  ];
  const shortfall: TableColumnsType<Shortfall> = [
    { title: '仓库', dataIndex: 'warehouseName' },
    { title: '层级', dataIndex: 'level', width: 110, render: (l: Shortfall['level']) => WAREHOUSE_LEVEL_NAMES[l] },
    { title: '品目', dataIndex: 'kindName', width: 130 },
    { title: '储备标准', dataIndex: 'standard', width: 90, align: 'right', render: n },
    { title: '可用', dataIndex: 'available', width: 90, align: 'right', render: n },
    { title: '在途调入', dataIndex: 'inTransitIn', width: 90, align: 'right', render: (v: number) => (v ? n(v) : '—') },
    { title: '缺口', width: 110, align: 'right', render: (_v, s) => <Tag color="red">{`${n(s.shortfall)} ${s.unit}`}</Tag> },
  ];

  return (
    <div style={{ padding: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={`临期批次（${alerts?.warningDays ?? 90} 天内）`}
              value={alerts?.expiring.filter((e) => !e.expired).length ?? 0}
              valueStyle={{ color: '#d46b08' }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title="已过期批次"
              value={alerts?.expiring.filter((e) => e.expired).length ?? 0}
              valueStyle={{ color: '#cf1322' }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title="低于储备标准（仓库×品目）"
              value={alerts?.shortfall.length ?? 0}
              valueStyle={{ color: '#cf1322' }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="统计日期" value={alerts?.asOf ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="临期与过期（请轮换或报废）" style={{ marginBottom: 16 }}>
        <Table<ExpiringBatch>
          rowKey={(b) => `${b.warehouseId}-${b.kindId}-${b.batchNo}`}
          size="small"
          loading={loading}
          columns={expiring}
          dataSource={alerts?.expiring ?? []}
          data-testid="expiring-table"
          pagination={{ pageSize: 10 }}
        />
      </Card>
      <Card size="small" title="低于储备标准">
        <Table<Shortfall>
          rowKey={(s) => `${s.warehouseId}-${s.kindId}`}
          size="small"
          loading={loading}
          columns={shortfall}
          dataSource={alerts?.shortfall ?? []}
          data-testid="shortfall-table"
          pagination={{ pageSize: 10 }}
        />
      </Card>
    </div>
  );
}
