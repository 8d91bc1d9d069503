import { IdParams } from '../../../shared/contracts/common.js';
import { ConfirmBody, NotificationBody, SeenBody, StudentParams, TermQuery, WeekQuery } from '../../../shared/contracts/diary.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { sendKeptStart } from '../../http/json-body.js';
import type { App } from '../../http/types.js';
import * as service from './diary.service.js';

export function diaryRoutes(app: App, ctx: AppContext): void {
  const tags = ['diary'];

  app.get('/api/diary/children', { config: { permission: 'diary.read' }, schema: { tags, summary: 'The pupils the viewer may open (self or children)' } }, async (request) =>
    service.children(ctx, requireActor(request.actor)),
  );

  app.get(
    '/api/diary/students/:studentId/week',
    { config: { permission: 'diary.read' }, schema: { tags, summary: 'A pupil’s week (Monday–Saturday): lessons, homework, marks, attendance', params: StudentParams, querystring: WeekQuery } },
    async (request, reply) => {
      const answer = await service.week(ctx, requireActor(request.actor), request.params.studentId, request.query.week);
      return sendKeptStart(request, reply, answer.start, answer.end);
    },
  );

  app.get(
    '/api/diary/students/:studentId/subjects',
    { config: { permission: 'diary.read' }, schema: { tags, summary: 'Marks by subject for a term, averages, term and year marks', params: StudentParams, querystring: TermQuery } },
    async (request) => service.subjects(ctx, requireActor(request.actor), request.params.studentId, request.query.termId),
  );

  app.get(
    '/api/diary/students/:studentId/feed',
    { config: { permission: 'diary.read' }, schema: { tags, summary: 'The last two weeks: new marks, term marks, homework for tomorrow, corrections', params: StudentParams } },
    async (request) => service.feed(ctx, requireActor(request.actor), request.params.studentId),
  );

  app.post(
    '/api/diary/students/:studentId/seen',
    { config: { permission: 'diary.read' }, schema: { tags, summary: 'Move the viewer’s “seen up to” marker forward', params: StudentParams, body: SeenBody } },
    async (request) => service.seen(ctx, requireActor(request.actor), request.params.studentId, request.body.upTo),
  );

  app.post(
    '/api/diary/students/:studentId/confirmations',
    { config: { permission: 'diary.confirm' }, schema: { tags, summary: '«Дневник просмотрен»: confirm a week', params: StudentParams, body: ConfirmBody } },
    async (request) => service.confirmWeek(ctx, requireActor(request.actor), request.params.studentId, request.body.week),
  );

  app.get(
    '/api/diary/classes/:id/confirmations',
    { config: { permission: 'diary.class' }, schema: { tags, summary: 'Which guardians confirmed a week, for the class teacher', params: IdParams, querystring: WeekQuery } },
    async (request) => service.classConfirmations(ctx, requireActor(request.actor), request.params.id, request.query.week),
  );

  app.get('/api/diary/notifications', { config: { permission: 'diary.notifications' }, schema: { tags, summary: 'The guardian’s e-mail notice settings' } }, async (request) =>
    service.notificationSettings(ctx, requireActor(request.actor)),
  );

  app.put(
    '/api/diary/notifications',
    { config: { permission: 'diary.notifications' }, schema: { tags, summary: 'Choose instant notices, a daily or weekly digest, or none', body: NotificationBody } },
    async (request) => service.setNotificationMode(ctx, requireActor(request.actor), request.body.mode),
  );
}
