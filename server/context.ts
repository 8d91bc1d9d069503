import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/dialect.js';

/** What every service function receives first: no globals, no DI container. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
}
