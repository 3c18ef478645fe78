import type { Area } from '@yingji/contracts/areas.ts';
import { zGridCreate } from '@yingji/contracts/areas.ts';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { createGrid, updateArea } from './areasApi.ts';

const PHONE_RULE = zodRule(zGridCreate.shape.gridOfficerPhone);

interface GridForm {
  name: string;
  gridOfficerName?: string;
  gridOfficerPhone?: string;
  population?: number | null;
}

/** 新建网格 under a village: the finest unit warnings and reports are addressed to, with its 网格员. */
export function CreateGridDialog({
  village,
  onClose,
  onCreated,
}: {
  village: Area | null;
  onClose(): void;
  onCreated(grid: Area): void;
}) {
  const [form] = Form.useForm<GridForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  const submit = async () => {
    if (!village) return;
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const grid = await createGrid(village.code, {
        name: values.name.trim(),
        gridOfficerName: orNull(values.gridOfficerName?.trim()),
        gridOfficerPhone: orNull(values.gridOfficerPhone?.trim()),
        population: values.population ?? null,
      });
      message.success(`已新建网格「${grid.name}」（${grid.code}）`);
      onCreated(grid);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={village ? `新建网格 — ${village.name}` : '新建网格'}
      open={village !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="创建"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="name"
          label="网格名称"
          rules={[{ required: true, whitespace: true, message: '请输入网格名称' }, { max: 64 }]}
        >
          <Input placeholder="如：第一网格" data-testid="grid-name" />
        </Form.Item>
        <Form.Item name="gridOfficerName" label="网格员姓名" rules={[{ max: 32 }]}>
          <Input data-testid="grid-officer-name" />
        </Form.Item>
        <Form.Item name="gridOfficerPhone" label="网格员手机" rules={[PHONE_RULE]}>
          <Input inputMode="numeric" maxLength={11} data-testid="grid-officer-phone" />
        </Form.Item>
        <Form.Item name="population" label="人口">
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OfficerForm {
  gridOfficerName?: string;
  gridOfficerPhone?: string;
}

/** Changes a grid's 网格员 (only grids have one; the server refuses it on other levels). */
export function GridOfficerDialog({ grid, onClose, onSaved }: { grid: Area | null; onClose(): void; onSaved(grid: Area): void }) {
  const [form] = Form.useForm<OfficerForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (grid) form.setFieldsValue({ gridOfficerName: grid.gridOfficerName ?? '', gridOfficerPhone: grid.gridOfficerPhone ?? '' });
  }, [grid, form]);

  const submit = async () => {
    if (!grid) return;
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const saved = await updateArea(grid.code, {
        gridOfficerName: orNull(values.gridOfficerName?.trim()),
        gridOfficerPhone: orNull(values.gridOfficerPhone?.trim()),
      });
      message.success('网格员已更新');
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={grid ? `网格员 — ${grid.name}` : '网格员'}
      open={grid !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="gridOfficerName" label="网格员姓名" rules={[{ max: 32 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="gridOfficerPhone" label="网格员手机" rules={[PHONE_RULE]}>
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
