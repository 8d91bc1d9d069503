import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SERVER_ENV, SERVER_NODE_FLAGS } from './paths.js';

// The heap flags must be given on node's command line, so they are written out where users start the
// server (the start script, the README's production command) as well as here, for the benchmarks.
describe('the server’s heap flags', () => {
  const flags = SERVER_NODE_FLAGS.join(' ');
  it('are the same in `npm start` and in the README’s production command (with its environment)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${flags} `);
    const env = Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`${env} node ${flags} dist/server/server/cli/main.js serve`);
  });
});
