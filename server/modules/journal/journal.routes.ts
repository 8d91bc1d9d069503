import { IdParams } from '../../../shared/contracts/common.js';
import { ClassWeekQuery, CorrectionsQuery, GridQuery, HistoryQuery, LessonPatch, LockBody, WriteBody, WriteResult } from '../../../shared/contracts/journal.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { sendKeptJson } from '../../http/json-body.js';
import type { App } from '../../http/types.js';
import * as service from './journal.service.js';

export function journalRoutes(app: App, ctx: AppContext): void {
  const tags = ['journal'];

  app.get(
    '/api/journal/courses/:id',
    { config: { permission: 'journal.read' }, schema: { tags, summary: 'The course journal for a term (compact grid)', params: IdParams, querystring: GridQuery } },
    async (request, reply) => sendKeptJson(request, reply, await service.grid(ctx, requireActor(request.actor), request.params.id, request.query.termId)),
  );

  app.post(
    '/api/journal/changes',
    { config: { permission: 'journal.write' }, schema: { tags, summary: 'Write marks, attendance, term and year marks (all or nothing; acknowledged after commit)', body: WriteBody, response: { 200: WriteResult } } },
    async (request) => service.writeChanges(ctx, requireActor(request.actor), request.body),
  );

  app.get(
    '/api/journal/lessons/:id',
    { config: { permission: 'journal.read' }, schema: { tags, summary: 'A lesson’s panel: topic, homework, files', params: IdParams } },
    async (request) => service.lessonView(ctx, requireActor(request.actor), request.params.id),
  );

  app.patch(
    '/api/journal/lessons/:id',
    { config: { permission: 'journal.write' }, schema: { tags, summary: 'Change a lesson’s topic, homework, work type or control flag', params: IdParams, body: LessonPatch } },
    async (request) => service.updateLesson(ctx, requireActor(request.actor), request.params.id, request.body),
  );

  app.post(
    '/api/journal/lessons/:id/files',
    { config: { permission: 'journal.write' }, schema: { tags, summary: 'Attach a homework file (multipart, field "file")', params: IdParams } },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', { field: '/body/file' });
      const part = await request.file();
      if (!part) throw new AppError('validation_failed', { field: '/body/file', detail: 'no file' });
      const data = await part.toBuffer().catch((error: { code?: string }) => {
        if (error?.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw error;
      });
      const file = { name: part.filename, data: data ?? Buffer.alloc(0), truncated: data === null || part.file.truncated };
      return reply.status(201).send(await service.uploadHomeworkFile(ctx, actor, request.params.id, file));
    },
  );

  app.get(
    '/api/journal/files/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'Download a homework file (lesson readers, its pupils and their guardians)', params: IdParams } },
    async (request, reply) => {
      const file = await service.readHomeworkFile(ctx, requireActor(request.actor), request.params.id);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );

  app.delete(
    '/api/journal/files/:id',
    { config: { permission: 'journal.write' }, schema: { tags, summary: 'Remove a homework file', params: IdParams } },
    async (request, reply) => {
      await service.deleteHomeworkFile(ctx, requireActor(request.actor), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/journal/history',
    { config: { permission: 'journal.read' }, schema: { tags, summary: 'Audit records of a cell, a lesson or a term mark', querystring: HistoryQuery } },
    async (request) => service.cellHistory(ctx, requireActor(request.actor), request.query),
  );

  app.get(
    '/api/journal/home',
    { config: { permission: 'journal.home' }, schema: { tags, summary: 'The teacher’s lessons today and lessons lacking a topic or attendance' } },
    async (request) => service.teacherHome(ctx, requireActor(request.actor)),
  );

  app.get(
    '/api/journal/classes/:id',
    { config: { permission: 'journal.class' }, schema: { tags, summary: 'The class across subjects, with the week’s attendance (read-only)', params: IdParams, querystring: ClassWeekQuery } },
    async (request) => service.classOverview(ctx, requireActor(request.actor), request.params.id, request.query.week),
  );

  app.get(
    '/api/journal/schools/:id/work-types',
    { config: { permission: 'journal.read' }, schema: { tags, summary: 'Work types with weights', params: IdParams } },
    async (request) => service.listWorkTypes(ctx, requireActor(request.actor), request.params.id),
  );

  app.get(
    '/api/journal/schools/:id/control',
    { config: { permission: 'journal.control' }, schema: { tags, summary: 'Terms, classes and term locks of a school (the deputy’s control page)', params: IdParams } },
    async (request) => service.controlOverview(ctx, requireActor(request.actor), request.params.id),
  );

  app.post(
    '/api/journal/schools/:id/locks',
    { config: { permission: 'journal.control' }, schema: { tags, summary: 'Lock a term for a course, a class or the school', params: IdParams, body: LockBody } },
    async (request, reply) => reply.status(201).send(await service.lockTerm(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.get(
    '/api/journal/schools/:id/corrections',
    { config: { permission: 'journal.control' }, schema: { tags, summary: 'A page of the corrections made after a lock, newest first (unacknowledged unless all=true)', params: IdParams, querystring: CorrectionsQuery } },
    async (request) => service.listCorrections(ctx, requireActor(request.actor), request.params.id, request.query),
  );

  app.post(
    '/api/journal/corrections/:id/acknowledge',
    { config: { permission: 'journal.control' }, schema: { tags, summary: 'Acknowledge a correction', params: IdParams } },
    async (request) => service.acknowledgeCorrection(ctx, requireActor(request.actor), request.params.id),
  );
}
