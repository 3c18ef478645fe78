import { FilePdfOutlined } from '@ant-design/icons';
import type { CardsQuery, DigitalPlan, ResponseLevel } from '@yingji/contracts/plans-digital.ts';
import { Button, Card, Flex, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { LEVEL_NUMERALS } from './labels.ts';
import { cardsUrl } from './plansApi.ts';

type By = 'department' | 'group';

/** How many cards the server will print: one per level and per department (or working group) with tasks there. */
function cardCount(digital: DigitalPlan, q: CardsQuery, by: By): number {
  return digital.levels
    .filter((l) => !q.level || l.level === q.level)
    .reduce((sum, l) => {
      const holders = new Set(
        l.tasks
          .map((t) => (by === 'group' ? t.group : t.department))
          .filter((h): h is string => h !== null && (!(q.department ?? q.group) || h === (q.department ?? q.group))),
      );
      return sum + holders.size;
    }, 0);
}

/** 应急处置卡: a PDF of phone-sized cards, one per level and department (or working group), from the digital plan. */
export function PlanCards({ planId, digital }: { planId: string; digital: DigitalPlan }) {
  const [level, setLevel] = useState<ResponseLevel>();
  const [by, setBy] = useState<By>('department');
  const [holder, setHolder] = useState<string>();
  const departments = [...new Set(digital.levels.flatMap((l) => l.tasks.map((t) => t.department)))];
  const groups = digital.command.groups.filter((g) => digital.levels.some((l) => l.tasks.some((t) => t.group === g.code)));
  const query: CardsQuery = { level, ...(by === 'department' ? { department: holder } : { group: holder }) };
  const count = cardCount(digital, query, by);

  if (digital.levels.length === 0) {
    return (
      <Card size="small" title="应急处置卡">
        <Typography.Text type="secondary">数字化预案尚无响应级别和任务，暂不能生成处置卡。</Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" title="应急处置卡" data-testid="plan-cards">
      <Flex wrap gap={8} align="center">
        <Select
          allowClear
          placeholder="全部级别"
          style={{ width: 120 }}
          value={level}
          onChange={setLevel}
          options={digital.levels.map((l) => ({ value: l.level, label: LEVEL_NUMERALS[l.level] }))}
          data-testid="cards-level"
        />
        <Radio.Group
          optionType="button"
          value={by}
          onChange={(e) => (setBy(e.target.value as By), setHolder(undefined))}
          options={[
            { value: 'department', label: '按部门' },
            { value: 'group', label: '按工作组' },
          ]}
        />
        <Select
          allowClear
          showSearch
          placeholder={by === 'department' ? '全部部门' : '全部工作组'}
          style={{ width: 200 }}
          value={holder}
          onChange={setHolder}
          options={
            by === 'department'
              ? departments.map((d) => ({ value: d, label: d }))
              : groups.map((g) => ({ value: g.code, label: g.name }))
          }
          data-testid="cards-holder"
        />
        <Button
          type="primary"
          icon={<FilePdfOutlined />}
          href={cardsUrl(planId, query)}
          download
          disabled={count === 0}
          data-testid="cards-download"
        >
          下载处置卡 PDF（{count} 张）
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        每张卡一页（A6 手机尺寸）：响应级别、启动条件、本部门任务及时限、需预置资源和需发布的预警。
      </Typography.Paragraph>
    </Card>
  );
}
