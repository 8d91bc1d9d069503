import { createContext } from '../bootstrap.js';
import { ConfigError, loadConfig } from '../config.js';
import { defaultYearStart, generateDemoRegion } from '../demo/generate.js';
import { CliError, numberFlag, parseFlags, RefusedError } from './args.js';
import { serve } from './serve.js';

const HELP = `otmetka <command>

  start                 build the web client if missing, create the demo region on an empty database, serve
  serve                 serve the API and the web client
  migrate               apply pending database migrations
  demo [--scale S] [--seed N]
                        create the demo region in an empty database (scale 0.001 … 1)
  check-config          read the configuration and list every problem
  create-admin [--surname S] [--name N]
                        make the installation's first admin account and print its activation code
  audit verify [--school ID]
                        walk the audit hash chains; name the first broken record of each
  backup                make a backup now (online) and verify it
  backup list           list the backups in BACKUP_DIR
  backup verify FILE    check a backup file apart from the live database
  restore FILE [--dry-run] [--no-switch]
                        restore a backup into a new database, then switch over (the old one is kept)
  school export ID [--out FILE]
                        everything of one school as a portable archive (.tar.gz)
  school import FILE --municipality ID
                        import a school export under a municipality of this installation
`;

/** Every command calls the same services as the HTTP routes. */
const commands: Record<string, (argv: string[]) => Promise<void>> = {
  async start() {
    await serve(loadConfig(), { demo: true, buildWeb: true });
  },
  async serve() {
    await serve(loadConfig(), { demo: false, buildWeb: false });
  },
  async migrate() {
    const ctx = await createContext(loadConfig(), { migrate: false });
    const { migrateToLatest } = await import('../db/migrate.js');
    const applied = await migrateToLatest(ctx.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is current');
    await ctx.db.close();
  },
  async demo(argv) {
    const { flags } = parseFlags(argv);
    const config = loadConfig();
    const scale = numberFlag(flags, 'scale', config.demoScale);
    if (!(scale > 0 && scale <= 1)) throw new CliError('--scale must be in (0, 1]');
    const ctx = await createContext(config);
    const region = await generateDemoRegion(ctx, {
      scale,
      seed: numberFlag(flags, 'seed', 75),
      yearStart: defaultYearStart(ctx.clock.now(), config.timeZone),
      log: (m) => console.log(m),
    });
    console.log(`demo region "${region.name}" created`);
    await ctx.db.close();
  },
  async 'create-admin'(argv) {
    const { flags } = parseFlags(argv);
    const text = (name: string, fallback: string) => {
      const v = flags[name];
      if (v === true) throw new CliError(`--${name} needs a value`);
      return (v ?? fallback).trim() || fallback;
    };
    const ctx = await createContext(loadConfig());
    const { createFirstAdmin } = await import('../modules/people/grants.service.js');
    try {
      const admin = await createFirstAdmin(ctx, { surname: text('surname', 'Администратор'), name: text('name', 'Системы') });
      console.log(`activation code: ${admin.code}`);
      console.log(`valid until ${admin.expiresAt}; open /activate, enter the code, choose a login and a password`);
    } catch (error) {
      if ((error as { code?: string }).code === 'conflict') throw new CliError('an admin already exists; an admin appoints further admins in the web client');
      throw error;
    } finally {
      await ctx.db.close();
    }
  },
  async audit(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new CliError('usage: otmetka audit verify [--school ID]');
    const { flags } = parseFlags(rest);
    const ctx = await createContext(loadConfig());
    const { verifyAuditChains } = await import('../modules/journal/journal.service.js');
    const school = flags.school !== undefined ? numberFlag(flags, 'school', 0) : undefined;
    const report = await verifyAuditChains(ctx, school);
    await ctx.db.close();
    console.log(`audit: ${report.records} records in ${report.schools} school chain(s)`);
    if (report.broken.length === 0) {
      console.log('every chain verifies');
      return;
    }
    for (const b of report.broken) console.log(`BROKEN school ${b.schoolId}: first broken record seq ${b.seq} (id ${b.id}): ${b.problem}`);
    throw new AuditBroken();
  },
  // Loaded on demand, so other commands start no slower for them.
  backup: async (argv) => (await import('./backup.js')).backupCommand(argv),
  restore: async (argv) => (await import('./backup.js')).restoreCommand(argv),
  school: async (argv) => (await import('./backup.js')).schoolCommand(argv),
  async 'check-config'() {
    const config = loadConfig();
    console.log('configuration is valid');
    console.log(
      JSON.stringify(
        { ...config, sessionSecret: '***', database: config.database.kind === 'postgres' ? { kind: 'postgres' } : config.database },
        null,
        2,
      ),
    );
  },
};

class AuditBroken extends Error {}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(HELP);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    await command(rest);
    return 0;
  } catch (error) {
    if (error instanceof AuditBroken) return 3;
    if (error instanceof RefusedError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof CliError) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

const code = await runCli(process.argv.slice(2));
// serve/start keep the process alive through the listening socket.
if (!['serve', 'start'].includes(process.argv[2] ?? '') || code !== 0) process.exit(code);
