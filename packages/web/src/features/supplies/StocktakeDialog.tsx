import type { Stocktake, SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import { Button, Divider, Form, Input, InputNumber, Modal, Result, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { orNull, validated } from '../../app/formRules.ts';
import { PostingFailure, usePosting } from './posting.tsx';
import { StocktakeExtraLines, type ExtraLine } from './StocktakeExtraLines.tsx';
import { differenceSummary, DifferenceTag, StocktakeLinesTable } from './StocktakeLinesTable.tsx';
import { batchKey, day, expiryTag, qty, stockBatches } from './stockParts.tsx';
import { postStocktake } from './suppliesApi.ts';
import { useStockWhileOpen } from './useWarehouseStock.ts';

type Row = ReturnType<typeof stockBatches>[number];
const keyOf = (r: Row) => batchKey(r.kind.kindId, r.batch.batchNo);
interface CountForm {
  note?: string;
  /** By batch (kind and batch number); a batch left blank is not part of this count (抽盘 counts only some). */
  counts?: Record<string, { counted?: number | null; reason?: string } | undefined>;
  extras?: ExtraLine[];
}

/**
 * 盘点: the book balance of every batch beside an input for what was counted. Each difference needs its reason; the
 * server posts it as 盘盈/盘亏 and keeps the count, and the dialog then shows what was posted.
 */
export function StocktakeDialog(props: {
  open: boolean;
  warehouse: Warehouse | null;
  kinds: SupplyKind[];
  onClose(): void;
  onPosted(): void;
}) {
  const { open, warehouse, kinds, onClose, onPosted } = props;
  const [form] = Form.useForm<CountForm>();
  const { saving, failure, setFailure, run } = usePosting(open);
  const [result, setResult] = useState<Stocktake | null>(null);
  const { stock, loading, error: stockError } = useStockWhileOpen(open, warehouse);
  const rows = stockBatches(stock);
  const counts = Form.useWatch('counts', form);
  const countedAt = (r: Row) => counts?.[keyOf(r)]?.counted ?? null;
  const differs = (r: Row) => countedAt(r) !== null && countedAt(r) !== r.batch.quantity;
  const counted = rows.filter((r) => countedAt(r) !== null).length;
  const differing = rows.filter(differs).length;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setResult(null);
  }, [open]);

  // For a count that found most batches as booked: the blanks take the book figure, the differences are then typed over.
  const fillBlanks = () =>
    form.setFieldValue(
      'counts',
      Object.fromEntries(rows.map((r) => [keyOf(r), { ...counts?.[keyOf(r)], counted: countedAt(r) ?? r.batch.quantity }])),
    );

  const save = async () => {
    if (!warehouse) return;
    const v = await validated(form);
    if (!v) return;
    const lines = [
      ...rows.flatMap((r) => {
        const { kind, batch } = r;
        const line = v.counts?.[keyOf(r)];
        if (line?.counted === undefined || line.counted === null) return [];
        return [{ kindId: kind.kindId, batchNo: batch.batchNo, counted: line.counted, reason: orNull(line.reason?.trim()) }];
      }),
      ...(v.extras ?? []).map((e) => ({
        kindId: e.kindId,
        batchNo: e.batchNo.trim(),
        counted: e.counted,
        reason: e.reason.trim(),
        productionDate: day(e.productionDate),
        ...(e.expiryDate && { expiryDate: day(e.expiryDate) }),
      })),
    ];
    if (lines.length === 0) return setFailure('请至少填写一个批次的实盘数量（未填写的批次不计入本次盘点）');
    await run(async () => {
      setResult(await postStocktake({ warehouseId: warehouse.id, note: orNull(v.note?.trim()), lines }));
      onPosted();
    });
  };

  const columns: TableColumnsType<Row> = [
    { title: '品目', width: 110, render: (_v, r) => r.kind.kindName },
    { title: '批次', width: 130, render: (_v, r) => r.batch.batchNo },
    { title: '有效期至', width: 160, render: (_v, r) => expiryTag(r.batch.expiryDate) },
    { title: '账面数', width: 90, align: 'right', render: (_v, r) => `${qty(r.batch.quantity)} ${r.kind.unit}` },
    {
      title: '实盘数',
      width: 110,
      render: (_v, r) => (
        <Form.Item name={['counts', keyOf(r), 'counted']} style={{ marginBottom: 0 }}>
          <InputNumber min={0} max={100_000_000} precision={0} placeholder="未盘" style={{ width: 96 }} />
        </Form.Item>
      ),
    },
    {
      title: '差异',
      width: 110,
      render: (_v, r) => (countedAt(r) === null ? '—' : <DifferenceTag difference={countedAt(r)! - r.batch.quantity} />),
    },
    {
      title: '差异原因',
      render: (_v, r) => (
        <Form.Item
          name={['counts', keyOf(r), 'reason']}
          dependencies={[['counts', keyOf(r), 'counted']]}
          style={{ marginBottom: 0 }}
          rules={[
            { max: 200 },
            ({ getFieldValue }) => ({
              validator: async (_rule, reason?: string) => {
                const c = getFieldValue(['counts', keyOf(r), 'counted']) as number | null | undefined;
                if (c !== undefined && c !== null && c !== r.batch.quantity && !reason?.trim())
                  throw new Error('有差异，请填写原因');
              },
            }),
          ]}
        >
          <Input placeholder={differs(r) ? '必填' : ''} />
        </Form.Item>
      ),
    },
  ];

  const done = result !== null;
  const changed = result?.lines.filter((l) => l.difference !== 0) ?? [];
  return (
    <Modal
      open={open}
      title={`盘点 — ${warehouse?.name ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="提交盘点结果"
      width={1040}
      footer={done ? <Button onClick={onClose}>关闭</Button> : undefined}
    >
      <PostingFailure failure={failure ?? stockError} testId="stocktake-error" />
      {done && (
        <div data-testid="stocktake-result">
          <Result
            status="success"
            title="盘点已记录"
            subTitle={`共盘点 ${result.lines.length} 个批次：${differenceSummary(result.lines)}${changed.length > 0 ? '；差异已按原因过账为盘盈、盘亏流水' : ''}`}
            style={{ padding: '8px 0 16px' }}
          />
          {changed.length > 0 && <StocktakeLinesTable lines={changed} />}
        </div>
      )}
      {/* Hidden rather than unmounted after posting, so the form instance stays connected for the next count. */}
      <Form form={form} layout="vertical" data-testid="stocktake-form" style={done ? { display: 'none' } : undefined}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text>
            账面 {rows.length} 个批次，已盘 {counted} 个，有差异 {differing} 个
          </Typography.Text>
          <Button size="small" onClick={fillBlanks} disabled={rows.length === 0} data-testid="stocktake-fill-book">
            未填写的按账面数填入
          </Button>
        </Space>
        <Table<Row>
          rowKey={keyOf}
          size="small"
          loading={loading && !stock}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 360 }}
          data-testid="stocktake-table"
        />
        <Divider titlePlacement="start" plain>
          账外批次
        </Divider>
        <StocktakeExtraLines kinds={kinds} />
        <Form.Item name="note" label="盘点说明（参加人员、盘点范围）" style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={500} data-testid="stocktake-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
