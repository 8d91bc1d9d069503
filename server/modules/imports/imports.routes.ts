import { PassThrough } from 'node:stream';
import { Type } from 'typebox';
import { IdParams } from '../../../shared/contracts/common.js';
import { ClassList, ImportReport, LettersBody, SchoolKindParams, type ImportStreamLine } from '../../../shared/contracts/imports.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as exportsService from './export.service.js';
import * as service from './imports.service.js';
import * as letters from './letters.service.js';

/** The uploaded file of a multipart request (field `file`); oversize uploads end as 413 in the error handler. */
async function uploaded(request: { file: () => Promise<{ filename: string; toBuffer: () => Promise<Buffer> } | undefined> }): Promise<service.UploadedFile> {
  const part = await request.file();
  if (!part) throw new AppError('import_file_empty', { field: '/body/file' });
  return { filename: part.filename ?? '', bytes: await part.toBuffer() };
}

const multipartDoc = { consumes: ['multipart/form-data'] };

export function importsRoutes(app: App, ctx: AppContext): void {
  const tags = ['imports'];

  app.post(
    '/api/schools/:id/imports/:kind/check',
    {
      config: { permission: 'imports.run' },
      schema: { tags, summary: 'Dry run: every problem of an import file counted and summarised by column and code, the first ones listed by row and column, nothing written', params: SchoolKindParams, response: { 200: ImportReport }, ...multipartDoc },
    },
    async (request) => {
      const file = await uploaded(request);
      return service.checkImport(ctx, requireActor(request.actor), { schoolId: request.params.id, kind: request.params.kind, file });
    },
  );

  app.post(
    '/api/schools/:id/imports/:kind/run',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags,
        summary: 'Import a file all or nothing; answers NDJSON lines (progress…, then done or failed); 422 with the report when the file has problems',
        params: SchoolKindParams,
        ...multipartDoc,
      },
    },
    async (request, reply) => {
      const file = await uploaded(request);
      const stream = new PassThrough();
      const write = (line: ImportStreamLine) => stream.write(`${JSON.stringify(line)}\n`);
      let last = -1;
      const input = { schoolId: request.params.id, kind: request.params.kind, file };
      const { result } = await service.startRun(ctx, requireActor(request.actor), input, (done, total) => {
        // At most one line per percent, so a huge file does not flood the client.
        const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
        if (percent !== last) (last = percent), write({ type: 'progress', done, total });
      });
      result.then(
        (value) => {
          write({ type: 'done', result: value });
          stream.end();
        },
        (error: unknown) => {
          if (!(error instanceof AppError)) request.log.error({ err: error }, 'import failed');
          write({ type: 'failed', code: error instanceof AppError ? error.code : 'internal_error' });
          stream.end();
        },
      );
      return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(stream);
    },
  );

  app.get(
    '/api/schools/:id/exports/:kind',
    { config: { permission: 'exports.read' }, schema: { tags, summary: 'Export a list as XLSX in the import format (re-importable)', params: SchoolKindParams } },
    async (request, reply) => {
      const file = await exportsService.exportList(ctx, requireActor(request.actor), request.params.id, request.params.kind);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );

  app.get(
    '/api/schools/:id/letters/classes',
    { config: { permission: 'letters.print' }, schema: { tags, summary: 'Classes of the current year with pupils and accounts not yet activated', params: IdParams, response: { 200: ClassList } } },
    async (request) => letters.classesForLetters(ctx, requireActor(request.actor), request.params.id),
  );

  app.post(
    '/api/schools/:id/letters',
    {
      config: { permission: 'letters.print' },
      schema: {
        tags,
        summary: 'Activation letters (one PDF) for a class or the whole school; issues fresh codes, voiding earlier ones, for accounts not yet activated',
        params: IdParams,
        body: LettersBody,
        response: { 200: Type.Any() },
      },
    },
    async (request, reply) => {
      const pdf = await letters.printLetters(ctx, requireActor(request.actor), request.params.id, request.body);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.filename}"`)
        .header('x-letters-count', String(pdf.letters))
        .send(pdf.bytes);
    },
  );
}
