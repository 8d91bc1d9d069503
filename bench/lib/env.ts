import type { AppContext } from '../../server/context.js';
import type { BenchServer } from './server.js';
import type { LoadOptions, LoadResult } from './load.js';
import { load } from './load.js';
import type { Row } from './results.js';

/** What every scenario gets: the running server, cookies of bench users, and the run's settings. */
export interface BenchEnv {
  server: BenchServer;
  scale: number;
  duration: number;
  /** Session cookies by label (created in the working copy before the server starts). */
  cookies: Record<string, string>;
  /** Ids a scenario may need (e.g. a course, a pupil), found in the dataset before the server starts. */
  ids: Record<string, number>;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  /** Also runs under `npm run bench -- --pg`. */
  postgres?: boolean;
  /** Optional: runs on the working copy before the server starts (bench users, ids a scenario needs). */
  prepare?(ctx: AppContext, cookies: Record<string, string>, ids: Record<string, number>): Promise<void>;
  run(env: BenchEnv): Promise<Row[]>;
}

/**
 * Measures a GET route against the serving limit of the same bytes from memory,
 * in the same run: the route first, then the same body through /api/bench/static.
 */
export async function againstBaseline(
  env: BenchEnv,
  path: string,
  cookie: string,
  options: Partial<LoadOptions> = {},
): Promise<{ route: LoadResult; baseline: LoadResult; bytes: number }> {
  const sample = await fetch(`${env.server.url}${path}`, { headers: { cookie } });
  if (!sample.ok) throw new Error(`${path} answered ${sample.status}: ${await sample.text()}`);
  const body = await sample.text();
  const put = await fetch(`${env.server.url}/api/bench/static`, {
    method: 'PUT',
    headers: { cookie: env.cookies.admin!, 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
    body: JSON.stringify({ json: body }),
  });
  if (put.status !== 204) throw new Error(`baseline payload refused: ${put.status}`);
  const common = { connections: 64, duration: env.duration, headers: { cookie }, ...options };
  const route = await load({ url: `${env.server.url}${path}`, ...common });
  const baseline = await load({ url: `${env.server.url}/api/bench/static`, ...common });
  return { route, baseline, bytes: Buffer.byteLength(body) };
}

export { load };
