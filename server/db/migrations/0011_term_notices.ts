import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0011_term_notices = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // What each guardian was told of a term or year mark (e-mail notices and digests, issue 6).
    // Term and year marks are deleted for real when cleared, so the mark's id is set to NULL
    // then and the row keeps the cell (course, period, pupil) and the value the guardian knows.
    await withId(dialect, db.schema.createTable('term_mark_notices'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('term_mark_id', 'integer', (c) => c.references('term_marks.id').onDelete('set null'))
      .addColumn('year_mark_id', 'integer', (c) => c.references('year_marks.id').onDelete('set null'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id').onDelete('cascade'))
      .addColumn('term_id', 'integer', (c) => c.references('terms.id').onDelete('cascade'))
      .addColumn('academic_year_id', 'integer', (c) => c.references('academic_years.id').onDelete('cascade'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('guardian_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // One notice per version of a mark and guardian: a rescan or a second job process cannot tell twice.
      // They also serve the ON DELETE SET NULL lookups when the journal clears a mark.
      .addUniqueConstraint('term_mark_notices_once', ['term_mark_id', 'version', 'guardian_person_id'])
      .addUniqueConstraint('year_mark_notices_once', ['year_mark_id', 'version', 'guardian_person_id'])
      .execute();
    await db.schema.createIndex('term_mark_notices_student').on('term_mark_notices').columns(['student_person_id', 'course_id']).execute();
    await db.schema.createIndex('term_mark_notices_school').on('term_mark_notices').column('school_id').execute();

    // The notice job reads term and year marks set or changed since its watermark (updated_at
    // moves on every change); without these it would scan every term mark of the region.
    await db.schema.createIndex('term_marks_updated_at').on('term_marks').column('updated_at').execute();
    await db.schema.createIndex('year_marks_updated_at').on('year_marks').column('updated_at').execute();
  },
});
