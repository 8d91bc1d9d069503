import { Type } from 'typebox';
import { IdParams } from '../../../shared/contracts/common.js';
import {
  CreateMunicipalityBody,
  CreateRegionBody,
  CreateSchoolBody,
  DirectoryView,
  MunicipalityView,
  PublicSchoolView,
  RegionView,
  SchoolView,
  UpdateSchoolBody,
} from '../../../shared/contracts/structure.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { sendKeptJson } from '../../http/json-body.js';
import type { App } from '../../http/types.js';
import * as service from './structure.service.js';

export function structureRoutes(app: App, ctx: AppContext): void {
  const tags = ['structure'];

  app.get(
    '/api/public/directory',
    { config: { permission: 'public' }, schema: { tags, summary: 'Regions, municipalities and schools (names only)', response: { 200: DirectoryView } } },
    // Already JSON text with its gzip (kept by the service), sent as it is; the schema documents its shape.
    async (request, reply) => sendKeptJson(request, reply, await service.directoryJson(ctx)),
  );

  app.get(
    '/api/public/schools/:id',
    { config: { permission: 'public' }, schema: { tags, summary: 'A school’s public page', params: IdParams, response: { 200: PublicSchoolView } } },
    async (request) => service.publicSchool(ctx, request.params.id),
  );

  app.post(
    '/api/regions',
    { config: { permission: 'region.manage' }, schema: { tags, summary: 'Create a region', body: CreateRegionBody, response: { 201: RegionView } } },
    async (request, reply) => reply.status(201).send(await service.createRegion(ctx, requireActor(request.actor), request.body)),
  );

  app.post(
    '/api/regions/:id/municipalities',
    {
      config: { permission: 'municipality.manage' },
      schema: { tags, summary: 'Create a municipality (МОУО) in a region', params: IdParams, body: CreateMunicipalityBody, response: { 201: MunicipalityView } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createMunicipality(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.post(
    '/api/municipalities/:id/schools',
    {
      config: { permission: 'school.manage' },
      schema: { tags, summary: 'Register a school in a municipality', params: IdParams, body: CreateSchoolBody, response: { 201: SchoolView } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createSchool(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.get(
    '/api/schools',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'Schools the signed-in person administers', response: { 200: Type.Array(SchoolView) } } },
    async (request) => service.listSchoolsFor(ctx, requireActor(request.actor)),
  );

  app.patch(
    '/api/schools/:id',
    {
      config: { permission: 'school.settings' },
      schema: { tags, summary: 'Change a school’s name, address, public text or settings', params: IdParams, body: UpdateSchoolBody, response: { 200: SchoolView } },
    },
    async (request) => service.updateSchool(ctx, requireActor(request.actor), request.params.id, request.body),
  );
}
