import { Type } from 'typebox';
import { BackupNameParams, BackupRunView, BackupView } from '../../../shared/contracts/backup.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as service from './backup.service.js';

export function backupRoutes(app: App, ctx: AppContext): void {
  const tags = ['backup'];
  const config = { permission: 'backup.manage' as const };

  app.get(
    '/api/admin/backups',
    { config, schema: { tags, summary: 'Backups in the backup folder, newest first, with their verification', response: { 200: Type.Array(BackupView) } } },
    async (request) => service.listBackups(ctx, requireActor(request.actor)),
  );

  app.post(
    '/api/admin/backups',
    { config, schema: { tags, summary: 'Start a backup now (it runs in the background; poll the status)', response: { 202: BackupRunView } } },
    async (request, reply) => reply.status(202).send(service.startBackupNow(ctx, requireActor(request.actor))),
  );

  app.get(
    '/api/admin/backups/status',
    { config, schema: { tags, summary: 'Progress of the running (or last) backup', response: { 200: BackupRunView } } },
    async (request) => service.backupStatus(ctx, requireActor(request.actor)),
  );

  app.get(
    '/api/admin/backups/:name/download',
    { config, schema: { tags, summary: 'Download a backup file', params: BackupNameParams } },
    async (request, reply) => {
      const file = await service.openDownload(ctx, requireActor(request.actor), request.params.name);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.stream);
    },
  );
}
