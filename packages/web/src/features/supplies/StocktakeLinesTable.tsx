import type { Stocktake } from '@yingji/contracts/supplies.ts';
import { Table, Tag, type TableColumnsType } from 'antd';
import { signed } from './labels.ts';
import { batchKey, qty } from './stockParts.tsx';

type Line = Stocktake['lines'][number];

export function DifferenceTag({ difference }: { difference: number }) {
  if (difference === 0) return <Tag color="green">相符</Tag>;
  return <Tag color={difference > 0 ? 'blue' : 'volcano'}>{`${difference > 0 ? '盘盈' : '盘亏'} ${signed(difference)}`}</Tag>;
}

/** The lines of one stocktake: book against counted per batch, and the reason given for each difference. */
export function StocktakeLinesTable({ lines, testId }: { lines: Line[]; testId?: string }) {
  const columns: TableColumnsType<Line> = [
    { title: '品目', dataIndex: 'kindName', width: 130 },
    { title: '批次', dataIndex: 'batchNo', width: 150 },
    { title: '账面数', dataIndex: 'book', align: 'right', width: 90, render: qty },
    { title: '实盘数', dataIndex: 'counted', align: 'right', width: 90, render: qty },
    { title: '差异', dataIndex: 'difference', width: 120, render: (d: number) => <DifferenceTag difference={d} /> },
    { title: '差异原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
  ];
  return (
    <Table<Line>
      rowKey={(l) => batchKey(l.kindId, l.batchNo)}
      size="small"
      columns={columns}
      dataSource={lines}
      pagination={false}
      scroll={{ y: 320 }}
      data-testid={testId}
    />
  );
}

/** 盘盈 / 盘亏 in a phrase: how many batches differed in each direction. */
export function differenceSummary(lines: Line[]): string {
  const gains = lines.filter((l) => l.difference > 0);
  const losses = lines.filter((l) => l.difference < 0);
  if (gains.length + losses.length === 0) return '账实相符';
  // Counts of batches, not sums: the batches are of kinds with different units (顶、张、箱).
  return [gains.length > 0 && `盘盈 ${gains.length} 个批次`, losses.length > 0 && `盘亏 ${losses.length} 个批次`]
    .filter(Boolean)
    .join('，');
}
