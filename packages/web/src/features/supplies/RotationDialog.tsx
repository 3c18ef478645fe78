import type { Warehouse } from '@yingji/contracts/supplies.ts';
import { App, Divider, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { validated } from '../../app/formRules.ts';
import { PostingFailure, usePosting } from './posting.tsx';
import { BatchSelect, day, newBatchFields, parseBatchKey, QuantityField, stockBatches } from './stockParts.tsx';
import { postRotation } from './suppliesApi.ts';
import { useStockWhileOpen } from './useWarehouseStock.ts';

interface RotationForm {
  out: { batch: string; quantity: number };
  in: { batchNo: string; productionDate: Dayjs; expiryDate?: Dayjs | null; quantity: number };
  reason: string;
}

/**
 * 轮换: an ageing batch leaves (sold, used in drills, returned to the supplier) and a fresh batch of the same kind
 * comes in, as one document. The kind is the outgoing batch's; picking it proposes the whole batch.
 */
export function RotationDialog({
  open,
  warehouse,
  onClose,
  onPosted,
}: {
  open: boolean;
  warehouse: Warehouse | null;
  onClose(): void;
  onPosted(): void;
}) {
  const [form] = Form.useForm<RotationForm>();
  const { saving, failure, run } = usePosting(open);
  const { message } = App.useApp();
  const { stock, error: stockError } = useStockWhileOpen(open, warehouse);
  const outKey = Form.useWatch(['out', 'batch'], form);
  const outgoing = outKey ? stockBatches(stock).find((b) => b.kind.kindId === parseBatchKey(outKey).kindId) : undefined;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open]);

  const pickOut = (key: string) => {
    const { kindId, batchNo } = parseBatchKey(key);
    const picked = stockBatches(stock).find((b) => b.kind.kindId === kindId && b.batch.batchNo === batchNo);
    if (picked) form.setFieldValue(['out', 'quantity'], picked.batch.quantity);
  };

  const save = async () => {
    if (!warehouse) return;
    const v = await validated(form);
    if (!v) return;
    const { kindId, batchNo } = parseBatchKey(v.out.batch);
    await run(async () => {
      await postRotation({
        warehouseId: warehouse.id,
        kindId,
        reason: v.reason.trim(),
        out: { batchNo, quantity: v.out.quantity },
        in: {
          batchNo: v.in.batchNo.trim(),
          productionDate: day(v.in.productionDate),
          ...(v.in.expiryDate && { expiryDate: day(v.in.expiryDate) }),
          quantity: v.in.quantity,
        },
      });
      message.success(`已轮换：${batchNo} 出库 ${v.out.quantity}，${v.in.batchNo.trim()} 入库 ${v.in.quantity}`);
      onPosted();
    });
  };

  return (
    <Modal
      open={open}
      title={`轮换 — ${warehouse?.name ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="轮换"
      width={760}
    >
      <PostingFailure failure={failure ?? stockError} testId="rotation-error" />
      <Form form={form} layout="vertical" data-testid="rotation-form">
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          轮换出库：临期批次（出售、用于演练或退回供应商）
        </Divider>
        <Space align="baseline">
          <Form.Item name={['out', 'batch']} rules={[{ required: true, message: '请选择轮换出库的批次' }]}>
            <BatchSelect stock={stock} testId="rotation-out-batch" width={480} onChange={pickOut} />
          </Form.Item>
          <QuantityField name={['out', 'quantity']} placeholder="出库数量" testId="rotation-out-quantity" />
        </Space>
        <Divider titlePlacement="start" plain>
          轮换入库：同一品目的新批次{outgoing ? `（${outgoing.kind.kindName}，${outgoing.kind.unit}）` : ''}
        </Divider>
        <Space align="baseline" wrap>
          {newBatchFields(['in'], 'rotation-in')}
          <QuantityField name={['in', 'quantity']} placeholder="入库数量" testId="rotation-in-quantity" />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          有效期不填时按品目保质期从生产日期推算。
        </Typography.Paragraph>
        <Form.Item
          name="reason"
          label="轮换说明"
          rules={[{ required: true, whitespace: true, message: '请填写轮换说明' }, { max: 200 }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            placeholder="如：临近有效期，按协议由供应商回收并补入新货"
            data-testid="rotation-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
