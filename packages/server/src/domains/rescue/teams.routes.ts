import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zCappedPage, zOk, zPaged } from '@yingji/contracts/common.ts';
import {
  zCertificateDueQuery,
  zCertificateDueReport,
  zMember,
  zMemberCreate,
  zMemberListQuery,
  zMemberUpdate,
  zStandardsReport,
  zTeam,
  zTeamCreate,
  zTeamDetail,
  zTeamListQuery,
  zTeamUpdate,
} from '@yingji/contracts/rescue.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { RescueService } from './rescue.service.ts';

export const zIdParams = z.object({ id: z.uuid({ error: '编号格式不正确' }) }).strict();

/** 救援队伍 and 队员: register, detail, members with certificates, and the R-08 standards report. */
export function teamsRoutes(app: FastifyInstance, rescue: RescueService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue'];
  const params = zIdParams;

  r.get(
    '/api/rescue/teams',
    { schema: { tags, summary: '救援队伍列表', querystring: zTeamListQuery, response: { 200: zCappedPage(zTeam) } } },
    (request) => rescue.teams.list(actorOf(request), request.query),
  );

  r.post(
    '/api/rescue/teams',
    { schema: { tags, summary: '新建救援队伍', body: zTeamCreate, response: { 201: zTeam } } },
    async (request, reply) => {
      reply.status(201);
      return rescue.teams.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/rescue/teams/standards',
    { schema: { tags, summary: '队伍人数达标检查（R-08，低于标准的队伍）', response: { 200: zStandardsReport } } },
    (request) => rescue.teams.standards(actorOf(request)),
  );

  r.get(
    '/api/rescue/teams/:id',
    { schema: { tags, summary: '救援队伍详情（含队员、装备）', params, response: { 200: zTeamDetail } } },
    (request) => rescue.teams.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/rescue/teams/:id',
    { schema: { tags, summary: '修改救援队伍（含值守状态）', params, body: zTeamUpdate, response: { 200: zTeam } } },
    (request) => rescue.teams.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/rescue/teams/:id',
    { schema: { tags, summary: '删除救援队伍（连同队员；持有装备的队伍须先移交装备）', params, response: { 200: zOk } } },
    async (request) => {
      await rescue.teams.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/rescue/teams/:id/members',
    { schema: { tags, summary: '添加队员', params, body: zMemberCreate, response: { 201: zMember } } },
    async (request, reply) => {
      reply.status(201);
      return rescue.members.create(actorOf(request), request.params.id, request.body);
    },
  );

  r.get(
    '/api/rescue/members',
    { schema: { tags, summary: '队员列表', querystring: zMemberListQuery, response: { 200: zPaged(zMember) } } },
    (request) => rescue.members.list(actorOf(request), request.query),
  );

  r.get('/api/rescue/members/:id', { schema: { tags, summary: '队员详情', params, response: { 200: zMember } } }, (request) =>
    rescue.members.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/rescue/members/:id',
    { schema: { tags, summary: '修改队员（证书整体替换）', params, body: zMemberUpdate, response: { 200: zMember } } },
    (request) => rescue.members.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/rescue/members/:id',
    { schema: { tags, summary: '删除队员', params, response: { 200: zOk } } },
    async (request) => {
      await rescue.members.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/rescue/certificates/due',
    {
      schema: {
        tags,
        summary: '已过期和即将到期的队员证书',
        querystring: zCertificateDueQuery,
        response: { 200: zCertificateDueReport },
      },
    },
    (request) => rescue.members.certificatesDue(actorOf(request), request.query.days),
  );
}
