/**
 * The demo-region server and Chromium for one journey file: started before its
 * first journey (in parallel), stopped after its last. Register it before any
 * beforeAll that seeds data, so that hook runs with the server up.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type E2eServer } from './server.js';

export interface JourneyEnvironment {
  server: E2eServer;
  browser: Browser;
}

export function journeyEnvironment(): JourneyEnvironment {
  const env = {} as JourneyEnvironment;
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
