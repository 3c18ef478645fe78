import { DownloadOutlined } from '@ant-design/icons';
import type { CertificateDue, CertificateDueReport, StandardsItem, StandardsReport } from '@yingji/contracts/rescue.ts';
import { TEAM_LEVELS, TEAM_TYPES } from '@yingji/contracts/rescue.ts';
import { Alert, Button, Card, Descriptions, Progress, Space, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { fetchCertificatesDue, fetchStandards } from './rescueApi.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';

/**
 * 队伍达标检查 (R-08): teams below their level's minimum under the rule in force, and members' certificates that
 * have expired or are about to. Both are scoped to the current area.
 */
export function StandardsPage() {
  const { area } = useCurrentArea();
  const areaName = useAreaNames();
  const [report, setReport] = useState<StandardsReport | null>(null);
  const [certificates, setCertificates] = useState<CertificateDueReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchStandards(controller.signal), fetchCertificatesDue(null, controller.signal)])
      .then(([r, c]) => {
        setReport(r);
        setCertificates(c);
        setError(null);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, []);

  const inArea = <T extends { areaCode: string }>(items: T[]) => items.filter((i) => !area || i.areaCode.startsWith(area.code));
  const below = report ? inArea(report.items) : [];
  const certs = certificates ? inArea(certificates.items) : [];
  const minimum = (level: keyof typeof TEAM_LEVELS) => {
    const n = report?.minimumByLevel[level];
    return n === null || n === undefined ? '不设下限' : `≥ ${n} 人`;
  };

  return (
    <div style={{ padding: 16, display: 'grid', gap: 16 }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card
        size="small"
        title={`队伍人数达标检查${area ? ` — ${area.name}` : ''}`}
        loading={!report && !error}
        extra={
          <Button icon={<DownloadOutlined />} href="/api/rescue/teams/standards.xlsx" data-testid="standards-export">
            导出 Excel
          </Button>
        }
      >
        {report && (
          <>
            <Space size={48} style={{ marginBottom: 12 }}>
              <Statistic title="核查队伍（全辖区）" value={report.checked} suffix="支" />
              <Statistic
                title="不达标（当前区域）"
                value={below.length}
                suffix="支"
                styles={{ content: { color: below.length ? '#cf1322' : '#389e0d' } }}
              />
              <Statistic title="缺口合计" value={below.reduce((n, i) => n + i.shortfall, 0)} suffix="人" />
            </Space>
            <Descriptions size="small" column={4} style={{ marginBottom: 12 }} title="现行标准（R-08，管理员可在规则配置中调整）">
              <Descriptions.Item label="县级">{minimum('county')}</Descriptions.Item>
              <Descriptions.Item label="镇级">{minimum('township')}</Descriptions.Item>
              <Descriptions.Item label="村级">{minimum('village')}</Descriptions.Item>
              <Descriptions.Item label="企业">{minimum('enterprise')}</Descriptions.Item>
              <Descriptions.Item label="核查类型" span={4}>
                {report.appliesToTypes.map((t) => TEAM_TYPES[t]).join('、')}队伍（依据种子 001「镇级队伍按 20 人以上、村级队伍按
                10 人以上配备」、002「县本级不少于30人」）
              </Descriptions.Item>
            </Descriptions>
            <Table<StandardsItem>
              rowKey="teamId"
              size="middle"
              dataSource={below}
              data-testid="standards-table"
              pagination={false}
              columns={[
                { title: '队伍名称', dataIndex: 'name' },
                { title: '类型', dataIndex: 'type', width: 90, render: (t: StandardsItem['type']) => TEAM_TYPES[t] },
                { title: '层级', dataIndex: 'level', width: 80, render: (l: StandardsItem['level']) => TEAM_LEVELS[l] },
                { title: '所在区域', dataIndex: 'areaCode', width: 200, render: (c: string) => areaName(c) },
                { title: '现有', dataIndex: 'members', width: 70, align: 'right' },
                { title: '标准', dataIndex: 'required', width: 70, align: 'right' },
                {
                  title: '缺口',
                  dataIndex: 'shortfall',
                  width: 70,
                  align: 'right',
                  render: (n: number) => <Tag color="red">差 {n} 人</Tag>,
                },
                {
                  title: '达标率',
                  width: 180,
                  render: (_, i) => (
                    <Progress percent={Math.round((i.members / i.required) * 100)} size="small" status="exception" />
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      <Card size="small" title={`队员证书：已过期或 ${certificates?.days ?? ''} 天内到期`} loading={!certificates && !error}>
        <Table<CertificateDue>
          rowKey={(c) => `${c.memberId}-${c.number}`}
          size="small"
          dataSource={certs}
          data-testid="certificates-table"
          pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => `共 ${n} 张` }}
          columns={[
            { title: '队员', dataIndex: 'memberName', width: 100 },
            { title: '队伍', dataIndex: 'teamName' },
            { title: '证书', dataIndex: 'name' },
            { title: '编号', dataIndex: 'number', width: 130 },
            { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
            {
              title: '状态',
              width: 120,
              render: (_, c) =>
                c.expired ? <Tag color="red">已过期 {-c.daysLeft} 天</Tag> : <Tag color="orange">{c.daysLeft} 天后到期</Tag>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
