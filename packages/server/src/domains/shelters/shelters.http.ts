import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fail } from '../../platform/errors.ts';

export const zIdParams = z.object({ id: z.uuid('编号格式不正确') }).strict();

/** Excel uploads arrive as a Buffer (platform/excel.ts registers the parser); anything else is refused. */
export function xlsxBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) fail('UNSUPPORTED_MEDIA_TYPE', undefined, '请上传 .xlsx 文件');
  return request.body;
}
