import { createReadStream } from 'node:fs';
import { Type } from 'typebox';
import { IdParams } from '../../../shared/contracts/common.js';
import { ConsentView, CoverageView, RecordConsentBody, WithdrawConsentBody } from '../../../shared/contracts/consents.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as service from './consents.service.js';

export function consentsRoutes(app: App, ctx: AppContext): void {
  const tags = ['consents'];

  app.get(
    '/api/students/:id/consents',
    { config: { permission: 'consents.read' }, schema: { tags, summary: 'A student’s consents, withdrawn ones too', params: IdParams, response: { 200: Type.Array(ConsentView) } } },
    async (request) => service.listConsents(ctx, requireActor(request.actor), request.params.id),
  );

  app.post(
    '/api/students/:id/consents',
    { config: { permission: 'consents.manage' }, schema: { tags, summary: 'Record a guardian’s written consent', params: IdParams, body: RecordConsentBody, response: { 201: ConsentView } } },
    async (request, reply) => reply.status(201).send(await service.recordConsent(ctx, requireActor(request.actor), request.params.id, request.body)),
  );

  app.post(
    '/api/consents/:id/withdraw',
    { config: { permission: 'consents.manage' }, schema: { tags, summary: 'Withdraw a consent: the student’s and guardians’ accounts are blocked at once', params: IdParams, body: WithdrawConsentBody, response: { 200: ConsentView } } },
    async (request) => service.withdrawConsent(ctx, requireActor(request.actor), request.params.id, request.body),
  );

  app.put(
    '/api/consents/:id/scan',
    {
      config: { permission: 'consents.manage' },
      schema: { tags, summary: 'Upload the consent’s scan (PDF, JPEG or PNG, up to 5 MB; multipart field "file")', params: IdParams, consumes: ['multipart/form-data'], response: { 200: ConsentView } },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', { field: '/body/file' });
      const part = await request.file({ limits: { fileSize: service.scanLimit(ctx), files: 1 } });
      if (!part) throw new AppError('validation_failed', { field: '/body/file', detail: 'no file' });
      const data = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('scan_too_large', { field: '/body/file' });
        throw error;
      });
      return service.storeScan(ctx, requireActor(request.actor), request.params.id, { data, mimetype: part.mimetype });
    },
  );

  app.get(
    '/api/consents/:id/scan',
    { config: { permission: 'consents.read' }, schema: { tags, summary: 'The consent’s scan, for the school’s staff who may read consents', params: IdParams } },
    async (request, reply) => {
      const file = await service.scanFile(ctx, requireActor(request.actor), request.params.id);
      return reply
        .type(file.type)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="consent-${request.params.id}"`)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file.path));
    },
  );

  app.get(
    '/api/schools/:id/consent-coverage',
    { config: { permission: 'consents.coverage' }, schema: { tags, summary: 'Share of a school’s students with consent on record (counts only)', params: IdParams, response: { 200: CoverageView } } },
    async (request) => service.coverageForSchool(ctx, requireActor(request.actor), request.params.id),
  );
}
