import { PlusOutlined } from '@ant-design/icons';
import type { Warehouse } from '@yingji/contracts/supplies.ts';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useEffect } from 'react';
import { validated } from '../../app/formRules.ts';
import { PostingFailure, usePosting } from './posting.tsx';
import { BatchSelect, LineRemover, parseBatchKey, QuantityField } from './stockParts.tsx';
import { postScrap } from './suppliesApi.ts';
import { useStockWhileOpen } from './useWarehouseStock.ts';

interface ScrapForm {
  reason: string;
  lines: { batch: string; quantity: number }[];
}

/**
 * 报废: damaged or expired goods written off by named batch, one reason for the document. Expired batches are
 * offered too: writing them off is how they leave the book.
 */
export function ScrapDialog({
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
  const [form] = Form.useForm<ScrapForm>();
  const { saving, failure, run } = usePosting(open);
  const { message } = App.useApp();
  const { stock, error: stockError } = useStockWhileOpen(open, warehouse);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open]);

  const save = async () => {
    if (!warehouse) return;
    const v = await validated(form);
    if (!v) return;
    await run(async () => {
      const posted = await postScrap({
        warehouseId: warehouse.id,
        reason: v.reason.trim(),
        lines: v.lines.map((l) => ({ ...parseBatchKey(l.batch), quantity: l.quantity })),
      });
      message.success(`已报废：${posted.movements.map((m) => `${m.kindName} ${m.batchNo} ${-m.quantity} ${m.unit}`).join('、')}`);
      onPosted();
    });
  };

  return (
    <Modal
      open={open}
      title={`报废 — ${warehouse?.name ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="报废"
      okButtonProps={{ danger: true }}
      width={720}
    >
      <PostingFailure failure={failure ?? stockError} testId="scrap-error" />
      <Form form={form} layout="vertical" initialValues={{ lines: [{}] }} data-testid="scrap-form">
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="baseline">
                  <Form.Item name={[name, 'batch']} rules={[{ required: true, message: '请选择报废的批次' }]}>
                    <BatchSelect stock={stock} testId="scrap-batch" width={480} />
                  </Form.Item>
                  <QuantityField name={[name, 'quantity']} placeholder="报废数量" testId="scrap-quantity" />
                  <LineRemover count={fields.length} onRemove={() => remove(name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 12 }}>
                添加批次
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="reason"
          label="报废原因（如：过期失效、受潮霉变、破损无法修复；附鉴定意见）"
          rules={[{ required: true, whitespace: true, message: '请填写报废原因' }, { max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="scrap-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
