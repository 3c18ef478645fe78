import { CheckCircleOutlined } from '@ant-design/icons';
import type { DigitalValidation, PlanIssue, ResponseLevel } from '@yingji/contracts/plans-digital.ts';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { LEVEL_NUMERALS } from './labels.ts';

const KIND_NAMES: Record<PlanIssue['kind'], string> = {
  no_levels: '无响应级别',
  overlap: '重叠',
  gap: '缺口',
  order: '级别顺序',
  no_triggers: '无启动条件',
};

/**
 * The validator's findings beside the tables: errors (overlaps, no levels) stop publication, warnings (gaps, order,
 * levels without triggers) do not. Content errors (an empty task, a bad range) come first: the server checks those
 * before it can look for overlaps. Clicking a finding opens the level it concerns.
 */
export function ValidationPanel({
  validation,
  contentErrors,
  checkedAt,
  onOpenLevel,
}: {
  validation: DigitalValidation | null;
  contentErrors: string[];
  /** When 校验 last ran (null: the result is the saved plan's). */
  checkedAt: string | null;
  onOpenLevel(level: ResponseLevel): void;
}) {
  const issues = validation?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <Card
      size="small"
      title="校验结果"
      extra={checkedAt && <Typography.Text type="secondary">{checkedAt}</Typography.Text>}
      data-testid="validation-panel"
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {contentErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={`内容有 ${contentErrors.length} 处需要修改`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {contentErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
            data-testid="content-errors"
          />
        )}
        {validation && contentErrors.length === 0 && (
          <Alert
            type={errors.length ? 'error' : warnings.length ? 'warning' : 'success'}
            showIcon
            icon={errors.length || warnings.length ? undefined : <CheckCircleOutlined />}
            title={
              errors.length
                ? `不能发布：${errors.length} 个错误${warnings.length ? `，${warnings.length} 个警告` : ''}`
                : warnings.length
                  ? `可以发布，另有 ${warnings.length} 个警告`
                  : '校验通过：各级别启动条件无重叠、无缺口'
            }
            data-testid="validation-summary"
          />
        )}
        {issues.length > 0 && contentErrors.length === 0 && (
          <div data-testid="validation-issues">
            {[...errors, ...warnings].map((issue, i) => (
              <div
                key={i}
                role={issue.levels.length ? 'button' : undefined}
                style={{
                  cursor: issue.levels.length ? 'pointer' : undefined,
                  padding: '6px 0',
                  borderTop: i ? '1px solid #f0f0f0' : undefined,
                }}
                onClick={() => issue.levels[0] && onOpenLevel(issue.levels[0])}
                data-testid="validation-issue"
                data-severity={issue.severity}
              >
                <Space size={4} wrap>
                  <Tag color={issue.severity === 'error' ? 'red' : 'orange'}>
                    {issue.severity === 'error' ? '错误' : '警告'} · {KIND_NAMES[issue.kind]}
                  </Tag>
                  {issue.levels.map((l) => (
                    <Tag key={l}>{LEVEL_NUMERALS[l]}</Tag>
                  ))}
                </Space>
                <div>{issue.message}</div>
              </div>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}
