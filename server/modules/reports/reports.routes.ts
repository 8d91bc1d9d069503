
import { Id, IdParams, Strict } from '../../../shared/contracts/common.js';
import { ArchiveJobBody, AttendanceQuery, ControlQuery, ReportCardQuery, ResultsQuery, TeacherReportQuery } from '../../../shared/contracts/reports.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as service from './reports.service.js';

export function reportsRoutes(app: App, ctx: AppContext): void {
  const tags = ['reports'];
  /** JSON, or the file with its type and name. */
  const send = <T>(reply: { type(t: string): { header(k: string, v: string): { send(b: unknown): unknown } } }, out: service.Rendered<T>) =>
    'json' in out ? out.json : reply.type(out.file.type).header('content-disposition', out.file.disposition).send(out.file.body);

  app.get(
    '/api/reports/schools/:id/options',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'Terms, classes, subjects and teachers the actor may report on', params: IdParams } },
    async (request) => service.options(ctx, requireActor(request.actor), request.params.id),
  );

  app.get(
    '/api/reports/classes/:id/results',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'Class results for a term or the year (format=json|xlsx|pdf)', params: IdParams, querystring: ResultsQuery } },
    async (request, reply) => send(reply, await service.classResultsReport(ctx, requireActor(request.actor), request.params.id, request.query)),
  );

  app.get(
    '/api/reports/subjects/:id/results',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'A subject across all classes of its school', params: IdParams, querystring: ResultsQuery } },
    async (request, reply) => send(reply, await service.subjectReport(ctx, requireActor(request.actor), request.params.id, request.query)),
  );

  app.get(
    '/api/reports/schools/:id/attendance',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'Attendance over a date range (a class per pupil, or the school per class)', params: IdParams, querystring: AttendanceQuery } },
    async (request, reply) => send(reply, await service.attendance(ctx, requireActor(request.actor), request.params.id, request.query)),
  );

  app.get(
    '/api/reports/schools/:id/teachers/:teacherId',
    {
      config: { permission: 'reports.read' },
      schema: { tags, summary: 'A teacher’s load and journal-keeping for a term', params: Strict({ id: Id, teacherId: Id }), querystring: TeacherReportQuery },
    },
    async (request, reply) => send(reply, await service.teacherReport(ctx, requireActor(request.actor), request.params.id, request.params.teacherId, request.query)),
  );

  app.get(
    '/api/reports/classes/:id/report-cards',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'Report cards of a class or one pupil (one page per pupil in the PDF)', params: IdParams, querystring: ReportCardQuery } },
    async (request, reply) => send(reply, await service.cards(ctx, requireActor(request.actor), request.params.id, request.query)),
  );

  app.get(
    '/api/reports/schools/:id/aggregate',
    { config: { permission: 'reports.aggregate' }, schema: { tags, summary: 'Pass rate, quality and СОУ per grade and subject, without names', params: IdParams, querystring: ControlQuery } },
    async (request) => service.aggregateRates(ctx, requireActor(request.actor), request.params.id, request.query.termId),
  );

  app.post(
    '/api/reports/classes/:id/archive',
    { config: { permission: 'reports.archive' }, schema: { tags, summary: 'Build and keep the year-end archive PDF of a class', params: IdParams } },
    async (request, reply) => reply.status(201).send(await service.archiveClass(ctx, requireActor(request.actor), request.params.id)),
  );

  app.post(
    '/api/reports/schools/:id/archive-jobs',
    { config: { permission: 'reports.archive' }, schema: { tags, summary: 'Queue the year-end archive of the whole school (a background job)', params: IdParams, body: ArchiveJobBody } },
    async (request, reply) => reply.status(202).send(await service.requestSchoolArchive(ctx, requireActor(request.actor), request.params.id, request.body?.yearId)),
  );

  app.get(
    '/api/reports/schools/:id/archive-jobs',
    { config: { permission: 'reports.archive' }, schema: { tags, summary: 'The school’s archive jobs with their progress', params: IdParams } },
    async (request) => service.archiveJobs(ctx, requireActor(request.actor), request.params.id),
  );

  app.get(
    '/api/reports/schools/:id/archives',
    { config: { permission: 'reports.archive' }, schema: { tags, summary: 'Finished archives with their SHA-256', params: IdParams } },
    async (request) => service.archives(ctx, requireActor(request.actor), request.params.id),
  );

  app.get(
    '/api/reports/archives/:id/file',
    { config: { permission: 'reports.archive' }, schema: { tags, summary: 'Download a finished archive', params: IdParams, querystring: Strict({}) } },
    async (request, reply) => {
      const file = await service.archiveFile(ctx, requireActor(request.actor), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-length', String(file.size))
        .header('content-disposition', file.disposition)
        .header('x-content-sha256', file.sha256)
        .send(file.stream);
    },
  );
}

