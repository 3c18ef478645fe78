import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api.ts';
import { describeImport, uploadXlsx, type ImportSummary } from './uploadXlsx.ts';

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/**
 * 模板 / 导出 / 导入 for one register, whose routes are `${basePath}/template.xlsx`, `/export.xlsx` and `/import`.
 * Imports are all or nothing on the server; a rejected file shows its row-by-row errors here, and a large file
 * shows its upload progress.
 */
export function ExcelButtons({
  basePath,
  testId,
  canImport,
  onImported,
}: {
  basePath: string;
  /** Prefix of the buttons' data-testid: `${testId}-template`, `-export`, `-import`. */
  testId: string;
  canImport: boolean;
  onImported(result: ImportSummary): void;
}) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const [failure, setFailure] = useState('');

  const upload = async (file: File) => {
    setProgress(0);
    try {
      const result = await uploadXlsx(`${basePath}/import`, file, setProgress);
      message.success(describeImport(result));
      onImported(result);
    } catch (error) {
      const details = error instanceof ApiError ? (error.details as { errors?: RowError[] } | undefined) : undefined;
      if (details?.errors?.length) {
        setFailure(errorMessage(error));
        setErrors(details.errors);
      } else message.error(errorMessage(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Space>
      <Button icon={<FileExcelOutlined />} href={`${basePath}/template.xlsx`} data-testid={`${testId}-template`}>
        模板
      </Button>
      <Button icon={<DownloadOutlined />} href={`${basePath}/export.xlsx`} data-testid={`${testId}-export`}>
        导出
      </Button>
      {canImport && (
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={progress !== null} data-testid={`${testId}-import`}>
            导入
          </Button>
        </Upload>
      )}
      <Modal open={progress !== null} footer={null} closable={false} title="正在导入">
        <Progress percent={progress ?? 0} status="active" />
        <div style={{ color: '#666' }}>上传完成后服务器逐行校验，全部通过才写入。</div>
      </Modal>
      <Modal
        open={errors !== null}
        title={failure || '导入失败：文件中有错误，整个文件未导入'}
        onCancel={() => setErrors(null)}
        footer={null}
        width={720}
      >
        <Table<RowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={errors ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 200, render: (c: string | null) => c ?? '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      </Modal>
    </Space>
  );
}
