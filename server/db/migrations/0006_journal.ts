import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0006_journal = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    const school = (c: any) => c.notNull().references('schools.id');

    await withId(dialect, db.schema.createTable('work_types'))
      .addColumn('school_id', 'integer', school)
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('work_types_school_code', ['school_id', 'code'])
      .execute();

    await withId(dialect, db.schema.createTable('marks'))
      .addColumn('school_id', 'integer', school)
      .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('numeric', 'real')
      .addColumn('weight', 'real', (c) => c.notNull())
      .addColumn('work_type_id', 'integer', (c) => c.references('work_types.id'))
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('entered_by', 'integer', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('marks_lesson').on('marks').columns(['lesson_id', 'student_person_id']).execute();
    await db.schema.createIndex('marks_school_student').on('marks').columns(['school_id', 'student_person_id']).execute();

    await withId(dialect, db.schema.createTable('attendance'))
      .addColumn('school_id', 'integer', school)
      .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'integer', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('attendance_cell', ['lesson_id', 'student_person_id'])
      .execute();
    await db.schema.createIndex('attendance_school_student').on('attendance').columns(['school_id', 'student_person_id']).execute();

    await withId(dialect, db.schema.createTable('term_marks'))
      .addColumn('school_id', 'integer', school)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'integer', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('term_marks_cell', ['course_id', 'term_id', 'student_person_id'])
      .execute();

    await withId(dialect, db.schema.createTable('year_marks'))
      .addColumn('school_id', 'integer', school)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'integer', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('year_marks_cell', ['course_id', 'academic_year_id', 'student_person_id'])
      .execute();

    await withId(dialect, db.schema.createTable('term_locks'))
      .addColumn('school_id', 'integer', school)
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('class_id', 'integer', (c) => c.references('classes.id'))
      .addColumn('course_id', 'integer', (c) => c.references('courses.id'))
      .addColumn('locked_by', 'integer', (c) => c.notNull())
      .addColumn('locked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('term_locks_school_term').on('term_locks').columns(['school_id', 'term_id']).execute();

    await withId(dialect, db.schema.createTable('corrections'))
      .addColumn('school_id', 'integer', school)
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('audit_seq', 'integer', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_key', 'text', (c) => c.notNull())
      .addColumn('student_person_id', 'integer')
      .addColumn('lesson_id', 'integer')
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('made_by', 'integer', (c) => c.notNull())
      .addColumn('made_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_by', 'integer')
      .addColumn('acknowledged_at', 'text')
      .execute();
    await db.schema.createIndex('corrections_school_open').on('corrections').columns(['school_id', 'acknowledged_at']).execute();

    await withId(dialect, db.schema.createTable('homework_files'))
      .addColumn('school_id', 'integer', school)
      .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('storage_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'integer', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('homework_files_lesson').on('homework_files').column('lesson_id').execute();

    // Append-only, one hash chain per school. Rows are never updated or deleted.
    await withId(dialect, db.schema.createTable('audit_log'))
      .addColumn('school_id', 'integer', school)
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_person_id', 'integer', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_key', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('old_json', 'text')
      .addColumn('new_json', 'text')
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addUniqueConstraint('audit_log_school_seq', ['school_id', 'seq'])
      .execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['school_id', 'entity_key']).execute();

    // A revision per course and term, bumped by every journal write in the same transaction:
    // the grid's in-process cache is valid while the revision is unchanged.
    await db.schema
      .createTable('journal_revisions')
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('school_id', 'integer', school)
      .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('journal_revisions_pk', ['course_id', 'term_id'])
      .execute();
    await db.schema.createIndex('journal_revisions_school_term').on('journal_revisions').columns(['school_id', 'term_id']).execute();

    // The head of each school's chain, so appending never scans the log.
    await db.schema
      .createTable('audit_heads')
      .addColumn('school_id', 'integer', (c) => c.primaryKey().references('schools.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
  },
});
