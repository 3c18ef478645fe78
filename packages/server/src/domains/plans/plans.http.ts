import { z } from 'zod';

export const zPlanIdParams = z.object({ id: z.uuid('编号格式不正确') }).strict();

/** Headers to send a file inline or as a download, with its Chinese name kept (RFC 5987). */
export function fileHeaders(contentType: string, fileName: string, disposition: 'inline' | 'attachment') {
  return {
    'content-type': contentType,
    'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
