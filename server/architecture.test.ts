/**
 * The import rules of docs/ARCHITECTURE.md, checked on the source text:
 * shared/ imports nothing of ours, web/ only shared/, server/ only shared/;
 * a module reaches another module only through its *.service.ts; and no
 * import circles (type-only imports vanish at build time, so they may).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './paths.js';

/** Files of the three trees and the files each imports (value imports, relative paths only). */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.push(path);
    }
  };
  for (const tree of ['server', 'shared', 'web']) walk(join(ROOT, tree));
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const [, , typeOnly, spec] of readFileSync(file, 'utf8').matchAll(statement)) {
      // Type-only imports vanish at build time; stylesheets and data files are not modules of ours.
      if (typeOnly || /\.(css|json|svg|png)$/.test(spec!)) continue;
      const base = resolve(dirname(file), spec!).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => existsSync(p));
      if (!target) throw new Error(`${relative(ROOT, file)}: cannot resolve ${spec}`);
      targets.push(relative(ROOT, target));
    }
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan): each is an import circle. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const tree = (path: string) => path.split('/')[0];

describe('import rules (docs/ARCHITECTURE.md)', () => {
  it('reads the whole source', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('server/app.ts')).toContain('server/modules/journal/journal.routes.ts');
  });

  it('shared/ imports nothing of ours; web/ and server/ import only themselves and shared/', () => {
    const allowed: Record<string, string[]> = { shared: ['shared'], web: ['web', 'shared'], server: ['server', 'shared'] };
    expect(edges.filter(({ from, to }) => !allowed[tree(from)!]!.includes(tree(to)!))).toEqual([]);
  });

  it('a module uses another module only through its service (test fixtures aside)', () => {
    const moduleOf = (path: string) => /^server\/modules\/([^/]+)\//.exec(path)?.[1];
    const crossing = edges.filter(({ from, to }) => {
      const [a, b] = [moduleOf(from), moduleOf(to)];
      if (!a || !b || a === b) return false;
      if (/(\.test|-fixture)\.ts$/.test(from)) return false;
      return !to.endsWith('.service.ts');
    });
    expect(crossing).toEqual([]);
  });

  it('has no import circles', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const circular = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(circular)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
