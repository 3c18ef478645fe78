import { DownloadOutlined } from '@ant-design/icons';
import {
  CHANNEL_NAMES,
  HAZARD_NAMES,
  RECIPIENT_GROUP_NAMES,
  WARNING_LEVEL_NAMES,
  type Warning,
} from '@yingji/contracts/warnings.ts';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import { formatInstant } from '../../app/format.ts';
import { navigate } from '../../app/router.ts';
import { useAreaNames } from '../../app/useAreaNames.ts';
import { DeliveryBoard } from './DeliveryBoard.tsx';
import { LEVEL_COLORS, LEVEL_TINTS, WarningLevelTag, WarningStateTag, warningTitle } from './labels.tsx';
import { useWarning } from './useWarning.ts';
import { WarningActions } from './WarningActions.tsx';
import { audioUrl, capUrl } from './warningsApi.ts';

const MSG_TYPE_NAMES: Record<Warning['msgType'], string> = { Alert: '首发', Update: '更新', Cancel: '解除' };

/** 暴雨橙色预警 and its headline on the level's colour, the way the signal is printed. */
export function WarningBanner({ warning }: { warning: Pick<Warning, 'hazard' | 'level' | 'headline'> & Partial<Warning> }) {
  return (
    <div
      data-testid="warning-banner"
      data-level={warning.level}
      style={{
        background: LEVEL_TINTS[warning.level],
        borderInlineStart: `8px solid ${LEVEL_COLORS[warning.level]}`,
        borderRadius: 6,
        padding: '12px 16px',
      }}
    >
      <Space wrap size={8}>
        <span
          style={{ fontSize: 20, fontWeight: 700, color: warning.level === 'yellow' ? '#ad8b00' : LEVEL_COLORS[warning.level] }}
        >
          {warningTitle(warning.hazard, warning.level)}
        </span>
        {warning.state && <WarningStateTag state={warning.state} />}
        {warning.msgType && warning.msgType !== 'Alert' && <Tag color="purple">{MSG_TYPE_NAMES[warning.msgType]}</Tag>}
        {warning.source === 'cap_import' && <Tag color="geekblue">外部导入</Tag>}
      </Space>
      <div style={{ fontSize: 16, marginTop: 4 }}>{warning.headline}</div>
    </div>
  );
}

function TargetText({ warning }: { warning: Warning }) {
  const nameOf = useAreaNames();
  const { areaCodes, polygon, circle } = warning.target;
  const parts = [
    ...areaCodes.map(nameOf),
    ...(polygon ? [`地图圈定多边形（${polygon.coordinates[0]!.length - 1} 个顶点）`] : []),
    ...(circle ? [`以 ${circle.lon.toFixed(4)}, ${circle.lat.toFixed(4)} 为圆心、半径 ${circle.radiusKm} 公里的圆`] : []),
  ];
  return <span data-testid="warning-target">{parts.join('、')}</span>;
}

function Fields({ warning }: { warning: Warning }) {
  const link = (id: string, text: string) => <a onClick={() => navigate(`/warnings/${id}`)}>{text}</a>;
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
      data-testid="warning-fields"
    >
      <Descriptions.Item label="灾种">{HAZARD_NAMES[warning.hazard]}</Descriptions.Item>
      <Descriptions.Item label="级别">
        <WarningLevelTag level={warning.level} testId="warning-level-tag" />
      </Descriptions.Item>
      <Descriptions.Item label="生效时间">
        {warning.effective ? formatInstant(warning.effective) : '签发即生效'}
      </Descriptions.Item>
      <Descriptions.Item label="失效时间">{formatInstant(warning.expires)}</Descriptions.Item>
      <Descriptions.Item label="预警区域" span={2}>
        <TargetText warning={warning} />
      </Descriptions.Item>
      <Descriptions.Item label="接收人" span={2}>
        {warning.groups.map((g) => RECIPIENT_GROUP_NAMES[g]).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label="发布渠道" span={2}>
        {warning.channels.map((c) => CHANNEL_NAMES[c]).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label="预警内容" span={2}>
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{warning.description}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="防御指引" span={2}>
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{warning.instruction}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="CAP 标识">{warning.identifier ?? '签发时生成'}</Descriptions.Item>
      <Descriptions.Item label="发布时间">{formatInstant(warning.publishedAt)}</Descriptions.Item>
      <Descriptions.Item label="起草">{warning.draftedBy}</Descriptions.Item>
      <Descriptions.Item label="审核 / 签发">{`${warning.reviewedBy ?? '—'} / ${warning.signedBy ?? '—'}`}</Descriptions.Item>
      {warning.replacesId && <Descriptions.Item label="更新自">{link(warning.replacesId, '查看原预警')}</Descriptions.Item>}
      {warning.alarmId && (
        <Descriptions.Item label="来源告警">
          <a onClick={() => navigate(`/monitoring/alarms/${warning.alarmId}`)}>查看告警</a>
        </Descriptions.Item>
      )}
      {warning.endedAt && <Descriptions.Item label="结束时间">{formatInstant(warning.endedAt)}</Descriptions.Item>}
    </Descriptions>
  );
}

function History({ warning }: { warning: Warning }) {
  return (
    <Timeline
      data-testid="warning-history"
      items={warning.history.map((h) => ({
        color: h.action.includes('退回') ? 'red' : h.action.includes('签发') ? 'green' : 'blue',
        content: (
          <div>
            <div>
              <strong>{h.action}</strong>
              <span style={{ color: '#888', marginInlineStart: 8 }}>{h.actor}</span>
            </div>
            <div style={{ color: '#888', fontSize: 12 }}>{formatInstant(h.at)}</div>
            {h.opinion && <div style={{ color: '#555', fontSize: 12 }}>意见：{h.opinion}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** CAP documents and the 大喇叭 audio of a published warning. */
function Documents({ warning }: { warning: Warning }) {
  const published = warning.identifier !== null;
  const broadcast = warning.state === 'published' && warning.channels.includes('broadcast');
  if (!published) return <Typography.Text type="secondary">签发发布后生成 CAP 1.2 文档</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          href={capUrl(warning.id)}
          download={`${warning.identifier}.xml`}
          data-testid="warning-cap"
        >
          CAP 1.2 文档
        </Button>
        {warning.state === 'cancelled' && (
          <Button icon={<DownloadOutlined />} href={capUrl(warning.id, 'cancel')} download data-testid="warning-cap-cancel">
            解除消息（CAP Cancel）
          </Button>
        )}
      </Space>
      {broadcast && (
        <div>
          <div style={{ marginBottom: 4 }}>大喇叭播报音频</div>
          <audio controls preload="none" src={audioUrl(warning.id)} style={{ width: '100%' }} data-testid="warning-audio" />
        </div>
      )}
    </Space>
  );
}

/**
 * One warning: its colour banner, fields, the lifecycle so far, the steps this user may take, the CAP documents and
 * the broadcast audio; the second tab is the live delivery board (/warnings/<id>/board).
 */
export function WarningDetail({ id, tab }: { id: string; tab: 'detail' | 'board' }) {
  const { warning, error, setWarning } = useWarning(id, true);
  if (error) return <Alert type="error" showIcon title={error} style={{ margin: 16 }} />;
  if (!warning) return <Spin style={{ display: 'block', margin: 48 }} />;

  const detail = (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Fields warning={warning} />
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title="办理" style={{ marginBottom: 16 }}>
          <WarningActions warning={warning} onChanged={setWarning} />
        </Card>
        <Card size="small" title="文档与音频" style={{ marginBottom: 16 }}>
          <Documents warning={warning} />
        </Card>
        <Card size="small" title="办理记录">
          <History warning={warning} />
        </Card>
      </Col>
    </Row>
  );

  return (
    <div style={{ padding: 16 }} data-testid="warning-detail" data-state={warning.state}>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate('/warnings')}>返回列表</Button>
        <Typography.Text type="secondary">{`${WARNING_LEVEL_NAMES[warning.level]} · 创建于 ${formatInstant(warning.createdAt)}`}</Typography.Text>
      </Space>
      <WarningBanner warning={warning} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'board' ? `/warnings/${id}/board` : `/warnings/${id}`)}
        items={[
          { key: 'detail', label: '预警内容', children: detail },
          {
            key: 'board',
            label: <span data-testid="warning-board-tab">发送与落实</span>,
            children: tab === 'board' && <DeliveryBoard warning={warning} />,
          },
        ]}
      />
    </div>
  );
}
