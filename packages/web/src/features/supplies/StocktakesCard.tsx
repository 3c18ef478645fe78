import type { Stocktake } from '@yingji/contracts/supplies.ts';
import { Alert, Card, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { differenceSummary, StocktakeLinesTable } from './StocktakeLinesTable.tsx';
import { fetchStocktakes } from './suppliesApi.ts';

/** The differences lead: in a full count they are a few lines among many that agreed. */
const differencesFirst = (lines: Stocktake['lines']) =>
  [...lines].sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0));

/** 盘点记录: the warehouse's stocktakes, newest first (the server keeps the latest 50 here), each line on expanding. */
export function StocktakesCard({ warehouseId, version }: { warehouseId: string; version: number }) {
  const [rows, setRows] = useState<Stocktake[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchStocktakes(warehouseId, controller.signal)
      .then((list) => (setRows(list), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [warehouseId, version]);

  const columns: TableColumnsType<Stocktake> = [
    { title: '盘点时间', dataIndex: 'at', width: 170, render: formatInstant },
    { title: '盘点人', dataIndex: 'actorName', width: 110 },
    { title: '盘点批次数', width: 100, align: 'right', render: (_v, s) => s.lines.length },
    {
      title: '差异',
      width: 220,
      render: (_v, s) => {
        const summary = differenceSummary(s.lines);
        return <Tag color={s.lines.some((l) => l.difference !== 0) ? 'orange' : 'green'}>{summary}</Tag>;
      },
    },
    { title: '盘点说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
  ];

  return (
    <Card size="small" title="盘点记录" style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Stocktake>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="stocktakes-table"
        locale={{ emptyText: '还没有盘点记录' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (s) => <StocktakeLinesTable lines={differencesFirst(s.lines)} /> }}
      />
    </Card>
  );
}
