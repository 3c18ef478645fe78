import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CoverageReport, CoverageRow, CoverageStatus } from '@yingji/contracts/shelters.ts';
import { SHELTER_GRADE_NAMES } from '@yingji/contracts/shelters.ts';
import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatPopulation } from '../../app/format.ts';
import { COVERAGE_STATUS_NAMES, COVERAGE_TAG_COLORS, percent } from './labels.ts';
import { fetchCoverage } from './sheltersApi.ts';

type Line = Omit<CoverageRow, 'areaCode'> & { areaCode: string | null; key: string };

/** 避难场所覆盖率: per township, outdoor and indoor capacity against the resident population. */
export function CoveragePage() {
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchCoverage(controller.signal)
      .then((r) => (setReport(r), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [reload]);

  const t = report?.thresholds;
  const ratioCell = (min: number | undefined) => (ratio: number | null) => (
    <span style={{ color: ratio !== null && min !== undefined && ratio < min ? '#cf1322' : undefined }}>{percent(ratio)}</span>
  );
  const columns: TableColumnsType<Line> = [
    { title: '乡镇', dataIndex: 'areaName', render: (name: string, r) => (r.key === 'total' ? <b>{name}</b> : name) },
    { title: '常住人口', dataIndex: 'population', align: 'right', render: formatPopulation },
    { title: '室外场所', dataIndex: 'outdoorShelters', align: 'right' },
    { title: '室外容量（人）', dataIndex: 'outdoorCapacity', align: 'right', render: formatPopulation },
    { title: '室外覆盖率', dataIndex: 'outdoorRatio', align: 'right', render: ratioCell(t?.outdoorMin) },
    { title: '室内场所', dataIndex: 'indoorShelters', align: 'right' },
    { title: '室内容量（人）', dataIndex: 'indoorCapacity', align: 'right', render: formatPopulation },
    { title: '室内覆盖率', dataIndex: 'indoorRatio', align: 'right', render: ratioCell(t?.indoorMin) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: CoverageStatus) => <Tag color={COVERAGE_TAG_COLORS[s]}>{COVERAGE_STATUS_NAMES[s]}</Tag>,
    },
  ];

  const lines: Line[] = report ? [...report.rows.map((r) => ({ ...r, key: r.areaCode })), { ...report.total, key: 'total' }] : [];
  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="避难场所容量覆盖率（R-09）"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
              刷新
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/shelters/coverage.xlsx" data-testid="coverage-export">
              导出 Excel
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {t && (
          <Typography.Paragraph type="secondary" data-testid="coverage-thresholds">
            标准（种子 000，R-09）：室外{t.outdoorGrades.map((g) => SHELTER_GRADE_NAMES[g]).join('、')}
            避难场所合计容纳乡镇常住人口 ≥ {percent(t.outdoorMin)}（目标 {percent(t.outdoorGood)}），室内避难场所 ≥{' '}
            {percent(t.indoorMin)}（目标 {percent(t.indoorGood)}）。
            容量按可用面积与人均面积标准计算；阈值与人均面积可由管理员在规则中调整。
          </Typography.Paragraph>
        )}
        <Table<Line>
          rowKey="key"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={lines}
          pagination={false}
          data-testid="coverage-table"
        />
      </Card>
    </div>
  );
}
