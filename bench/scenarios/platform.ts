import { gzipSync } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { againstBaseline, type Scenario } from '../lib/env.js';
import { fmt, type Row } from '../lib/results.js';

const WEB = join(import.meta.dirname, '..', '..', 'dist', 'web');

/** The public directory (every municipality and school of the region): a read that grows with the region, not with marks. */
export const directoryRead: Scenario = {
  name: 'directory',
  async run(env) {
    const { route, baseline, bytes } = await againstBaseline(env, '/api/public/directory', env.cookies.admin!, { gzip: true });
    const ratio = route.rps / baseline.rps;
    return [
      {
        scenario: 'baseline: same bytes from memory',
        measured: `${fmt.rps(baseline.rps)}, p99 ${fmt.ms(baseline.p99)}`,
        target: 'serving limit',
        verdict: '1.00',
        note: `${fmt.kb(bytes)} of JSON, ${fmt.kb(baseline.bytesPerRequest)} as sent (gzip), 64 connections`,
      },
      {
        scenario: 'public directory read',
        measured: `${fmt.rps(route.rps)}, p99 ${fmt.ms(route.p99)}`,
        target: '—',
        verdict: `${ratio.toFixed(2)} of baseline`,
        note: `errors ${route.errors + route.non2xx}`,
      },
    ];
  },
};

/** Size of what the browser downloads for the first route: index.html and the assets it references, gzipped. */
export function firstRouteSize(): Row {
  const index = join(WEB, 'index.html');
  if (!existsSync(index)) return { scenario: 'web first route (gzip)', measured: 'not built', target: '≤ 250 KB', verdict: 'n/a' };
  const html = readFileSync(index, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const total = [html, ...assets.map((a) => readFileSync(join(WEB, a)))].reduce((n, content) => n + gzipSync(content).length, 0);
  return {
    scenario: 'web first route (gzip)',
    measured: fmt.kb(total),
    target: '≤ 250 KB',
    verdict: total <= 250 * 1024 ? 'met' : 'missed',
    note: `${assets.length} assets`,
  };
}
