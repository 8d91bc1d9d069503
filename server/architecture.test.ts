/**
 * The import rules of docs/ARCHITECTURE.md, checked on the source text:
 * shared/ imports nothing of ours, web/ only shared/, server/ only shared/;
 * a module reaches another module only through its *.service.ts; and no
 * import circles (type-only imports vanish at build time, so they may).
 * Also the layering's last step: inside server/modules/ only *.queries.ts
 * files build or run SQL.
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

/** Building or running SQL: Kysely chains, `sql` templates and helpers, raw better-sqlite3 or pg statements, pragmas. */
const SQL_PATTERN =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\(|\bsql(?:<[^`\n]*>)?`|\bsql\.(?:raw|ref|table|join|lit|id|val)\(|\.(?:prepare|query|pragma)(?:<[^(\n]*>)?\(/;

/** Tests and their fixtures build rows directly: they are not the application's layering. */
const TEST_SUPPORT = /(\.test|-fixtures?|\.test-support)\.ts$/;

/**
 * Module files that keep SQL on purpose, each outside Kysely and the queries
 * layer's reach. Add to this list only with a reason.
 */
const SQL_OUTSIDE_QUERIES: Record<string, string> = {
  // A worker thread in plain JS with its own better-sqlite3 connection to a backup copy (it cannot import TypeScript under node).
  'server/modules/backup/copy-worker.mjs': 'worker thread',
  // A pg.Client that holds the exported snapshot open while pg_dump runs, and create/drop database on the maintenance connection.
  'server/modules/backup/pg-engine.ts': 'pg_dump snapshot connection',
  // Opens a backup copy's own connection (foreign_keys = ON), as server/db/ does for the live database.
  'server/modules/backup/sqlite-engine.ts': 'copy connection setup',
};

/** Files (path → text) other than *.queries.ts, tests and fixtures whose text builds or runs SQL. */
export function sqlOutsideQueries(files: Map<string, string>): string[] {
  return [...files]
    .filter(([path, text]) => !path.endsWith('.queries.ts') && !TEST_SUPPORT.test(path) && SQL_PATTERN.test(text))
    .map(([path]) => path)
    .sort();
}

function moduleSources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(tsx?|mjs|js)$/.test(name)) files.set(relative(ROOT, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(ROOT, 'server', 'modules'));
  return files;
}

describe('SQL lives in *.queries.ts (docs/ARCHITECTURE.md)', () => {
  it('no other module file builds or runs SQL, apart from the listed exceptions', () => {
    const sources = moduleSources();
    expect(sources.size).toBeGreaterThan(100);
    const found = sqlOutsideQueries(sources);
    expect(found.filter((path) => !(path in SQL_OUTSIDE_QUERIES))).toEqual([]);
    // An exception whose file no longer holds SQL (or no longer exists) is dropped from the list.
    expect(Object.keys(SQL_OUTSIDE_QUERIES).filter((path) => !found.includes(path))).toEqual([]);
  });

  it('finds SQL when a service builds it', () => {
    const files = new Map([
      ['server/modules/a/a.service.ts', "await ctx.db.kysely.selectFrom('persons').selectAll().execute();"],
      ['server/modules/b/b.service.ts', 'await sql<{ n: number }>`select 1 as n`.execute(db);'],
      ['server/modules/c/c.ts', "db.prepare('select 1').get();"],
      ['server/modules/d/d.queries.ts', "db.selectFrom('persons')"],
      ['server/modules/e/e-fixture.ts', "db.insertInto('persons')"],
      ['server/modules/f/f.service.ts', 'const m = /x/.exec(text); return q.findPerson(db, id);'],
    ]);
    expect(sqlOutsideQueries(files)).toEqual(['server/modules/a/a.service.ts', 'server/modules/b/b.service.ts', 'server/modules/c/c.ts']);
  });
});
