import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { grantRole, makeAccount, makePerson, makeRegionTree, makeSchool } from '../../test/factories.js';
import { makeCourseFixture, makeLessons } from '../../test/structure-factories.js';
import { exportSchool, PLACEMENT_TABLES, schemaReferences, type Row } from './school-export.js';
import { importSchool, ImportRefused, readSchoolArchive } from './school-import.js';
import { readTar, writeTar } from './tar.js';
import type { ForeignKey } from './backup.queries.js';

let source: TestEnv;
let target: TestEnv;
let schoolId: number;
let otherSchoolId: number;
let targetMunicipalityId: number;

beforeAll(async () => {
  [source, target] = await Promise.all([createTestEnv(), createTestEnv()]);
  const ctx = source.ctx;
  const tree = await makeRegionTree(ctx, 'src');
  schoolId = tree.school.id;
  otherSchoolId = (await makeSchool(ctx, tree.municipality.id, 'Соседняя школа')).id;
  await makeCourseFixture(ctx, otherSchoolId, { students: 2 }); // must stay behind
  const f = await makeCourseFixture(ctx, schoolId, { students: 3 });
  await makeLessons(ctx, { schoolId, courseId: f.courseId, termId: f.termIds[0]!, teacherPersonId: f.teacherPersonId, dates: ['2026-09-01', '2026-09-02'] });
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.insertInto('staff').values({ school_id: schoolId, person_id: f.teacherPersonId, position: 'учитель', started_on: '2020-09-01', ended_on: null }).execute();
  const guardian = await makePerson(ctx, { surname: 'Родителева' });
  await ctx.db.kysely.insertInto('guardianships').values({ school_id: schoolId, guardian_person_id: guardian, student_person_id: f.studentIds[0]!, relation: 'mother', created_at: now }).execute();
  const regionAdmin = await makePerson(ctx, { surname: 'Админов' });
  await grantRole(ctx, regionAdmin, 'admin');
  const grant = await grantRole(ctx, f.teacherPersonId, 'class_teacher', { schoolId, classId: f.classId });
  await ctx.db.kysely.updateTable('grants').set({ granted_by: regionAdmin }).where('id', '=', grant).execute();
  await makeAccount(ctx, f.studentIds[0]!, { login: 'pupil-moving', password: null });
  await makeAccount(ctx, regionAdmin, { login: 'region-admin', password: null });

  // The target installation already holds data, so every id shifts.
  const t = await makeRegionTree(target.ctx, 'dst');
  for (let i = 0; i < 5; i++) await makePerson(target.ctx);
  await makeCourseFixture(target.ctx, t.school.id, { students: 4 });
  targetMunicipalityId = t.municipality.id;
});
afterAll(async () => Promise.all([source.close(), target.close()]));

/** Ids replaced by each row's position in its table and references by the referenced row's position: equal for equal content. */
function canonical(tables: Map<string, Row[]>, refs: ForeignKey[]) {
  const position = new Map<string, Map<number, number>>();
  for (const [table, rows] of tables) position.set(table, new Map(rows.map((r, i) => [Number(r.id), i])));
  const out: Record<string, Row[]> = {};
  for (const [table, rows] of tables) {
    out[table] = rows.map((row) => {
      const copy: Row = { ...row, id: position.get(table)!.get(Number(row.id)) };
      for (const fk of refs.filter((f) => f.table === table)) {
        if (copy[fk.column] == null) continue;
        copy[fk.column] = PLACEMENT_TABLES.includes(fk.refTable) ? 'placed' : `${fk.refTable}#${position.get(fk.refTable)?.get(Number(copy[fk.column]))}`;
      }
      return copy;
    });
  }
  return out;
}

describe('school data export and import', () => {
  it('exports exactly one school, its people and their accounts, and nothing of the neighbour or the region admin', async () => {
    const { archive, manifest } = await exportSchool(source.ctx, schoolId);
    const { tables } = readSchoolArchive(archive);
    expect(manifest.school.id).toBe(schoolId);
    expect(tables.get('schools')!.map((s) => s.id)).toEqual([schoolId]);
    for (const [table, rows] of tables) if (rows[0] && 'school_id' in rows[0]) expect(rows.every((r) => r.school_id === schoolId), table).toBe(true);
    expect(manifest.tables.class_members!.rows).toBe(3);
    expect(manifest.tables.lessons!.rows).toBe(2);
    // 3 pupils, the teacher, the guardian; not the neighbour's people nor the admin who granted a role.
    expect(manifest.tables.persons!.rows).toBe(5);
    expect(tables.get('accounts')!.map((a) => a.login)).toEqual(['pupil-moving']);
    expect(manifest.cleared['grants.granted_by']).toBe(1);
    expect(tables.has('sessions')).toBe(false);
    expect(tables.has('kysely_migration')).toBe(false);
  });

  it('imports into another installation with every id remapped and the content identical', async () => {
    const { archive } = await exportSchool(source.ctx, schoolId);
    const result = await importSchool(target.ctx, archive, { municipalityId: targetMunicipalityId });
    expect(result.schoolId).not.toBe(schoolId);
    const school = await target.ctx.db.kysely.selectFrom('schools').selectAll().where('id', '=', result.schoolId).executeTakeFirstOrThrow();
    expect(school.municipality_id).toBe(targetMunicipalityId);
    expect(school.name).toBe('Школа src');

    const again = readSchoolArchive((await exportSchool(target.ctx, result.schoolId)).archive);
    const original = readSchoolArchive(archive);
    expect(Object.keys(again.manifest.tables)).toEqual(Object.keys(original.manifest.tables));
    // ids really changed…
    expect(again.tables.get('persons')!.map((p) => p.id)).not.toEqual(original.tables.get('persons')!.map((p) => p.id));
    // …and the content, references included, did not.
    const [a, b] = await Promise.all([schemaReferences(source.ctx.db), schemaReferences(target.ctx.db)]);
    expect(canonical(again.tables, b)).toEqual(canonical(original.tables, a));
    const grant = again.tables.get('grants')!.find((g) => g.role === 'class_teacher')!;
    expect(grant.class_id).toBe(again.tables.get('classes')![0]!.id);
  });

  it('refuses an altered archive, and a second import of the same school collides whole (nothing half-written)', async () => {
    const { archive } = await exportSchool(source.ctx, schoolId);
    const entries = readTar(gunzipSync(archive));
    const persons = entries.find((e) => e.name === 'tables/persons.jsonl')!;
    persons.data = Buffer.from(persons.data.toString().replace('Родителева', 'Подменова'));
    const forged = gzipSync(writeTar(entries, new Date()));
    await expect(importSchool(target.ctx, forged, { municipalityId: targetMunicipalityId })).rejects.toThrow('tables/persons.jsonl has been altered');
    await expect(importSchool(target.ctx, gzipSync('hello'), { municipalityId: targetMunicipalityId })).rejects.toBeInstanceOf(ImportRefused);

    const before = await target.ctx.db.kysely.selectFrom('persons').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(importSchool(target.ctx, archive, { municipalityId: targetMunicipalityId })).rejects.toThrow('collides');
    const after = await target.ctx.db.kysely.selectFrom('persons').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
