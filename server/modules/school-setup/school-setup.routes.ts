import { IdParams } from '../../../shared/contracts/common.js';
import {
  AddLessonBody,
  BellsBody,
  CalendarBody,
  ClassMemberBody,
  ClassTimetableBody,
  CreateClassBody,
  CoursePage,
  CoursesQuery,
  CreateCourseBody,
  CreateGroupBody,
  CreateYearBody,
  GenerateLessonsBody,
  GroupMemberBody,
  MoveLessonBody,
  SchoolParams,
  SubjectBody,
  SubstituteBody,
  UpdateClassBody,
  UpdateCourseBody,
  UpdateSubjectBody,
  WeekQuery,
} from '../../../shared/contracts/school-setup.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as memberships from './memberships.service.js';
import * as setup from './school-setup.service.js';
import * as timetable from './timetable.service.js';

export function schoolSetupRoutes(app: App, ctx: AppContext): void {
  const tags = ['school-setup'];
  const manage = { permission: 'setup.manage' as const };
  const read = { permission: 'timetable.read' as const };
  const lessons = { permission: 'lessons.manage' as const };

  app.get('/api/schools/:schoolId/setup', { config: manage, schema: { tags, summary: 'Years with terms and holidays, subjects, bells, staff', params: SchoolParams } }, async (r) =>
    setup.overview(ctx, requireActor(r.actor), r.params.schoolId),
  );
  app.post('/api/schools/:schoolId/years', { config: manage, schema: { tags, summary: 'Create an academic year with its terms and holidays', params: SchoolParams, body: CreateYearBody } }, async (r, reply) =>
    reply.status(201).send(await setup.createYear(ctx, requireActor(r.actor), r.params.schoolId, r.body)),
  );
  app.put('/api/years/:id/calendar', { config: manage, schema: { tags, summary: 'Replace a year’s terms and holidays', params: IdParams, body: CalendarBody } }, async (r) =>
    setup.replaceCalendar(ctx, requireActor(r.actor), r.params.id, r.body),
  );

  app.get('/api/years/:id/classes', { config: read, schema: { tags, summary: 'Classes of a year', params: IdParams } }, async (r) => setup.listClasses(ctx, requireActor(r.actor), r.params.id));
  app.post('/api/years/:id/classes', { config: manage, schema: { tags, summary: 'Create a class', params: IdParams, body: CreateClassBody } }, async (r, reply) =>
    reply.status(201).send(await setup.createClass(ctx, requireActor(r.actor), r.params.id, r.body)),
  );
  app.get('/api/classes/:id', { config: manage, schema: { tags, summary: 'A class with pupils, groups and courses', params: IdParams } }, async (r) => setup.classDetail(ctx, requireActor(r.actor), r.params.id));
  app.patch('/api/classes/:id', { config: manage, schema: { tags, summary: 'Change a class’s shift or class teacher', params: IdParams, body: UpdateClassBody } }, async (r) =>
    setup.updateClass(ctx, requireActor(r.actor), r.params.id, r.body),
  );
  app.post('/api/classes/:id/members', { config: manage, schema: { tags, summary: 'Put a pupil into a class from a date (a move closes the old class)', params: IdParams, body: ClassMemberBody } }, async (r, reply) =>
    reply.status(201).send(await memberships.addClassMember(ctx, requireActor(r.actor), r.params.id, r.body)),
  );
  app.post('/api/classes/:id/groups', { config: manage, schema: { tags, summary: 'Create a group of a class', params: IdParams, body: CreateGroupBody } }, async (r, reply) =>
    reply.status(201).send(await memberships.createGroup(ctx, requireActor(r.actor), r.params.id, r.body)),
  );
  app.post('/api/groups/:id/members', { config: manage, schema: { tags, summary: 'Put a pupil into a group from a date', params: IdParams, body: GroupMemberBody } }, async (r, reply) =>
    reply.status(201).send(await memberships.addGroupMember(ctx, requireActor(r.actor), r.params.id, r.body)),
  );

  app.post('/api/schools/:schoolId/subjects', { config: manage, schema: { tags, summary: 'Create a subject', params: SchoolParams, body: SubjectBody } }, async (r, reply) =>
    reply.status(201).send(await setup.createSubject(ctx, requireActor(r.actor), r.params.schoolId, r.body)),
  );
  app.patch('/api/subjects/:id', { config: manage, schema: { tags, summary: 'Change a subject’s name or settings', params: IdParams, body: UpdateSubjectBody } }, async (r) =>
    setup.updateSubject(ctx, requireActor(r.actor), r.params.id, r.body),
  );

  app.get('/api/years/:id/courses', { config: read, schema: { tags, summary: 'A page of a year’s courses (by class, then subject), optionally of one class or searched by subject or teacher', params: IdParams, querystring: CoursesQuery, response: { 200: CoursePage } } }, async (r) =>
    setup.listCourses(ctx, requireActor(r.actor), r.params.id, r.query),
  );
  app.post('/api/years/:id/courses', { config: manage, schema: { tags, summary: 'Create a course (class or group × subject × teachers)', params: IdParams, body: CreateCourseBody } }, async (r, reply) =>
    reply.status(201).send(await setup.createCourse(ctx, requireActor(r.actor), r.params.id, r.body)),
  );
  app.patch('/api/courses/:id', { config: manage, schema: { tags, summary: 'Change a course’s teachers or hours', params: IdParams, body: UpdateCourseBody } }, async (r) =>
    setup.updateCourse(ctx, requireActor(r.actor), r.params.id, r.body),
  );

  app.put('/api/schools/:schoolId/bells', { config: manage, schema: { tags, summary: 'Replace the bell schedule of a shift', params: SchoolParams, body: BellsBody } }, async (r) =>
    setup.replaceBells(ctx, requireActor(r.actor), r.params.schoolId, r.body),
  );

  app.get('/api/classes/:id/timetable', { config: manage, schema: { tags, summary: 'A class’s weekly timetable for the editor, with clashes', params: IdParams } }, async (r) =>
    timetable.classTimetable(ctx, requireActor(r.actor), r.params.id),
  );
  app.post('/api/classes/:id/timetable/check', { config: manage, schema: { tags, summary: 'Clashes of a draft week, nothing saved', params: IdParams, body: ClassTimetableBody } }, async (r) =>
    timetable.checkClassTimetable(ctx, requireActor(r.actor), r.params.id, r.body),
  );
  app.put('/api/classes/:id/timetable', { config: manage, schema: { tags, summary: 'Save a class’s week and regenerate its future lessons', params: IdParams, body: ClassTimetableBody } }, async (r) =>
    timetable.saveClassTimetable(ctx, requireActor(r.actor), r.params.id, r.body),
  );
  app.post('/api/years/:id/lessons/generate', { config: manage, schema: { tags, summary: 'Generate the lessons of a year from the timetable', params: IdParams, body: GenerateLessonsBody } }, async (r) =>
    timetable.generateLessons(ctx, requireActor(r.actor), r.params.id, r.body),
  );

  app.post('/api/lessons/:id/move', { config: lessons, schema: { tags, summary: 'Move one lesson', params: IdParams, body: MoveLessonBody } }, async (r) =>
    timetable.moveLesson(ctx, requireActor(r.actor), r.params.id, r.body),
  );
  app.post('/api/lessons/:id/cancel', { config: lessons, schema: { tags, summary: 'Cancel one lesson', params: IdParams } }, async (r) =>
    timetable.setLessonStatus(ctx, requireActor(r.actor), r.params.id, 'cancelled'),
  );
  app.post('/api/lessons/:id/restore', { config: lessons, schema: { tags, summary: 'Restore a cancelled lesson', params: IdParams } }, async (r) =>
    timetable.setLessonStatus(ctx, requireActor(r.actor), r.params.id, 'scheduled'),
  );
  app.put('/api/lessons/:id/teacher', { config: lessons, schema: { tags, summary: 'A substitute teacher for one lesson', params: IdParams, body: SubstituteBody } }, async (r) =>
    timetable.substitute(ctx, requireActor(r.actor), r.params.id, r.body),
  );
  app.post('/api/courses/:id/lessons', { config: lessons, schema: { tags, summary: 'Add one lesson to a course', params: IdParams, body: AddLessonBody } }, async (r, reply) =>
    reply.status(201).send(await timetable.addLesson(ctx, requireActor(r.actor), r.params.id, r.body)),
  );

  app.get('/api/week', { config: read, schema: { tags, summary: 'A week of lessons of a class or a teacher (read-only timetable)', querystring: WeekQuery } }, async (r) =>
    timetable.week(ctx, requireActor(r.actor), r.query),
  );
}
