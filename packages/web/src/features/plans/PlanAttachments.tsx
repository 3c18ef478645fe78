import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { PlanAttachment, PlanDetail } from '@yingji/contracts/plans.ts';
import { Alert, App, Button, Card, Popconfirm, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { attachmentUrl, deleteAttachment, uploadAttachment } from './plansApi.ts';

const KIND_NAMES = { pdf: 'PDF', docx: 'Word', doc: 'Word 97-2003' } as const;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * 预案文本附件 (PDF / Word): download for everyone who sees the plan, upload and delete for its editors. What a file
 * is, and how large it may be, is the server's decision: its refusal is shown as it says it.
 */
export function PlanAttachments({ plan, canEdit, onChanged }: { plan: PlanDetail; canEdit: boolean; onChanged(): void }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const editable = canEdit && plan.state !== 'superseded';

  const upload = async (file: File) => {
    setUploading(true);
    setRefusal(null);
    try {
      const saved = await uploadAttachment(plan.id, file);
      message.success(`已上传 ${saved.fileName}`);
      onChanged();
    } catch (e) {
      setRefusal(`${file.name}：${errorMessage(e)}`);
    } finally {
      setUploading(false);
    }
  };

  const remove = async (a: PlanAttachment) => {
    try {
      await deleteAttachment(plan.id, a.id);
      message.success('附件已删除');
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<PlanAttachment> = [
    {
      title: '文件',
      dataIndex: 'fileName',
      render: (name: string, a) => (
        <a href={attachmentUrl(plan.id, a.id)} download={name} data-testid="attachment-link">
          <PaperClipOutlined /> {name}
        </a>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 110, render: (k: PlanAttachment['kind']) => <Tag>{KIND_NAMES[k]}</Tag> },
    { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: sizeText },
    { title: '上传', width: 210, responsive: ['md'], render: (_v, a) => `${a.uploadedBy} ${formatInstant(a.uploadedAt)}` },
  ];
  if (editable)
    columns.push({
      title: '',
      width: 48,
      render: (_v, a) => (
        <Popconfirm title={`删除附件 ${a.fileName}？`} onConfirm={() => void remove(a)}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除附件" />
        </Popconfirm>
      ),
    });

  return (
    <Card
      size="small"
      title={`预案文本附件（${plan.attachments.length}）`}
      extra={
        editable && (
          <Upload
            accept=".pdf,.doc,.docx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
              上传 PDF / Word
            </Button>
          </Upload>
        )
      }
      data-testid="plan-attachments"
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          title={refusal}
          style={{ marginBottom: 12 }}
          data-testid="attachment-refusal"
        />
      )}
      <Table<PlanAttachment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={plan.attachments}
        pagination={false}
        locale={{ emptyText: '尚未上传预案文本' }}
      />
    </Card>
  );
}
