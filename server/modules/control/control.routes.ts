import { IdParams } from '../../../shared/contracts/common.js';
import { ControlQuery, RemarkBody, RemarkListQuery } from '../../../shared/contracts/reports.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as service from './control.service.js';

export function controlRoutes(app: App, ctx: AppContext): void {
  const tags = ['control'];

  app.get(
    '/api/control/schools/:id',
    { config: { permission: 'control.read' }, schema: { tags, summary: 'Journal-keeping per teacher and course for a term, a page at a time, sorted and searched (the deputy’s control page)', params: IdParams, querystring: ControlQuery } },
    async (request) => service.controlPage(ctx, requireActor(request.actor), request.params.id, request.query),
  );

  app.get(
    '/api/control/schools/:id/remarks',
    { config: { permission: 'control.read' }, schema: { tags, summary: 'A page of the school’s remarks, newest first (all kept)', params: IdParams, querystring: RemarkListQuery } },
    async (request) => service.schoolRemarks(ctx, requireActor(request.actor), request.params.id, request.query),
  );

  app.post(
    '/api/control/remarks',
    { config: { permission: 'control.remark' }, schema: { tags, summary: 'Write a remark to a teacher about a course', body: RemarkBody } },
    async (request, reply) => reply.status(201).send(await service.createRemark(ctx, requireActor(request.actor), request.body)),
  );

  app.get(
    '/api/control/my-remarks',
    { config: { permission: 'control.myRemarks' }, schema: { tags, summary: 'Remarks addressed to the signed-in teacher' } },
    async (request) => service.myRemarks(ctx, requireActor(request.actor)),
  );

  app.post(
    '/api/control/remarks/:id/done',
    { config: { permission: 'control.myRemarks' }, schema: { tags, summary: 'The teacher marks a remark done', params: IdParams } },
    async (request) => service.markDone(ctx, requireActor(request.actor), request.params.id),
  );
}
