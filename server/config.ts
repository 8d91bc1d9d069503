import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The only place that reads the environment. Every problem is collected and
 * reported at once, so an operator fixes a bad configuration in one pass.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** The region's time zone: local school dates and scheduled jobs use it. */
  timeZone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionSecret: string;
  /** Create the demo region on first start of an empty database. */
  demoOnEmpty: boolean;
  demoScale: number;
  /**
   * Which peers may set the client address through X-Forwarded-For: `true`
   * (anyone: only behind a proxy that overwrites the header), `false`
   * (nobody), or proxy-addr's list of addresses, CIDRs and names.
   */
  trustProxy: boolean | string;
  /** Secure cookies: on when served behind HTTPS. */
  secureCookies: boolean;
  /** Largest request body in bytes (JSON); uploads have their own limits. */
  bodyLimit: number;
  /** Largest uploaded file in bytes (imports, homework files, consent scans). */
  uploadLimit: number;
  backupDir: string;
  /** Local hour (region's time zone) of the nightly backup; null turns the schedule off. */
  backupHour: number | null;
  /** How long daily, weekly, monthly and yearly copies are kept (server/modules/backup/rotation.ts). */
  backupRetention: { dailyDays: number; weeklyMonths: number; monthlyMonths: number; yearlyYears: number };
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  /** Freezes the server clock at this instant (e2e journeys and reproducible demos); null in real use. */
  fixedNow: string | null;
  /** Registers the benchmark's from-memory baseline route (bench/ only). */
  benchRoutes: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Env = Record<string, string | undefined>;

export interface LoadConfigOptions {
  /** Skip touching the disk (no folder creation, no secret file): for `check-config` dry runs and unit tests. */
  readOnly?: boolean;
  cwd?: string;
}

export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): Config {
  const problems: string[] = [];
  const cwd = options.cwd ?? process.cwd();

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}: "${raw}" is not a whole number between ${min} and ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}: "${raw}" is not a boolean (use true or false)`);
    return fallback;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const dataDir = resolve(cwd, env.DATA_DIR || 'data');

  let dataDirUsable = true;
  if (!options.readOnly) {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch (error) {
      dataDirUsable = false;
      problems.push(`DATA_DIR: the folder "${dataDir}" cannot be created or written (${(error as Error).message})`);
    }
  }

  let database: Config['database'] = { kind: 'sqlite', file: join(dataDir, 'otmetka.sqlite') };
  const url = env.DATABASE_URL;
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) {
      try {
        new URL(url);
        database = { kind: 'postgres', url };
      } catch {
        problems.push(`DATABASE_URL: "${redact(url)}" is not a valid URL`);
      }
    } else if (url.startsWith('sqlite:')) {
      const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
      if (!file) problems.push('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/otmetka.sqlite');
      else database = { kind: 'sqlite', file: isAbsolute(file) ? file : resolve(cwd, file) };
    } else {
      problems.push(
        `DATABASE_URL: "${redact(url)}" is not supported; use postgres://… for PostgreSQL or sqlite:PATH (default: an SQLite file under DATA_DIR)`,
      );
    }
  }

  const timeZone = env.TZ || 'Asia/Chita';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`TZ: "${timeZone}" is not a known IANA time zone (e.g. Asia/Chita)`);
  }

  const logLevelRaw = env.LOG_LEVEL || 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as Config['logLevel'])
    : (problems.push(`LOG_LEVEL: "${logLevelRaw}" is not one of ${LOG_LEVELS.join(', ')}`), 'info' as const);

  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET: must be at least 32 characters');
  }
  if (!sessionSecret && dataDirUsable) {
    sessionSecret = options.readOnly ? 'x'.repeat(64) : readOrCreateSecret(join(dataDir, 'session-secret'));
  }

  const demoScale = Number(env.DEMO_SCALE || '0.001');
  if (!(demoScale > 0 && demoScale <= 1)) problems.push(`DEMO_SCALE: "${env.DEMO_SCALE}" must be a number in (0, 1]`);

  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`PUBLIC_URL: "${publicUrl}" is not a valid URL`);
  }
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push(`SMTP_URL: "${redact(smtpUrl)}" must start with smtp:// or smtps://`);

  const fixedNow = env.FIXED_NOW || null;
  if (fixedNow && Number.isNaN(new Date(fixedNow).getTime())) problems.push(`FIXED_NOW: "${fixedNow}" is not an ISO instant`);

  const backupHourRaw = env.BACKUP_HOUR ?? '';
  const backupHour = backupHourRaw.toLowerCase() === 'off' ? null : int('BACKUP_HOUR', 2, 0, 23);

  // By default only a proxy on this machine or in a private network is believed about the client's
  // address: a client on the internet cannot choose the address its sign-in attempts are counted and logged under.
  const trustProxyRaw = (env.TRUST_PROXY ?? '').trim();
  let trustProxy: boolean | string = 'loopback,linklocal,uniquelocal';
  if (['true', 'false'].includes(trustProxyRaw.toLowerCase())) trustProxy = trustProxyRaw.toLowerCase() === 'true';
  else if (trustProxyRaw) {
    const entries = trustProxyRaw.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !['loopback', 'linklocal', 'uniquelocal'].includes(e) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(e));
    if (bad.length > 0) problems.push(`TRUST_PROXY: "${bad.join(', ')}" is not an address, a CIDR, loopback, linklocal or uniquelocal (or use true / false)`);
    else trustProxy = entries.join(',');
  }

  const config: Config = {
    port,
    host,
    dataDir,
    database,
    timeZone,
    logLevel,
    sessionSecret,
    demoOnEmpty: bool('DEMO', true),
    demoScale,
    trustProxy,
    secureCookies: bool('SECURE_COOKIES', publicUrl.startsWith('https://')),
    bodyLimit: int('BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadLimit: int('UPLOAD_LIMIT', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    backupDir: resolve(cwd, env.BACKUP_DIR || join(dataDir, 'backups')),
    backupHour,
    backupRetention: {
      dailyDays: int('BACKUP_KEEP_DAILY_DAYS', 30, 1, 3650),
      weeklyMonths: int('BACKUP_KEEP_WEEKLY_MONTHS', 3, 0, 120),
      monthlyMonths: int('BACKUP_KEEP_MONTHLY_MONTHS', 12, 0, 1200),
      yearlyYears: int('BACKUP_KEEP_YEARLY_YEARS', 5, 0, 100),
    },
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'Otmetka <no-reply@localhost>',
    publicUrl,
    fixedNow,
    benchRoutes: bool('BENCH_ROUTES', false),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
