import { PlusOutlined } from '@ant-design/icons';
import type { SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { orNull, validated } from '../../app/formRules.ts';
import { PURPOSE_OPTIONS } from './labels.ts';
import { PostingFailure, usePosting } from './posting.tsx';
import { day, kindOptions as optionsOf, LineRemover, newBatchFields, QuantityField } from './stockParts.tsx';
import { postIssue, postReceipt } from './suppliesApi.ts';

export type StockDialog = 'receive' | 'issue' | null;

interface ReceiptForm {
  reference?: string;
  lines: { kindId: string; batchNo: string; productionDate: Dayjs; expiryDate?: Dayjs | null; quantity: number }[];
}
interface IssueForm {
  purpose: 'incident' | 'distribution';
  reference: string;
  note?: string;
  lines: { kindId: string; quantity: number }[];
}

/** 验收入库 and 出库 for one warehouse: several lines per document, checked line by line on the server. */
export function StockDialogs({
  open,
  warehouse,
  kinds,
  onClose,
  onPosted,
}: {
  open: StockDialog;
  warehouse: Warehouse | null;
  kinds: SupplyKind[];
  onClose(): void;
  onPosted(): void;
}) {
  const [receipt] = Form.useForm<ReceiptForm>();
  const [issue] = Form.useForm<IssueForm>();
  const { saving, failure, run } = usePosting(open);
  const { message } = App.useApp();
  const kindOptions = optionsOf(kinds);

  useEffect(() => {
    receipt.resetFields();
    issue.resetFields();
  }, [open]);

  const save = async () => {
    if (!warehouse) return;
    if (open === 'receive') {
      const v = await validated(receipt);
      if (!v) return;
      await run(async () => {
        const posted = await postReceipt({
          warehouseId: warehouse.id,
          reference: orNull(v.reference?.trim()),
          note: null,
          lines: v.lines.map((l) => ({
            kindId: l.kindId,
            batchNo: l.batchNo.trim(),
            productionDate: day(l.productionDate),
            ...(l.expiryDate && { expiryDate: day(l.expiryDate) }),
            quantity: l.quantity,
          })),
        });
        message.success(`已入库 ${posted.movements.length} 笔`);
        onPosted();
      });
    } else {
      const v = await validated(issue);
      if (!v) return;
      await run(async () => {
        const posted = await postIssue({
          warehouseId: warehouse.id,
          purpose: v.purpose,
          reference: v.reference.trim(),
          note: orNull(v.note?.trim()),
          lines: v.lines,
        });
        message.success(`已出库 ${posted.movements.length} 笔（按先到期先出分配批次）`);
        onPosted();
      });
    }
  };

  return (
    <Modal
      open={open !== null}
      title={`${open === 'receive' ? '验收入库' : '出库'} — ${warehouse?.name ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={open === 'receive' ? '入库' : '出库'}
      width={860}
    >
      <PostingFailure failure={failure} testId="stock-dialog-error" />
      {open === 'receive' && (
        <Form form={receipt} layout="vertical" initialValues={{ lines: [{}] }} data-testid="receipt-form">
          <Form.Item name="reference" label="单据号（采购单、协议储备调入单、捐赠接收单）">
            <Input maxLength={64} style={{ width: 320 }} />
          </Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline" wrap>
                    <Form.Item name={[name, 'kindId']} rules={[{ required: true, message: '请选择品目' }]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        placeholder="品目"
                        style={{ width: 180 }}
                        options={kindOptions}
                      />
                    </Form.Item>
                    {newBatchFields([name])}
                    <QuantityField name={[name, 'quantity']} />
                    <LineRemover count={fields.length} onRemove={() => remove(name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加一行
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
      {open === 'issue' && (
        <Form form={issue} layout="vertical" initialValues={{ purpose: 'incident', lines: [{}] }} data-testid="issue-form">
          <Space wrap>
            <Form.Item name="purpose" label="用途" rules={[{ required: true }]}>
              <Select options={PURPOSE_OPTIONS} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="reference" label="事件编号 / 发放单号" rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input style={{ width: 260 }} data-testid="issue-reference" />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input style={{ width: 300 }} maxLength={500} />
            </Form.Item>
          </Space>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline">
                    <Form.Item name={[name, 'kindId']} rules={[{ required: true, message: '请选择品目' }]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        placeholder="品目"
                        style={{ width: 220 }}
                        options={kindOptions}
                        data-testid="issue-kind"
                      />
                    </Form.Item>
                    <QuantityField name={[name, 'quantity']} testId="issue-quantity" />
                    <LineRemover count={fields.length} onRemove={() => remove(name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加一行
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Modal>
  );
}
