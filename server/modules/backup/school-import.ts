/**
 * Imports a school export into this installation, under a municipality given
 * by the operator (a school moving from a municipal to the regional
 * installation). Every id is new: rows are inserted table by table in
 * foreign-key order, and every reference (declared foreign keys from the
 * schema's metadata, plus IMPLICIT_REFERENCES) is rewritten through the map
 * of old → new ids. One transaction: the import lands whole or not at all.
 *
 * Anything that chains or hashes rows (the journal's audit log) must therefore
 * hash content, never database ids: the ids change here, the content does not,
 * and rows are inserted in their original order (by source id), so a chain
 * re-verifies after the move.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { migrationList } from '../../db/migrations/index.js';
import { AppError } from '../../errors.js';
import { findMunicipality, insertRow, listColumns, listTables } from './backup.queries.js';
import { forgetDirectory } from '../structure/structure.service.js';
import { PLACEMENT_TABLES, schemaReferences, type Row, type SchoolExportManifest } from './school-export.js';
import { readTar } from './tar.js';

export class ImportRefused extends Error {}

export function readSchoolArchive(archive: Buffer): { manifest: SchoolExportManifest; tables: Map<string, Row[]> } {
  let entries;
  try {
    entries = readTar(gunzipSync(archive));
  } catch (error) {
    throw new ImportRefused(`this is not a readable school export (${(error as Error).message})`);
  }
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  if (!manifestEntry) throw new ImportRefused('the archive has no manifest.json: not an Otmetka school export');
  const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as SchoolExportManifest;
  if (manifest.program !== 'otmetka' || manifest.kind !== 'school-export' || manifest.format !== 1) {
    throw new ImportRefused('the archive is not an Otmetka school export of a known format');
  }
  const tables = new Map<string, Row[]>();
  for (const [table, info] of Object.entries(manifest.tables)) {
    const entry = entries.find((e) => e.name === `tables/${table}.jsonl`);
    if (!entry) throw new ImportRefused(`the archive lacks tables/${table}.jsonl`);
    if (createHash('sha256').update(entry.data).digest('hex') !== info.sha256) throw new ImportRefused(`tables/${table}.jsonl has been altered (checksum mismatch)`);
    const rows = entry.data.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
    if (rows.length !== info.rows) throw new ImportRefused(`tables/${table}.jsonl has ${rows.length} rows, the manifest says ${info.rows}`);
    tables.set(table, rows);
  }
  return { manifest, tables };
}

export interface ImportResult {
  schoolId: number;
  rows: Record<string, number>;
}

export async function importSchool(ctx: AppContext, archive: Buffer, target: { municipalityId: number }): Promise<ImportResult> {
  const { manifest, tables } = readSchoolArchive(archive);
  const known = Object.keys(migrationList(ctx.db.dialect));
  if (manifest.schemaVersion && !known.includes(manifest.schemaVersion)) {
    throw new ImportRefused(`the export is of a newer schema (${manifest.schemaVersion}): upgrade this installation first`);
  }
  const municipality = await findMunicipality(ctx.db.kysely, target.municipalityId);
  if (!municipality) throw new AppError('municipality_not_found', { field: '/body/municipalityId' });

  const present = await listTables(ctx.db);
  const columns = new Map<string, Set<string>>();
  for (const table of tables.keys()) {
    if (!present.includes(table)) throw new ImportRefused(`table ${table} does not exist in this installation`);
    columns.set(table, new Set((await listColumns(ctx.db, table)).map((c) => c.name)));
    for (const row of tables.get(table)!) for (const c of Object.keys(row)) if (!columns.get(table)!.has(c)) throw new ImportRefused(`column ${table}.${c} does not exist here`);
  }
  const refs = (await schemaReferences(ctx.db)).filter((f) => tables.has(f.table));
  const order = insertionOrder([...tables.keys()], refs);
  const placement: Record<string, number> = { regions: municipality.region_id, municipalities: municipality.id };

  const maps = new Map<string, Map<number, number>>();
  const counts: Record<string, number> = {};
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const table of order) {
        const map = new Map<number, number>();
        maps.set(table, map);
        const own = refs.filter((f) => f.table === table);
        const hasId = columns.get(table)!.has('id');
        for (const source of tables.get(table)!) {
          const row: Row = { ...source };
          delete row.id;
          for (const fk of own) {
            const old = row[fk.column];
            if (old == null) continue;
            if (PLACEMENT_TABLES.includes(fk.refTable)) row[fk.column] = placement[fk.refTable];
            else {
              const mapped = maps.get(fk.refTable)?.get(Number(old));
              if (mapped === undefined) throw new ImportRefused(`${table}.${fk.column} refers to ${fk.refTable} ${old}, which is not in the export`);
              row[fk.column] = mapped;
            }
          }
          const id = await insertRow(trx, table, row, hasId);
          if (hasId) map.set(Number(source.id), id!);
        }
        counts[table] = tables.get(table)!.length;
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ImportRefused(`a row of the export collides with one already here (${(error as Error).message})`);
    throw error;
  }
  forgetDirectory(ctx);
  return { schoolId: maps.get('schools')!.get(manifest.school.id)!, rows: counts };
}

/** Tables ordered so every referenced table comes before the tables that refer to it (self-references aside). */
export function insertionOrder(tables: string[], refs: Array<{ table: string; refTable: string }>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const r of refs) if (r.table === t && r.refTable !== t && tables.includes(r.refTable)) visit(r.refTable);
    visiting.delete(t);
    order.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return order;
}
