import pino from 'pino';
import { fixedClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDb } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { consentCountsBySchool } from './modules/consents/consents.service.js';
import { registerConsentCoverage } from './modules/monitoring/monitoring.service.js';

/** Opens the database, applies pending migrations and returns the context every service takes. */
export async function createContext(config: Config, options: { clock?: Clock; migrate?: boolean } = {}): Promise<AppContext> {
  const logger = pino({ level: config.logLevel });
  const db = openDb(config.database);
  // Monitoring reads consent figures through the consents module; wired here, where both are known.
  registerConsentCoverage(consentCountsBySchool);
  const ctx: AppContext = { config, db, clock: options.clock ?? (config.fixedNow ? fixedClock(config.fixedNow) : systemClock), logger };
  if (options.migrate !== false) {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  return ctx;
}
