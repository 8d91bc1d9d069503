import type { AppContext } from '../../server/context.js';
import type { BenchServer } from './server.js';
import type { LoadOptions, LoadResult } from './load.js';
import { load } from './load.js';
import { plainLimit } from './plain.js';
import { fmt, type Row } from './results.js';

/** What every scenario gets: the running server, cookies of bench users, and the run's settings. */
export interface BenchEnv {
  server: BenchServer;
  scale: number;
  duration: number;
  /** Session cookies by label (created in the working copy before the server starts). */
  cookies: Record<string, string>;
  /** Ids a scenario may need (e.g. a course, a pupil), found in the dataset before the server starts. */
  ids: Record<string, number>;
  /** The run's database file on SQLite (null on PostgreSQL), for baselines that write to it themselves. */
  sqliteFile: string | null;
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
 * in the same run: the route first, then the same body through /api/bench/static,
 * and with `plain` the same body from a plain node:http process (the machine limit).
 */
export async function againstBaseline(
  env: BenchEnv,
  path: string,
  cookie: string,
  options: Partial<LoadOptions> & { plain?: boolean; gzip?: boolean } = {},
): Promise<{ route: LoadResult; baseline: LoadResult; plain?: LoadResult; bytes: number }> {
  const { plain: withPlain, gzip = false, ...loadOptions } = options;
  const sample = await fetch(`${env.server.url}${path}`, { headers: { cookie } });
  if (!sample.ok) throw new Error(`${path} answered ${sample.status}: ${await sample.text()}`);
  const body = await sample.text();
  const put = await fetch(`${env.server.url}/api/bench/static`, {
    method: 'PUT',
    headers: { cookie: env.cookies.admin!, 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
    body: JSON.stringify({ json: body, gzip }),
  });
  if (put.status !== 204) throw new Error(`baseline payload refused: ${put.status}`);
  // A browser's request: with gzip, the route and both baselines answer the same compressed bytes.
  const headers = { cookie, ...(gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {}) };
  const common = { connections: 64, duration: env.duration, ...loadOptions, headers: { ...headers, ...loadOptions.headers } };
  const route = await load({ url: `${env.server.url}${path}`, ...common });
  const baseline = await load({ url: `${env.server.url}/api/bench/static`, ...common });
  const plain = withPlain ? await plainLimit(body, { duration: env.duration, gzip, headers }) : undefined;
  return { route, baseline, plain, bytes: Buffer.byteLength(body) };
}

export { load };

/** The table row of a plain node:http limit (see plain.ts), with the Little's-law floor of a closed loop's latency. */
export function plainRow(what: string, plain: LoadResult, connections = 64): Row {
  return {
    scenario: `machine limit: ${what} from plain node:http`,
    measured: `${fmt.rps(plain.rps)}, p99 ${fmt.ms(plain.p99)}`,
    target: 'no framework, session or database',
    verdict: 'info',
    note: `${connections} connections always busy: mean latency = ${connections} ÷ throughput (${fmt.ms((connections / plain.rps) * 1000)} here)`,
    rps: plain.rps,
  };
}
