import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zImportResult } from '@yingji/contracts/rescue.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { sendXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { equipmentRoutes } from './equipment.routes.ts';
import { expertsRoutes } from './experts.routes.ts';
import { REGISTERS, type Register } from './rescue.excel.ts';
import { teamsRoutes } from './teams.routes.ts';

/** The rescue domain's routes: the registers, then Excel for each (template, export, import). */
export function rescueRoutes(app: FastifyInstance, { rescue }: Platform): void {
  teamsRoutes(app, rescue);
  expertsRoutes(app, rescue);
  equipmentRoutes(app, rescue);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue'];
  for (const register of Object.keys(REGISTERS) as Register[]) {
    const { sheet } = REGISTERS[register];
    r.get(`/api/rescue/${register}/template.xlsx`, { schema: { tags, summary: `${sheet}导入模板` } }, async (request, reply) => {
      assertCan(actorOf(request), 'rescue:read');
      return sendXlsx(reply, `${sheet}导入模板.xlsx`, await rescue.excel.template(register));
    });
    r.get(`/api/rescue/${register}/export.xlsx`, { schema: { tags, summary: `导出${sheet}` } }, async (request, reply) =>
      sendXlsx(reply, `${sheet}.xlsx`, await rescue.excel.export(actorOf(request), register)),
    );
    r.post(
      `/api/rescue/${register}/import`,
      { schema: { tags, summary: `导入${sheet}（.xlsx，全部成功或全部不导入）`, response: { 200: zImportResult } } },
      (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'rescue:edit');
        if (!Buffer.isBuffer(request.body)) fail('EXCEL_INVALID', undefined, '请上传 .xlsx 文件（使用导入模板）');
        return rescue.excel.import(actor, register, request.body);
      },
    );
  }

  r.get('/api/rescue/teams/standards.xlsx', { schema: { tags, summary: '导出队伍人数达标检查' } }, async (request, reply) =>
    sendXlsx(reply, '队伍达标检查.xlsx', await rescue.excel.standardsXlsx(actorOf(request))),
  );
}
