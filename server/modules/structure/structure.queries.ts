import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function insertRegion(db: Q, row: { name: string; code: string; time_zone: string; settings: string; created_at: string }) {
  return db.insertInto('regions').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertMunicipality(db: Q, row: { region_id: number; name: string; short_name: string; settings: string; created_at: string }) {
  return db.insertInto('municipalities').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertSchool(
  db: Q,
  row: { region_id: number; municipality_id: number; name: string; short_name: string; address: string; settings: string; created_at: string },
) {
  return db.insertInto('schools').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findRegion(db: Q, id: number) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMunicipality(db: Q, id: number) {
  return db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSchool(db: Q, id: number) {
  return db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateSchool(db: Q, id: number, patch: Partial<{ name: string; short_name: string; address: string; settings: string }>) {
  return db.updateTable('schools').set(patch).where('id', '=', id).execute();
}

export function listRegions(db: Q) {
  return db.selectFrom('regions').select(['id', 'name', 'code', 'time_zone']).orderBy('id').execute();
}

export function listMunicipalities(db: Q, regionId?: number) {
  let query = db.selectFrom('municipalities').select(['id', 'region_id', 'name', 'short_name']);
  if (regionId !== undefined) query = query.where('region_id', '=', regionId);
  return query.orderBy('name').execute();
}

export function listSchools(db: Q, filter: { regionId?: number; municipalityId?: number } = {}) {
  let query = db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name', 'address']);
  if (filter.regionId !== undefined) query = query.where('region_id', '=', filter.regionId);
  if (filter.municipalityId !== undefined) query = query.where('municipality_id', '=', filter.municipalityId);
  return query.orderBy('name').execute();
}

export function countRegions(db: Q) {
  return db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}
