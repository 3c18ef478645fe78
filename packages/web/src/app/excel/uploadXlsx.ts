import type { Session } from '@yingji/contracts/auth.ts';
import { api, ApiError } from '../api.ts';

/** What the registers' import routes answer: how many rows went in (and, for registers that update, how). */
export interface ImportSummary {
  imported?: number;
  created?: number;
  updated?: number;
  /** Whatever else a register returns (e.g. the device credentials of imported stations, shown once). */
  [more: string]: unknown;
}

/**
 * Uploads an .xlsx file to an import route. XMLHttpRequest rather than fetch: only it reports upload progress,
 * which a large file needs.
 */
export async function uploadXlsx(path: string, file: File, onProgress: (percent: number) => void): Promise<ImportSummary> {
  const { csrfToken } = await api.get<Session>('/api/auth/me');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络'));
    xhr.onload = () => {
      let body: { code?: string; message?: string; details?: unknown } & ImportSummary = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below by status */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `HTTP_${xhr.status}`,
            body.message ?? `导入失败（HTTP ${xhr.status}）`,
            body.details,
          ),
        );
    };
    xhr.send(file);
  });
}

/** One line for the success message. */
export function describeImport({ imported, created, updated }: ImportSummary): string {
  if (updated) return `已导入：新增 ${created ?? 0} 条，更新 ${updated} 条`;
  return `已导入 ${created ?? imported ?? 0} 条`;
}
