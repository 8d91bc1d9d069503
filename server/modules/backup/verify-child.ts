/**
 * Verification after a backup made by the running service happens in a child
 * process (`otmetka backup verify FILE --record`): the integrity check and the
 * registered verifiers are synchronous on SQLite and would otherwise hold the
 * live service's event loop for as long as they read the whole copy. The
 * child gets the same settings and writes the `.verified.json` beside the file.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Config } from '../../config.js';
import { cliCommand } from '../../paths.js';


function childEnv(config: Config): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: config.dataDir,
    DATABASE_URL: config.database.kind === 'sqlite' ? `sqlite:${config.database.file}` : config.database.url,
    BACKUP_DIR: config.backupDir,
    TZ: config.timeZone,
    SESSION_SECRET: config.sessionSecret,
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    ...(config.fixedNow ? { FIXED_NOW: config.fixedNow } : {}),
  };
}

export interface RecordedVerification {
  at: string;
  ok: boolean;
  problems: string[];
}

export async function verifyInChildProcess(config: Config, file: string): Promise<RecordedVerification> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...cliCommand(), 'backup', 'verify', file, '--record'], { env: childEnv(config), stdio: ['ignore', 'pipe', 'pipe'] });
    // Lowest CPU priority: the live service comes first on a small server.
    if (child.pid) {
      try {
        setPriority(child.pid, 19);
      } catch {
        /* not permitted: run at normal priority */
      }
    }
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  try {
    return JSON.parse(readFileSync(`${file}.verified.json`, 'utf8')) as RecordedVerification;
  } catch {
    throw new Error(`the verification process did not record a result: ${output.trim().slice(0, 500)}`);
  }
}
