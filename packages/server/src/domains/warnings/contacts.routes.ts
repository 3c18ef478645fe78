import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zOk } from '@yingji/contracts/common.ts';
import {
  zContact,
  zContactCreate,
  zContactListQuery,
  zContactPage,
  zContactUpdate,
  zSpecialContacts,
  zSpecialContactsQuery,
} from '@yingji/contracts/warnings.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx, xlsxBody } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { CONTACT_COLUMNS, contactExport, zContactRow } from './contacts.excel.ts';

const params = z.object({ id: z.uuid('编号格式不正确') }).strict();
const zImported = z.object({ imported: z.number().int() });

/** 预警接收人: resident phone groups and village cadres who receive warnings, and each village's 特殊群体. */
export function contactsRoutes(app: FastifyInstance, platform: Platform): void {
  // The register is stateless over the database; until WarningsDomain exposes it (platform.warnings.contacts) the
  // routes hold their own instance over the same dependencies.
  const { contacts } = platform.warnings;
  const { areas } = platform;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warning-contacts'];
  const base = '/api/warning-contacts';

  r.get(
    base,
    {
      schema: {
        tags,
        summary: '预警接收人列表（areaCode 含下级；special=true 只列特殊群体）',
        querystring: zContactListQuery,
        response: { 200: zContactPage },
      },
    },
    (request) => contacts.list(actorOf(request), request.query),
  );

  r.post(
    base,
    { schema: { tags, summary: '新增预警接收人', body: zContactCreate, response: { 201: zContact } } },
    async (request, reply) => {
      reply.status(201);
      return contacts.create(actorOf(request), request.body);
    },
  );

  r.get(
    `${base}/special`,
    {
      schema: {
        tags,
        summary: '某村（组）的特殊群体名单及临灾转移“四个一”',
        querystring: zSpecialContactsQuery,
        response: { 200: zSpecialContacts },
      },
    },
    (request) => contacts.special(actorOf(request), request.query.villageCode),
  );

  r.get(`${base}/excel/template.xlsx`, { schema: { tags, summary: '预警接收人导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '预警接收人导入模板.xlsx', await templateXlsx('预警接收人', CONTACT_COLUMNS));
  });

  r.get(
    `${base}/excel/export.xlsx`,
    { schema: { tags, summary: '预警接收人导出 Excel（限本人辖区）' } },
    async (request, reply) => {
      const { columns, rows } = await contactExport(areas, await contacts.all(actorOf(request)));
      return sendXlsx(reply, '预警接收人.xlsx', await toXlsx('预警接收人', columns, rows));
    },
  );

  r.post(
    `${base}/excel/import`,
    { schema: { tags, summary: '导入预警接收人 Excel（全部成功或全部不导入）', response: { 200: zImported } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await fromXlsx(xlsxBody(request), CONTACT_COLUMNS, zContactRow);
      return { imported: (await contacts.importRows(actor, rows)).length };
    },
  );

  r.get(`${base}/:id`, { schema: { tags, summary: '预警接收人详情', params, response: { 200: zContact } } }, (request) =>
    contacts.get(actorOf(request), request.params.id),
  );

  r.patch(
    `${base}/:id`,
    { schema: { tags, summary: '修改预警接收人', params, body: zContactUpdate, response: { 200: zContact } } },
    (request) => contacts.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(`${base}/:id`, { schema: { tags, summary: '删除预警接收人', params, response: { 200: zOk } } }, async (request) => {
    await contacts.remove(actorOf(request), request.params.id);
    return { ok: true as const };
  });
}
