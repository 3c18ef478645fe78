import type { Drill } from '@yingji/contracts/plans-drills.ts';
import { DRILL_RATING_NAMES, DRILL_TYPE_NAMES } from '@yingji/contracts/plans-drills.ts';
import { Alert, App, Button, Card, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { openPlan } from './planRoutes.ts';
import { cancelDrill } from './plansApi.ts';
import { DrillStateTag } from './tags.tsx';

type Evaluation = NonNullable<Drill['evaluation']>;

function EvaluationCard({ evaluation }: { evaluation: Evaluation }) {
  return (
    <Card size="small" title="评估" data-testid="drill-evaluation">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="等级">
          <Tag color={evaluation.rating === 'poor' ? 'red' : 'green'}>{DRILL_RATING_NAMES[evaluation.rating]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="结论">{evaluation.summary}</Descriptions.Item>
        <Descriptions.Item label="评估">
          {evaluation.evaluatedBy} · {formatInstant(evaluation.evaluatedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        发现的问题
      </Typography.Text>
      {evaluation.problems.length ? (
        <ol style={{ marginTop: 4 }}>
          {evaluation.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
      ) : (
        <div style={{ color: '#888', margin: '4px 0 8px' }}>无</div>
      )}
      <Typography.Text strong>整改措施</Typography.Text>
      <Table
        rowKey={(_a, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={evaluation.actions}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '措施', dataIndex: 'description' },
          { title: '责任单位', dataIndex: 'owner', width: 120 },
          { title: '时限', dataIndex: 'dueOn', width: 100, render: (d: string | null) => d ?? '—' },
          {
            title: '',
            dataIndex: 'requiresRevision',
            width: 100,
            render: (r: boolean) => r && <Tag color="volcano">需修订预案</Tag>,
          },
        ]}
      />
    </Card>
  );
}

/** One drill: what was planned, the execution record, the evaluation, and the next step it may take. */
export function DrillDrawer({
  drill,
  canEdit,
  onClose,
  onExecute,
  onEvaluate,
  onChanged,
}: {
  drill: Drill | null;
  canEdit: boolean;
  onClose(): void;
  onExecute(drill: Drill): void;
  onEvaluate(drill: Drill): void;
  onChanged(drill: Drill): void;
}) {
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  const cancel = async () => {
    if (!drill) return;
    try {
      const next = await cancelDrill(drill.id, { reason: reason.trim() });
      message.success('演练已取消');
      setCancelling(false);
      onChanged(next);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Drawer open={drill !== null} onClose={onClose} size="large" title={drill?.title ?? '演练'} data-testid="drill-detail">
      {drill && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {drill.demo && <Alert type="warning" showIcon title="演示数据：本条为演示县生成的示例" />}
          {canEdit && (drill.state === 'planned' || drill.state === 'conducted') && (
            <Space wrap>
              {drill.state === 'planned' && (
                <Button type="primary" onClick={() => onExecute(drill)} data-testid="drill-execute">
                  登记实施记录
                </Button>
              )}
              {drill.state === 'conducted' && (
                <Button type="primary" onClick={() => onEvaluate(drill)} data-testid="drill-evaluate">
                  演练评估
                </Button>
              )}
              {drill.state === 'planned' && (
                <Button danger onClick={() => (setReason(''), setCancelling(true))}>
                  取消演练
                </Button>
              )}
            </Space>
          )}
          <Descriptions size="small" bordered column={1} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="预案">
              <a onClick={() => openPlan(drill.planId)}>{drill.planName}</a>
            </Descriptions.Item>
            <Descriptions.Item label="形式">{DRILL_TYPE_NAMES[drill.type]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <DrillStateTag state={drill.state} />
            </Descriptions.Item>
            <Descriptions.Item label="计划日期">{drill.plannedOn}</Descriptions.Item>
            <Descriptions.Item label="组织单位">{drill.organiser}</Descriptions.Item>
            <Descriptions.Item label="参演单位">
              {drill.participants.length
                ? drill.participants.map((p) => (
                    <Tag key={p.unit}>
                      {p.unit}
                      {p.people !== null && ` ${p.people} 人`}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="演练情景">{drill.scenario || '—'}</Descriptions.Item>
          </Descriptions>
          {drill.execution && (
            <Card size="small" title="实施记录" data-testid="drill-execution">
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label="实施日期">{drill.execution.conductedOn}</Descriptions.Item>
                <Descriptions.Item label="时长">{drill.execution.durationMinutes} 分钟</Descriptions.Item>
                <Descriptions.Item label="参演人数">{drill.execution.participantCount} 人</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {drill.execution.summary}
              </Typography.Paragraph>
            </Card>
          )}
          {drill.evaluation && <EvaluationCard evaluation={drill.evaluation} />}
        </Space>
      )}
      <Modal
        open={cancelling}
        title="取消演练"
        onCancel={() => setCancelling(false)}
        onOk={() => void cancel()}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        okText="取消演练"
        cancelText="返回"
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder="取消原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
