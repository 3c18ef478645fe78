import type { StationCredentials } from '@yingji/contracts/monitoring.ts';
import { Alert, Button, Descriptions, Modal, Space, Typography } from 'antd';

/** Everything a device installer needs, as one block to paste into a device's configuration or a hand-over note. */
export function credentialsText(c: StationCredentials): string {
  return [
    `站点编码：${c.code}`,
    `HTTP 上报：POST /api/ingest/readings，请求头 Authorization: Bearer ${c.deviceToken}`,
    `MQTT 用户名：${c.mqttUsername}`,
    `MQTT 密码：${c.mqttPassword}`,
    `MQTT 主题：yingji/stations/${c.code}/readings`,
  ].join('\n');
}

/**
 * 设备凭据 of a station, shown once: the server keeps only their hashes, so closing this dialog loses them for good
 * (a new pair can be issued, which cuts off the old one). Copy buttons use antd's copier, which also works on a
 * plain-http intranet address where the browser's clipboard API is not offered.
 */
export function CredentialsDialog({ credentials, onClose }: { credentials: StationCredentials | null; onClose(): void }) {
  const copyable = (text: string, testId: string) => (
    <Typography.Text
      code
      copyable={{ text, tooltips: ['复制', '已复制'] }}
      data-testid={testId}
      style={{ wordBreak: 'break-all' }}
    >
      {text}
    </Typography.Text>
  );
  return (
    <Modal
      open={credentials !== null}
      title={credentials ? `设备凭据 — ${credentials.code}` : '设备凭据'}
      width={720}
      maskClosable={false}
      // Above the station drawer it is opened from, whichever of the two was mounted first.
      zIndex={1100}
      keyboard={false}
      closable={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="credentials-close">
          我已妥善保存，关闭
        </Button>
      }
      data-testid="credentials-dialog"
    >
      {credentials && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="凭据只显示这一次"
            description="平台只保存凭据的摘要，关闭此窗口后无法再次查看。请立即复制并交给设备安装人员；如遗失，只能重新签发（旧凭据随即失效）。"
          />
          <Descriptions size="small" column={1} bordered styles={{ label: { width: 130 } }}>
            <Descriptions.Item label="站点编码">{credentials.code}</Descriptions.Item>
            <Descriptions.Item label="HTTP 设备令牌">{copyable(credentials.deviceToken, 'credential-token')}</Descriptions.Item>
            <Descriptions.Item label="MQTT 用户名">
              {copyable(credentials.mqttUsername, 'credential-mqtt-user')}
            </Descriptions.Item>
            <Descriptions.Item label="MQTT 密码">
              {copyable(credentials.mqttPassword, 'credential-mqtt-password')}
            </Descriptions.Item>
            <Descriptions.Item label="MQTT 主题">{`yingji/stations/${credentials.code}/readings`}</Descriptions.Item>
          </Descriptions>
          <Typography.Text
            copyable={{ text: credentialsText(credentials), tooltips: ['复制全部', '已复制'] }}
            data-testid="credentials-copy-all"
          >
            复制全部（含上报方式）
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
