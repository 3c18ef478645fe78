import type { StationCredentials } from '@yingji/contracts/monitoring.ts';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { credentialsText } from './CredentialsDialog.tsx';

/**
 * The device credentials of every station an Excel import created, shown once (the server keeps only hashes): one
 * table to check, and one block to copy into the installers' hand-over note.
 */
export function ImportedCredentialsDialog({ list, onClose }: { list: StationCredentials[] | null; onClose(): void }) {
  return (
    <Modal
      open={list !== null}
      title={`已导入 ${list?.length ?? 0} 个站点 — 设备凭据`}
      width={900}
      maskClosable={false}
      keyboard={false}
      closable={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="imported-credentials-close">
          我已妥善保存，关闭
        </Button>
      }
      data-testid="imported-credentials-dialog"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type="warning"
          showIcon
          title="凭据只显示这一次"
          description="平台只保存凭据的摘要，关闭此窗口后无法再次查看。请立即复制全部并交给设备安装人员；如遗失，可在站点详情中重新签发。"
        />
        <Typography.Text
          copyable={{ text: (list ?? []).map(credentialsText).join('\n\n'), tooltips: ['复制全部', '已复制'] }}
          data-testid="imported-credentials-copy-all"
        >
          复制全部站点的凭据（含上报方式）
        </Typography.Text>
        <Table<StationCredentials>
          size="small"
          rowKey="code"
          dataSource={list ?? []}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: '站点编码', dataIndex: 'code', width: 120 },
            {
              title: 'HTTP 设备令牌',
              dataIndex: 'deviceToken',
              render: (t: string) => <Typography.Text code>{t}</Typography.Text>,
            },
            { title: 'MQTT 用户名', dataIndex: 'mqttUsername', width: 140 },
            { title: 'MQTT 密码', dataIndex: 'mqttPassword', render: (t: string) => <Typography.Text code>{t}</Typography.Text> },
          ]}
        />
      </Space>
    </Modal>
  );
}
