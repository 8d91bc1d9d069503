/** `otmetka backup …` and `otmetka restore …`: the same service functions as the admin's page. */
import { resolve } from 'node:path';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { backupVerifiers } from '../backup-verifiers.js';
import type { AppContext } from '../context.js';
import * as backup from '../modules/backup/backup.service.js';
import { restoreBackup } from '../modules/backup/restore.js';
import type { VerifyReport } from '../modules/backup/verify.js';
import { verifyBackupFile } from '../modules/backup/verify.js';
import { systemActor } from '../policy/actor.js';
import { CliError, parseFlags, RefusedError } from './args.js';

function printReport(report: VerifyReport): void {
  for (const check of report.checks) {
    if (check.problems.length === 0) console.log(`  ok    ${check.name}`);
    else for (const p of check.problems) console.log(`  FAIL  ${check.name}: ${p}`);
  }
}

async function withCtx<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close().catch(() => undefined);
  }
}

function human(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function backupCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseFlags(argv);
  const [sub, file] = positional;
  if (sub === undefined) {
    await withCtx(async (ctx) => {
      const made = await backup.makeBackup(ctx, 'manual');
      console.log(`backup written: ${made.file} (${human(made.manifest.payloadBytes)})`);
      const report = await backup.verifyAndRecord(ctx, made.file, backupVerifiers());
      printReport(report);
      if (!report.ok) throw new RefusedError('the new backup did not verify');
    });
    return;
  }
  if (sub === 'list') {
    await withCtx(async (ctx) => {
      const list = await backup.listBackups(ctx, systemActor);
      if (list.length === 0) console.log(`no backups in ${ctx.config.backupDir}`);
      for (const b of list) {
        const verified = b.verified === null ? 'not verified' : b.verified.ok ? `verified ${b.verified.at}` : 'VERIFICATION FAILED';
        console.log(`${b.name}  ${b.createdAt}  ${human(b.sizeBytes)}  ${b.reason}  ${verified}`);
      }
    });
    return;
  }
  if (sub === 'verify') {
    if (!file) throw new CliError('usage: otmetka backup verify FILE');
    await withCtx(async (ctx) => {
      // --record: the service's own backups are verified this way, in a process apart, and the outcome kept beside the file.
      const report = flags.record ? await backup.verifyAndRecord(ctx, resolve(file), backupVerifiers()) : await verifyBackupFile(ctx, resolve(file), backupVerifiers());
      console.log(`${report.ok ? 'VERIFIED' : 'REFUSED'}: ${file}${report.manifest ? ` (made ${report.manifest.createdAt}, schema ${report.manifest.schemaVersion})` : ''}`);
      printReport(report);
      if (!report.ok) throw new RefusedError('the backup did not verify');
    });
    return;
  }
  throw new CliError('usage: otmetka backup | backup list | backup verify FILE');
}

export async function restoreCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseFlags(argv);
  const file = positional[0];
  if (!file) throw new CliError('usage: otmetka restore FILE [--dry-run] [--no-switch]');
  await withCtx(async (ctx) => {
    const result = await restoreBackup(ctx, resolve(file), backupVerifiers(), {
      dryRun: flags['dry-run'] === true,
      switchOver: flags['no-switch'] !== true,
    });
    console.log(`${result.report.ok ? (flags['dry-run'] ? 'DRY RUN PASSED' : 'RESTORED') : 'REFUSED'}: ${file}`);
    printReport(result.report);
    for (const step of result.nextSteps) console.log(`→ ${step}`);
    if (!result.report.ok) throw new RefusedError('the backup was refused; the live database is untouched');
  });
}

export async function schoolCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseFlags(argv);
  const [sub, arg] = positional;
  const { exportSchool } = await import('../modules/backup/school-export.js');
  const { importSchool, ImportRefused } = await import('../modules/backup/school-import.js');
  const { readFileSync, writeFileSync } = await import('node:fs');
  if (sub === 'export') {
    const id = Number(arg);
    if (!Number.isInteger(id) || id <= 0) throw new CliError('usage: otmetka school export SCHOOL_ID [--out FILE]');
    await withCtx(async (ctx) => {
      const { archive, manifest } = await exportSchool(ctx, id);
      const out = resolve(typeof flags.out === 'string' ? flags.out : `school-${id}-${manifest.createdAt.slice(0, 10)}.tar.gz`);
      writeFileSync(out, archive);
      console.log(`exported "${manifest.school.name}" to ${out}`);
      for (const [table, info] of Object.entries(manifest.tables)) console.log(`  ${table}: ${info.rows}`);
      for (const [ref, n] of Object.entries(manifest.cleared)) console.log(`  cleared ${n} references ${ref} to rows outside the school`);
      for (const [table, n] of Object.entries(manifest.dropped)) console.log(`  left out ${n} rows of ${table} that belong elsewhere`);
    });
    return;
  }
  if (sub === 'import') {
    const municipalityId = Number(flags.municipality);
    if (!arg || !Number.isInteger(municipalityId) || municipalityId <= 0) throw new CliError('usage: otmetka school import FILE --municipality ID');
    await withCtx(async (ctx) => {
      try {
        const result = await importSchool(ctx, readFileSync(resolve(arg)), { municipalityId });
        console.log(`imported as school ${result.schoolId}`);
        for (const [table, n] of Object.entries(result.rows)) console.log(`  ${table}: ${n}`);
      } catch (error) {
        if (error instanceof ImportRefused) throw new RefusedError(`REFUSED: ${error.message}; nothing was imported`);
        if ((error as { code?: string }).code === 'municipality_not_found') throw new RefusedError(`REFUSED: there is no municipality ${municipalityId} here`);
        throw error;
      }
    });
    return;
  }
  throw new CliError('usage: otmetka school export SCHOOL_ID [--out FILE] | school import FILE --municipality ID');
}
