import { Type } from 'typebox';
import { ActivationCodeView } from '../../../shared/contracts/accounts.js';
import { IdParams } from '../../../shared/contracts/common.js';
import {
  AppointBody,
  AppointmentsQuery,
  AppointmentView,
  ChildView,
  CreatedPersonView,
  CreateGuardianBody,
  CreateStaffBody,
  CreateStudentBody,
  GrantBody,
  GrantCreatedView,
  LeaveBody,
  LinkGuardianBody,
  PeopleList,
  PeopleQuery,
  PersonDetail,
  UpdatePersonBody,
} from '../../../shared/contracts/people.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as grants from './grants.service.js';
import * as service from './people.service.js';

export function peopleRoutes(app: App, ctx: AppContext): void {
  const tags = ['people'];

  app.get(
    '/api/schools/:id/people',
    { config: { permission: 'people.read' }, schema: { tags, summary: 'A school’s staff, students or guardians, with search', params: IdParams, querystring: PeopleQuery, response: { 200: PeopleList } } },
    async (request) => service.listPeople(ctx, requireActor(request.actor), request.params.id, request.query),
  );

  app.post(
    '/api/schools/:id/staff',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'Add a staff member (and their roles)', params: IdParams, body: CreateStaffBody, response: { 201: CreatedPersonView } } },
    async (request, reply) => reply.status(201).send(await service.createStaff(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.post(
    '/api/schools/:id/students',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'Enrol a new student', params: IdParams, body: CreateStudentBody, response: { 201: CreatedPersonView } } },
    async (request, reply) => reply.status(201).send(await service.createStudent(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.post(
    '/api/schools/:id/guardians',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'Add a guardian of a student', params: IdParams, body: CreateGuardianBody, response: { 201: CreatedPersonView } } },
    async (request, reply) => reply.status(201).send(await service.createGuardian(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.post(
    '/api/schools/:id/guardianships',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'Link a known person to a student as guardian', params: IdParams, body: LinkGuardianBody, response: { 201: CreatedPersonView } } },
    async (request, reply) => reply.status(201).send(await service.linkGuardian(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.get(
    '/api/people/:id',
    { config: { permission: 'people.read' }, schema: { tags, summary: 'A person with roles, enrolment history and relations', params: IdParams, response: { 200: PersonDetail } } },
    async (request) => service.getPerson(ctx, requireActor(request.actor), request.params.id),
  );

  app.patch(
    '/api/people/:id',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'Edit a person’s name, birth date and contacts', params: IdParams, body: UpdatePersonBody, response: { 200: PersonDetail } } },
    async (request) => service.updatePerson(ctx, requireActor(request.actor), request.params.id, request.body),
  );

  app.post(
    '/api/people/:id/leave',
    { config: { permission: 'people.manage' }, schema: { tags, summary: 'A student leaves the school or moves to another (history kept)', params: IdParams, body: LeaveBody, response: { 200: PersonDetail } } },
    async (request) => service.leave(ctx, requireActor(request.actor), request.params.id, request.body),
  );

  app.post(
    '/api/people/:id/activation-code',
    { config: { permission: 'accounts.reissue' }, schema: { tags, summary: 'Reset access: a new activation code, old code and password void', params: IdParams, response: { 200: ActivationCodeView } } },
    async (request) => service.reissueCode(ctx, requireActor(request.actor), request.params.id),
  );

  app.post(
    '/api/grants',
    { config: { permission: 'grants.manage' }, schema: { tags, summary: 'Give a person a role in a scope', body: GrantBody, response: { 201: GrantCreatedView } } },
    async (request, reply) => reply.status(201).send(await grants.giveGrant(ctx, requireActor(request.actor), request.body)),
  );

  app.delete(
    '/api/grants/:id',
    { config: { permission: 'grants.manage' }, schema: { tags, summary: 'Withdraw a role (the row is kept with its withdrawal)', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await grants.withdrawGrant(ctx, requireActor(request.actor), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/appointments',
    { config: { permission: 'grants.manage' }, schema: { tags, summary: 'Appoint a new person to a role (the order’s chain)', body: AppointBody, response: { 201: GrantCreatedView } } },
    async (request, reply) => reply.status(201).send(await grants.appoint(ctx, requireActor(request.actor), request.body)),
  );

  app.get(
    '/api/appointments',
    { config: { permission: 'grants.manage' }, schema: { tags, summary: 'Roles in force that the signed-in person may withdraw', querystring: AppointmentsQuery, response: { 200: Type.Array(AppointmentView) } } },
    async (request) => grants.listAppointments(ctx, requireActor(request.actor), request.query),
  );

  app.get(
    '/api/me/children',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'A guardian’s children (with consent on record), or a student’s own record', response: { 200: Type.Array(ChildView) } } },
    async (request) => grants.myChildren(ctx, requireActor(request.actor)),
  );

  app.get(
    '/api/children/:id',
    { config: { permission: 'children.read' }, schema: { tags, summary: 'One of the guardian’s children; 404 for anyone else’s', params: IdParams, response: { 200: ChildView } } },
    async (request) => grants.child(ctx, requireActor(request.actor), request.params.id),
  );
}
