/**
 * Everything of one school as a portable archive (.tar.gz of JSON lines per
 * table, a manifest and SHA-256 checksums), found generically from the schema:
 *
 *  1. the school's row, and every row of every table with a `school_id` column
 *     equal to the school's id (the sharding key of design.md);
 *  2. rows that those rows reference through NOT NULL foreign keys in tables
 *     without `school_id` (persons: staff, pupils, guardians), to a fixpoint;
 *  3. rows of tables without `school_id` all of whose foreign keys point into
 *     the export (accounts of those persons), to a fixpoint;
 *  4. references to regions and municipalities are kept as they are: the import
 *     places the school under a municipality of the target installation;
 *  5. a nullable reference to a row outside the export is cleared (e.g. the
 *     region admin who granted a role), a NOT NULL one drops the row; both are
 *     counted in the manifest.
 *
 * Rows keep their source ids in the archive; the import remaps them all.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AppContext } from '../../context.js';
import { schemaVersion } from '../../db/migrate.js';
import { AppError } from '../../errors.js';
import { listColumns, listForeignKeys, listTables, MIGRATION_TABLES, rowsWhere, type ForeignKey } from './backup.queries.js';
import { writeTar } from './tar.js';

/** Live login sessions mean nothing in another installation; security events are the installation's own log. */
export const EXPORT_EXCLUDED_TABLES = ['sessions', 'security_events'];
/** Where a school sits: never exported, the import maps them onto the target's municipality and region. */
export const PLACEMENT_TABLES = ['regions', 'municipalities'];
/**
 * Integer references the schema does not declare as foreign keys, so the
 * generic remapping still rewrites them. Prefer a real FOREIGN KEY in new tables.
 */
export const IMPLICIT_REFERENCES: Array<{ table: string; column: string; refTable: string }> = [{ table: 'grants', column: 'class_id', refTable: 'classes' }];

export interface SchoolExportManifest {
  program: 'otmetka';
  kind: 'school-export';
  format: 1;
  createdAt: string;
  schemaVersion: string | null;
  school: { id: number; name: string };
  tables: Record<string, { rows: number; sha256: string }>;
  /** `table.column` → how many references to rows outside the export were cleared. */
  cleared: Record<string, number>;
  /** table → rows left out because a NOT NULL reference pointed outside the export. */
  dropped: Record<string, number>;
}

export type Row = Record<string, unknown>;

/** The schema's references (declared and implicit), for export and import alike. */
export async function schemaReferences(db: AppContext['db']): Promise<ForeignKey[]> {
  const fks = (await listForeignKeys(db)).filter((f) => f.refColumn === 'id');
  for (const ref of IMPLICIT_REFERENCES) {
    if (!fks.some((f) => f.table === ref.table && f.column === ref.column)) fks.push({ ...ref, refColumn: 'id', notNull: false });
  }
  return fks;
}

export async function exportSchool(ctx: AppContext, schoolId: number): Promise<{ archive: Buffer; manifest: SchoolExportManifest }> {
  const db = ctx.db;
  const tables = (await listTables(db)).filter((t) => !MIGRATION_TABLES.includes(t) && !EXPORT_EXCLUDED_TABLES.includes(t) && !PLACEMENT_TABLES.includes(t));
  const hasSchoolId = new Set<string>();
  for (const t of tables) if ((await listColumns(db, t)).some((c) => c.name === 'school_id')) hasSchoolId.add(t);
  const fks = (await schemaReferences(db)).filter((f) => tables.includes(f.table));

  const selected = new Map<string, Map<number, Row>>();
  const add = (table: string, rows: Row[]) => {
    let map = selected.get(table);
    if (!map) selected.set(table, (map = new Map()));
    let added = 0;
    for (const row of rows) if (!map.has(Number(row.id))) (map.set(Number(row.id), row), added++);
    return added;
  };
  const school = await rowsWhere(db, 'schools', 'id', [schoolId]);
  if (school.length === 0) throw new AppError('school_not_found', { field: '/params/id' });
  add('schools', school);
  for (const t of hasSchoolId) add(t, await rowsWhere(db, t, 'school_id', [schoolId]));

  // 2 and 3, to a fixpoint: pull referenced shared rows, then dependents of what is selected.
  for (let changed = true; changed; ) {
    changed = false;
    for (const fk of fks) {
      if (!fk.notNull || hasSchoolId.has(fk.refTable) || fk.refTable === 'schools' || !tables.includes(fk.refTable)) continue;
      const have = selected.get(fk.refTable) ?? new Map();
      const wanted = new Set<number>();
      for (const row of selected.get(fk.table)?.values() ?? []) {
        const v = row[fk.column];
        if (v != null && !have.has(Number(v))) wanted.add(Number(v));
      }
      if (wanted.size && add(fk.refTable, await rowsWhere(db, fk.refTable, 'id', [...wanted]))) changed = true;
    }
    for (const t of tables) {
      if (hasSchoolId.has(t) || t === 'schools') continue;
      const own = fks.filter((f) => f.table === t && tables.includes(f.refTable));
      if (own.length === 0) continue;
      for (const fk of own) {
        const ids = [...(selected.get(fk.refTable)?.keys() ?? [])];
        if (ids.length === 0) continue;
        const candidates = await rowsWhere(db, t, fk.column, ids);
        const inside = candidates.filter((row) => own.every((f) => row[f.column] == null || selected.get(f.refTable)?.has(Number(row[f.column]))));
        if (add(t, inside)) changed = true;
      }
    }
  }

  // 5: references that leave the export.
  const cleared: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  for (let changed = true; changed; ) {
    changed = false;
    for (const fk of fks) {
      if (PLACEMENT_TABLES.includes(fk.refTable)) continue;
      for (const [id, row] of selected.get(fk.table) ?? []) {
        const v = row[fk.column];
        if (v == null || selected.get(fk.refTable)?.has(Number(v))) continue;
        if (fk.notNull) {
          selected.get(fk.table)!.delete(id);
          dropped[fk.table] = (dropped[fk.table] ?? 0) + 1;
          changed = true;
        } else {
          selected.get(fk.table)!.set(id, { ...row, [fk.column]: null });
          cleared[`${fk.table}.${fk.column}`] = (cleared[`${fk.table}.${fk.column}`] ?? 0) + 1;
        }
      }
    }
  }

  const entries: Array<{ name: string; data: Buffer }> = [];
  const manifestTables: SchoolExportManifest['tables'] = {};
  for (const table of [...selected.keys()].sort()) {
    const rows = [...selected.get(table)!.values()].sort((a, b) => Number(a.id) - Number(b.id));
    const data = Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
    manifestTables[table] = { rows: rows.length, sha256: createHash('sha256').update(data).digest('hex') };
    entries.push({ name: `tables/${table}.jsonl`, data });
  }
  const now = ctx.clock.now();
  const manifest: SchoolExportManifest = {
    program: 'otmetka',
    kind: 'school-export',
    format: 1,
    createdAt: now.toISOString(),
    schemaVersion: await schemaVersion(db),
    school: { id: schoolId, name: String(school[0]!.name) },
    tables: manifestTables,
    cleared,
    dropped,
  };
  entries.unshift({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) });
  return { archive: gzipSync(writeTar(entries, now)), manifest };
}
