import type { PlanDetail, PlanEventKind, PlanTimelineEntry } from '@yingji/contracts/plans.ts';
import { PLAN_EVENT_KIND_NAMES, PLAN_STATE_NAMES, REVIEW_OPINION_NAMES } from '@yingji/contracts/plans.ts';
import { Card, Table, Tag, Timeline, Typography } from 'antd';
import { formatInstant } from '../../app/format.ts';

const KIND_COLORS: Partial<Record<PlanEventKind, string>> = {
  publish: 'green',
  file: 'green',
  approve: 'green',
  return_draft: 'red',
  mark_revision: 'orange',
  superseded: 'gray',
  revise: 'purple',
  start_evaluation: 'purple',
  finish_evaluation: 'purple',
};

function entryItem(e: PlanTimelineEntry) {
  const moved = e.fromState && e.toState && e.fromState !== e.toState;
  return {
    color: KIND_COLORS[e.kind] ?? 'blue',
    content: (
      <div data-testid="timeline-entry">
        <Typography.Text strong>{PLAN_EVENT_KIND_NAMES[e.kind]}</Typography.Text>
        {moved && (
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {PLAN_STATE_NAMES[e.fromState!]} → {PLAN_STATE_NAMES[e.toState!]}
          </Typography.Text>
        )}
        <div style={{ color: '#888', fontSize: 12 }}>
          {formatInstant(e.at)} · {e.actorName}
        </div>
        {e.note && <div style={{ fontSize: 13 }}>{e.note}</div>}
      </div>
    ),
  };
}

/** 生命周期: every step, edit and attachment of this version, oldest first. */
export function PlanTimeline({ plan }: { plan: PlanDetail }) {
  return (
    <Card size="small" title="生命周期" data-testid="plan-timeline">
      {plan.timeline.length === 0 ? (
        <Typography.Text type="secondary">暂无记录</Typography.Text>
      ) : (
        <Timeline items={plan.timeline.map(entryItem)} />
      )}
    </Card>
  );
}

/** 评审: this round's reviewers and their opinions. */
export function PlanReview({ plan }: { plan: PlanDetail }) {
  if (!plan.review) return null;
  return (
    <Card size="small" title={`评审（第 ${plan.review.round} 轮）`} data-testid="plan-review">
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={plan.review.reviewers}
        columns={[
          { title: '评审人', dataIndex: 'name', width: 90 },
          { title: '单位', dataIndex: 'unit', render: (u: string | null) => u ?? '—' },
          {
            title: '意见',
            dataIndex: 'opinion',
            width: 110,
            render: (o: keyof typeof REVIEW_OPINION_NAMES | null) =>
              o ? (
                <Tag color={o === 'disagree' ? 'red' : o === 'agree' ? 'green' : 'gold'}>{REVIEW_OPINION_NAMES[o]}</Tag>
              ) : (
                <Tag>未提交</Tag>
              ),
          },
          { title: '意见内容', dataIndex: 'comment', responsive: ['md'], render: (c: string | null) => c ?? '' },
        ]}
      />
    </Card>
  );
}
