import { PlusOutlined } from '@ant-design/icons';
import type { SupplyKind } from '@yingji/contracts/supplies.ts';
import { Button, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { kindOptions, LineRemover, newBatchFields, QuantityField } from './stockParts.tsx';

/** A batch found on the shelf but not on the book: it enters as 盘盈 with the dates read off the goods. */
export interface ExtraLine {
  kindId: string;
  batchNo: string;
  productionDate: Dayjs;
  expiryDate?: Dayjs | null;
  counted: number;
  reason: string;
}

/** The 账外批次 rows of a stocktake form (Form.List `extras`). */
export function StocktakeExtraLines({ kinds }: { kinds: SupplyKind[] }) {
  return (
    <Form.List name="extras">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Space key={key} align="baseline" wrap>
              <Form.Item name={[name, 'kindId']} rules={[{ required: true, message: '请选择品目' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder="品目"
                  style={{ width: 160 }}
                  options={kindOptions(kinds)}
                  data-testid="stocktake-extra-kind"
                />
              </Form.Item>
              {newBatchFields([name])}
              <QuantityField name={[name, 'counted']} placeholder="实盘数" />
              <Form.Item name={[name, 'reason']} rules={[{ required: true, whitespace: true, message: '请填写盘盈原因' }]}>
                <Input placeholder="盘盈原因" maxLength={200} style={{ width: 200 }} />
              </Form.Item>
              <LineRemover onRemove={() => remove(name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="stocktake-add-extra">
            添加账外批次（实物有、账上没有）
          </Button>
        </>
      )}
    </Form.List>
  );
}
