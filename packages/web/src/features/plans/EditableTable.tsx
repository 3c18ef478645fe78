import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, InputNumber, Select, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

interface Option {
  value: string;
  label: string;
}

/** One column of an editable table: which field, how it is typed in, and how it reads when not editable. */
export interface FieldColumn<T> {
  key: keyof T & string;
  title: string;
  width?: number;
  input: 'text' | 'textarea' | 'number' | 'select' | 'suggest';
  options?: Option[];
  /** A select whose value may be cleared to null. */
  nullable?: boolean;
  placeholder?: string;
  min?: number;
  max?: number;
  /** What the cell shows when read only (default: the value, or the option's label). */
  show?(row: T): ReactNode;
  /** A note under an input (e.g. "30 分钟内" under the minutes). */
  hint?(row: T): ReactNode;
}

function readOnly<T>(column: FieldColumn<T>, row: T): ReactNode {
  if (column.show) return column.show(row);
  const value = row[column.key] as unknown;
  if (value === null || value === undefined || value === '') return '—';
  return column.options?.find((o) => o.value === value)?.label ?? String(value);
}

function cellInput<T>(column: FieldColumn<T>, row: T, set: (value: unknown) => void, testId: string): ReactNode {
  const value = row[column.key] as unknown;
  const common = { placeholder: column.placeholder, 'data-testid': testId, style: { width: '100%' } };
  switch (column.input) {
    case 'number':
      return (
        <InputNumber
          {...common}
          value={value as number | null}
          min={column.min}
          max={column.max}
          onChange={(v) => set(v ?? (column.nullable ? null : (column.min ?? 0)))}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          value={(value as string | null) ?? undefined}
          allowClear={column.nullable}
          options={column.options}
          onChange={(v: string | undefined) => set(v ?? null)}
        />
      );
    case 'suggest':
      return (
        <AutoComplete
          {...common}
          value={value as string}
          options={column.options}
          filterOption={(input, option) => (option?.value ?? '').includes(input)}
          onChange={(v: string) => set(v)}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea
          {...common}
          value={value as string}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(e) => set(e.target.value)}
        />
      );
    default:
      return <Input {...common} value={(value as string | null) ?? ''} onChange={(e) => set(e.target.value)} />;
  }
}

/**
 * A table whose rows are edited in place (the digital plan's tasks, resources, warnings, working groups), or read
 * when `editable` is off. Every change hands the whole new list to `onChange`.
 */
export function EditableTable<T extends object>({
  rows,
  columns,
  editable,
  onChange,
  newRow,
  addText,
  testId,
  emptyText,
  extraColumns = [],
}: {
  rows: T[];
  columns: FieldColumn<T>[];
  editable: boolean;
  onChange(rows: T[]): void;
  newRow(): T;
  addText: string;
  testId: string;
  emptyText: string;
  /** Columns that are not plain fields (e.g. the triggers' conditions), placed before the delete button. */
  extraColumns?: TableColumnsType<T & { index: number }>;
}) {
  const data = rows.map((row, index) => ({ ...row, index }));
  // Columns without a width share what is left; below this the table scrolls sideways inside its card.
  const minWidth = [...columns, ...extraColumns].reduce(
    (sum, c) => sum + (typeof c.width === 'number' ? c.width : 200),
    editable ? 44 : 0,
  );
  const update = (index: number, key: keyof T, value: unknown) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const tableColumns: TableColumnsType<T & { index: number }> = [
    ...columns.map((column) => ({
      title: column.title,
      key: column.key,
      width: column.width,
      render: (_v: unknown, row: T & { index: number }) =>
        editable ? (
          <>
            {cellInput(column, row, (value) => update(row.index, column.key, value), `${testId}-${column.key}`)}
            {column.hint && <div style={{ color: '#888', fontSize: 12 }}>{column.hint(row)}</div>}
          </>
        ) : (
          readOnly(column, row)
        ),
    })),
    ...extraColumns,
  ];
  if (editable)
    tableColumns.push({
      key: 'remove',
      width: 44,
      render: (_v, row) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label="删除此行"
          onClick={() => onChange(rows.filter((_r, i) => i !== row.index))}
        />
      ),
    });
  return (
    <>
      <Table<T & { index: number }>
        rowKey="index"
        size="small"
        columns={tableColumns}
        dataSource={data}
        pagination={false}
        data-testid={testId}
        locale={{ emptyText }}
        scroll={{ x: minWidth }}
      />
      {editable && (
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => onChange([...rows, newRow()])}
        >
          {addText}
        </Button>
      )}
    </>
  );
}
