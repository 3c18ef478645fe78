import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry } from '@yingji/contracts/audit.ts';
import { Alert, App, Button, Card, Col, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { fetchAudit, verifyAuditChain, type AuditFilter } from './auditApi.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { ACTION_NAMES, ENTITY_NAMES } from './auditLabels.ts';
import { usePagedList } from '../../app/usePagedList.ts';

const PAGE_SIZE = 50;

function named(names: Record<string, string>, value: string) {
  const name = names[value];
  return name ? (
    <>
      {name} <Typography.Text type="secondary">{value}</Typography.Text>
    </>
  ) : (
    value
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <Col span={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{ background: '#fafafa', border: '1px solid #eee', padding: 8, maxHeight: 320, overflow: 'auto', fontSize: 12 }}
      >
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </Col>
  );
}

/** 审计日志: who changed what, with the before/after of each change, and a check of the tamper-evident hash chain. */
export function AuditPage() {
  const user = useUser();
  const { modal } = App.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [verifying, setVerifying] = useState(false);

  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchAudit(filter, limit, offset, signal),
    page,
    PAGE_SIZE,
    [filter],
  );

  const verify = async () => {
    setVerifying(true);
    try {
      const result = await verifyAuditChain();
      if (result.ok) modal.success({ title: '哈希链完整', content: `已校验 ${result.checked} 条记录，未发现篡改。` });
      else
        modal.error({
          title: '哈希链校验失败',
          content: `第 ${result.firstBadSeq ?? '?'} 条记录校验不通过${result.reason ? `：${result.reason}` : ''}（此前已校验 ${result.checked} 条）。`,
        });
    } catch (err) {
      modal.error({ title: '校验失败', content: errorMessage(err) });
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at) },
    { title: '操作人', dataIndex: 'actorName', width: 120 },
    { title: '动作', dataIndex: 'action', render: (action: string) => named(ACTION_NAMES, action) },
    { title: '对象类型', dataIndex: 'entity', width: 150, render: (entity: string) => named(ENTITY_NAMES, entity) },
    { title: '对象', dataIndex: 'entityId', width: 180, ellipsis: true },
    { title: '区域', dataIndex: 'areaCode', width: 150, render: (code: string | null) => code ?? '—' },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="审计日志"
        extra={
          can(user, 'audit:verify') && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void verify()}
              data-testid="audit-verify"
            >
              校验哈希链
            </Button>
          )
        }
      >
        <AuditFilters
          onSearch={(next) => {
            setPage(1);
            setFilter(next);
          }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          expandable={{
            expandedRowRender: (entry) => (
              <>
                <Row gutter={16}>
                  <JsonBlock title="变更前" value={entry.before} />
                  <JsonBlock title="变更后" value={entry.after} />
                </Row>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  哈希：<Typography.Text code>{entry.hash}</Typography.Text>
                </Typography.Text>
              </>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 条`,
            onChange: setPage,
          }}
        />
      </Card>
    </div>
  );
}
