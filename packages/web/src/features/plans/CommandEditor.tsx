import type { CommandStructure, WorkingGroup } from '@yingji/contracts/plans-digital.ts';
import { Card, Col, Descriptions, Form, Input, Row, Select, Tag } from 'antd';
import type { ReactNode } from 'react';
import { EditableTable, type FieldColumn } from './EditableTable.tsx';

interface Option {
  value: string;
  label: string;
}

type Headquarters = CommandStructure['headquarters'];

/** A list of names typed in as tags (deputies, member departments), or read as tags. */
function NameList({
  value,
  editable,
  onChange,
  options,
}: {
  value: string[];
  editable: boolean;
  onChange(v: string[]): void;
  options?: Option[];
}) {
  if (!editable)
    return value.length ? (
      <>
        {value.map((v) => (
          <Tag key={v}>{v}</Tag>
        ))}
      </>
    ) : (
      <>—</>
    );
  return (
    <Select
      mode="tags"
      value={value}
      onChange={onChange}
      options={options}
      style={{ width: '100%' }}
      tokenSeparators={['，', ',', '、']}
    />
  );
}

/**
 * 指挥机构: the 指挥部 (commander, deputies, office, member departments) and its 工作组 with their lead and member
 * departments. The groups' codes tie tasks to groups, and the cards can be printed per group.
 */
export function CommandEditor({
  command,
  departments,
  editable,
  onChange,
}: {
  command: CommandStructure;
  departments: Option[];
  editable: boolean;
  onChange(command: CommandStructure): void;
}) {
  const hq = command.headquarters;
  const setHq = (patch: Partial<Headquarters>) => onChange({ ...command, headquarters: { ...hq, ...patch } });
  const text = (key: 'name' | 'commander' | 'office', label: string): ReactNode =>
    editable ? (
      <Form.Item label={label} style={{ marginBottom: 8 }}>
        <Input value={hq[key]} onChange={(e) => setHq({ [key]: e.target.value })} />
      </Form.Item>
    ) : (
      hq[key] || '—'
    );
  const groupColumns: FieldColumn<WorkingGroup>[] = [
    { key: 'code', title: '代码', width: 120, input: 'text', placeholder: '如 rescue' },
    { key: 'name', title: '名称', width: 110, input: 'text' },
    { key: 'leadDepartment', title: '牵头部门', width: 140, input: 'suggest', options: departments },
    {
      key: 'departments',
      title: '成员部门',
      width: 220,
      input: 'text',
      show: (g) => g.departments.map((d) => <Tag key={d}>{d}</Tag>),
    },
    { key: 'duties', title: '职责', input: 'textarea' },
  ];
  // Member departments are a list: edited as tags through a custom column rather than a text cell.
  // Codes are the plan's internal keys (tasks name their group by code): shown only to those who edit them.
  const fieldColumns = groupColumns.filter((c) => (editable ? c.key !== 'departments' : c.key !== 'code'));
  const memberColumn = {
    title: '成员部门',
    key: 'members',
    width: 240,
    render: (_v: unknown, g: WorkingGroup & { index: number }) => (
      <NameList
        value={g.departments}
        editable
        options={departments}
        onChange={(list) =>
          onChange({ ...command, groups: command.groups.map((x, i) => (i === g.index ? { ...x, departments: list } : x)) })
        }
      />
    ),
  };

  return (
    <Row gutter={[16, 16]} data-testid="command-editor">
      <Col span={24}>
        <Card size="small" title="指挥部">
          {editable ? (
            <Form layout="vertical">
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  {text('name', '名称')}
                </Col>
                <Col xs={12} md={6}>
                  {text('commander', '总指挥')}
                </Col>
                <Col xs={12} md={6}>
                  {text('office', '办公室设在')}
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="副总指挥" style={{ marginBottom: 8 }}>
                    <NameList value={hq.deputyCommanders} editable onChange={(v) => setHq({ deputyCommanders: v })} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="成员单位" style={{ marginBottom: 8 }}>
                    <NameList
                      value={hq.memberDepartments}
                      editable
                      onChange={(v) => setHq({ memberDepartments: v })}
                      options={departments}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          ) : (
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="名称" span={{ xs: 1, md: 3 }}>
                {text('name', '名称')}
              </Descriptions.Item>
              <Descriptions.Item label="总指挥">{text('commander', '总指挥')}</Descriptions.Item>
              <Descriptions.Item label="办公室设在">{text('office', '办公室设在')}</Descriptions.Item>
              <Descriptions.Item label="副总指挥">
                <NameList value={hq.deputyCommanders} editable={false} onChange={() => undefined} />
              </Descriptions.Item>
              <Descriptions.Item label="成员单位" span={{ xs: 1, md: 3 }}>
                <NameList value={hq.memberDepartments} editable={false} onChange={() => undefined} />
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={`工作组（${command.groups.length}）`}>
          <EditableTable<WorkingGroup>
            rows={command.groups}
            columns={fieldColumns}
            extraColumns={editable ? [memberColumn] : []}
            editable={editable}
            onChange={(groups) => onChange({ ...command, groups })}
            newRow={() => ({
              code: `group_${command.groups.length + 1}`,
              name: '',
              leadDepartment: '',
              departments: [],
              duties: '',
            })}
            addText="添加工作组"
            testId="groups-table"
            emptyText="尚无工作组"
          />
        </Card>
      </Col>
    </Row>
  );
}
