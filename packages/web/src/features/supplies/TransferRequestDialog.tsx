import { PlusOutlined } from '@ant-design/icons';
import type { TransferCreate } from '@yingji/contracts/supplies.ts';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { validated } from '../../app/formRules.ts';
import { PostingFailure, usePosting } from './posting.tsx';
import { kindOptions, LineRemover, QuantityField } from './stockParts.tsx';
import { requestTransfer } from './suppliesApi.ts';
import { useSupplyOptions } from './useSupplyOptions.ts';

/** 调拨申请: from one warehouse to another, by kind and quantity; batches are chosen when it ships. */
export function TransferRequestDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<TransferCreate>();
  const { saving, failure, run } = usePosting(open);
  const { message } = App.useApp();
  const { kinds, warehouses } = useSupplyOptions(open ? 1 : 0);
  const warehouseOptions = warehouses.map((w) => ({ value: w.id, label: w.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
  }, [open]);

  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      await requestTransfer({ ...values, reason: values.reason.trim() });
      message.success('调拨申请已提交，等待审批');
      onSaved();
    });
  };

  return (
    <Modal open={open} title="调拨申请" onCancel={onClose} onOk={save} confirmLoading={saving} okText="提交申请" width={640}>
      <PostingFailure failure={failure} />
      <Form form={form} layout="vertical" initialValues={{ lines: [{}] }} data-testid="transfer-form">
        <Space wrap>
          <Form.Item name="fromWarehouseId" label="调出仓库" rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" style={{ width: 280 }} options={warehouseOptions} />
          </Form.Item>
          <Form.Item
            name="toWarehouseId"
            label="调入仓库"
            dependencies={['fromWarehouseId']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: async (_r, v) => {
                  if (v && v === getFieldValue('fromWarehouseId')) throw new Error('调出仓库与调入仓库不能相同');
                },
              }),
            ]}
          >
            <Select showSearch optionFilterProp="label" style={{ width: 280 }} options={warehouseOptions} />
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
                      style={{ width: 240 }}
                      options={kindOptions(kinds)}
                    />
                  </Form.Item>
                  <QuantityField name={[name, 'quantity']} />
                  <LineRemover count={fields.length} onRemove={() => remove(name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 12 }}>
                添加品目
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="reason" label="事由" rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
