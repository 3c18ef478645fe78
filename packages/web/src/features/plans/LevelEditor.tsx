import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { PlanHazard } from '@yingji/contracts/plans.ts';
import { PLAN_HAZARD_NAMES } from '@yingji/contracts/plans.ts';
import type {
  LevelContent,
  PlanIssue,
  PlanTask,
  PlanWarning,
  PrepositionItem,
  Trigger,
} from '@yingji/contracts/plans-digital.ts';
import { Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { LevelTag as AlarmLevelTag } from '../monitoring/tags.tsx';
import { issueConcerns, triggerConditionText } from './digitalText.ts';
import { EditableTable, type FieldColumn } from './EditableTable.tsx';
import { ALARM_LEVEL_OPTIONS, deadlineText } from './labels.ts';
import { TriggerDialog } from './TriggerDialog.tsx';

interface Option {
  value: string;
  label: string;
}

type TriggerRow = Trigger & { index: number };

/** 启动条件 of one level: read as a line each, edited in a dialog; rows an overlap or gap concerns are marked. */
function TriggerTable({
  level,
  hazards,
  issues,
  editable,
  onChange,
}: {
  level: LevelContent;
  hazards: PlanHazard[];
  issues: PlanIssue[];
  editable: boolean;
  onChange(triggers: Trigger[]): void;
}) {
  const [editing, setEditing] = useState<{ index: number | null; trigger: Trigger | 'new' } | null>(null);
  const mark = (t: Trigger) => {
    const concerned = issues.filter((i) => issueConcerns(i, level.level, t));
    if (concerned.some((i) => i.severity === 'error')) return 'error';
    return concerned.length ? 'warning' : null;
  };
  const columns: TableColumnsType<TriggerRow> = [
    { title: '#', width: 40, render: (_v, t) => t.index + 1 },
    {
      title: '条件（数据）',
      width: 300,
      render: (_v, t) => {
        const m = mark(t);
        return (
          <Space size={4} wrap>
            {m && <Tag color={m === 'error' ? 'red' : 'orange'}>{m === 'error' ? '重叠' : '缺口'}</Tag>}
            <span>{triggerConditionText(t)}</span>
          </Space>
        );
      },
    },
    { title: '文字表述', dataIndex: 'description' },
  ];
  if (editable)
    columns.push({
      width: 80,
      render: (_v, t) => (
        <Space size={0}>
          <Button
            type="text"
            icon={<EditOutlined />}
            aria-label="编辑"
            onClick={() => setEditing({ index: t.index, trigger: t })}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label="删除"
            onClick={() => onChange(level.triggers.filter((_x, i) => i !== t.index))}
          />
        </Space>
      ),
    });
  return (
    <>
      <Table<TriggerRow>
        rowKey="index"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={level.triggers.map((t, index) => ({ ...t, index }))}
        onRow={(t) => ({ style: { background: mark(t) === 'error' ? '#fff1f0' : mark(t) ? '#fffbe6' : undefined } })}
        locale={{ emptyText: '没有启动条件：本级别只能人工启动' }}
        data-testid="triggers-table"
        scroll={{ x: 680 }}
      />
      {editable && (
        <Button
          type="dashed"
          block
          style={{ marginTop: 8 }}
          onClick={() => setEditing({ index: null, trigger: 'new' })}
          data-testid="trigger-add"
        >
          + 添加启动条件
        </Button>
      )}
      <TriggerDialog
        trigger={editing?.trigger ?? null}
        hazards={hazards}
        onClose={() => setEditing(null)}
        onSave={(t) =>
          onChange(
            editing?.index === null || editing === null
              ? [...level.triggers, t]
              : level.triggers.map((x, i) => (i === editing.index ? t : x)),
          )
        }
      />
    </>
  );
}

/**
 * One response level of the digital plan: who commands, when it starts, and what each department does by when, what
 * is pre-positioned where, which warnings go out — as tables, edited in place while the plan is 编制中.
 */
export function LevelEditor({
  level,
  hazards,
  departments,
  groups,
  issues,
  editable,
  onChange,
}: {
  level: LevelContent;
  hazards: PlanHazard[];
  departments: Option[];
  groups: Option[];
  issues: PlanIssue[];
  editable: boolean;
  onChange(level: LevelContent): void;
}) {
  const set = (patch: Partial<LevelContent>) => onChange({ ...level, ...patch });
  const department: FieldColumn<{ department: string }> = {
    key: 'department',
    title: '部门',
    width: 150,
    input: 'suggest',
    options: departments,
  };
  const taskColumns: FieldColumn<PlanTask>[] = [
    {
      key: 'withinMinutes',
      title: '时限（启动后）',
      width: 120,
      input: 'number',
      min: 0,
      max: 43_200,
      placeholder: '分钟',
      show: (t) => deadlineText(t.withinMinutes),
      hint: (t) => deadlineText(t.withinMinutes),
    },
    department,
    { key: 'group', title: '工作组', width: 140, input: 'select', nullable: true, options: groups },
    { key: 'action', title: '任务', input: 'textarea' },
  ];
  const resourceColumns: FieldColumn<PrepositionItem>[] = [
    { key: 'resource', title: '资源', width: 160, input: 'text' },
    { key: 'quantity', title: '数量', width: 100, input: 'number', nullable: true, min: 0 },
    { key: 'unit', title: '单位', width: 70, input: 'text' },
    { key: 'location', title: '预置地点', input: 'text' },
    department,
  ];
  const warningColumns: FieldColumn<PlanWarning>[] = [
    {
      key: 'level',
      title: '级别',
      width: 90,
      input: 'select',
      options: ALARM_LEVEL_OPTIONS,
      show: (w) => <AlarmLevelTag level={w.level} />,
    },
    {
      key: 'hazard',
      title: '灾种',
      width: 110,
      input: 'select',
      nullable: true,
      options: hazards.map((h) => ({ value: h, label: PLAN_HAZARD_NAMES[h] })),
    },
    { key: 'audience', title: '对象', width: 140, input: 'text' },
    { key: 'content', title: '内容', input: 'textarea' },
    department,
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={`level-${level.level}`}>
      <Space wrap>
        <Typography.Text strong>指挥：</Typography.Text>
        {editable ? (
          <Input
            style={{ width: 420 }}
            value={level.commander ?? ''}
            placeholder="如 县三防指挥部总指挥（县长）"
            onChange={(e) => set({ commander: e.target.value || null })}
          />
        ) : (
          <span>{level.commander ?? '—'}</span>
        )}
      </Space>
      <Card size="small" title={`启动条件（满足其一即启动，${level.triggers.length} 条）`}>
        <TriggerTable
          level={level}
          hazards={hazards}
          issues={issues}
          editable={editable}
          onChange={(triggers) => set({ triggers })}
        />
      </Card>
      <Card size="small" title={`各部门任务（自启动起计时，${level.tasks.length} 项）`}>
        <EditableTable<PlanTask>
          rows={level.tasks}
          columns={taskColumns}
          editable={editable}
          onChange={(tasks) => set({ tasks })}
          newRow={() => ({ department: '', group: null, action: '', withinMinutes: 30 })}
          addText="添加任务"
          testId="tasks-table"
          emptyText="尚无任务"
        />
      </Card>
      <Card size="small" title={`预置资源（${level.resources.length}）`}>
        <EditableTable<PrepositionItem>
          rows={level.resources}
          columns={resourceColumns}
          editable={editable}
          onChange={(resources) => set({ resources })}
          newRow={() => ({ resource: '', quantity: null, unit: null, location: '', department: '' })}
          addText="添加预置资源"
          testId="resources-table"
          emptyText="无需预置资源"
        />
      </Card>
      <Card size="small" title={`需发布的预警（${level.warnings.length}）`}>
        <EditableTable<PlanWarning>
          rows={level.warnings}
          columns={warningColumns}
          editable={editable}
          onChange={(warnings) => set({ warnings })}
          newRow={() => ({ hazard: null, level: 'blue', audience: '', content: '', department: '' })}
          addText="添加预警"
          testId="warnings-table"
          emptyText="无需发布预警"
        />
      </Card>
    </Space>
  );
}
