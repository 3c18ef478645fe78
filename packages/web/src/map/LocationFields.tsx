import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { LocationPicker } from './LocationPicker.tsx';

/**
 * The longitude and latitude of a register form (WGS-84), typed or picked on a small map. Used inside an antd Form
 * whose fields are named `lon` and `lat`; renders two half-width columns of a Row.
 */
export function LocationFields({
  lonLabel = '经度（WGS-84）',
  latLabel = '纬度（WGS-84）',
  extra,
  testIdPrefix,
}: {
  lonLabel?: string;
  latLabel?: string;
  extra?: string;
  /** e.g. 'team' gives data-testid team-lon / team-lat for end-to-end tests. */
  testIdPrefix?: string;
}) {
  const form = Form.useFormInstance();
  const [picking, setPicking] = useState(false);
  const lon = Form.useWatch<number | undefined>('lon', form);
  const lat = Form.useWatch<number | undefined>('lat', form);
  const required = (what: string) => ({ required: true, message: `请填写${what}` });
  const pick = (
    <Button icon={<EnvironmentOutlined />} onClick={() => setPicking(true)} data-testid="location-pick">
      地图选点
    </Button>
  );
  return (
    <>
      <Col span={12}>
        <Form.Item label={lonLabel} required extra={extra}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="lon" rules={[required('经度')]} noStyle>
              <InputNumber
                min={-180}
                max={180}
                precision={6}
                step={0.001}
                style={{ width: '100%' }}
                data-testid={testIdPrefix && `${testIdPrefix}-lon`}
              />
            </Form.Item>
            {pick}
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="lat" label={latLabel} rules={[required('纬度')]}>
          <InputNumber
            min={-90}
            max={90}
            precision={6}
            step={0.001}
            style={{ width: '100%' }}
            data-testid={testIdPrefix && `${testIdPrefix}-lat`}
          />
        </Form.Item>
      </Col>
      <LocationPicker
        open={picking}
        initial={typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null}
        onCancel={() => setPicking(false)}
        onPick={(point) => {
          form.setFieldsValue(point);
          void form.validateFields(['lon', 'lat']);
          setPicking(false);
        }}
      />
    </>
  );
}
