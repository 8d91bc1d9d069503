import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0010_control_reports = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    const school = (c: any) => c.notNull().references('schools.id');

    // Remarks (замечания) of internal control: kept for good, closed by the teacher.
    await withId(dialect, db.schema.createTable('remarks'))
      .addColumn('school_id', 'integer', school)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('author_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .addColumn('done_by', 'integer')
      .execute();
    await db.schema.createIndex('remarks_school').on('remarks').columns(['school_id', 'created_at']).execute();
    await db.schema.createIndex('remarks_teacher').on('remarks').columns(['teacher_person_id', 'done_at']).execute();

    // Background report jobs (the school's year-end archive), polled by a worker.
    await withId(dialect, db.schema.createTable('report_jobs'))
      .addColumn('school_id', 'integer', school)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('requested_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('heartbeat_at', 'text')
      .execute();
    await db.schema.createIndex('report_jobs_status').on('report_jobs').columns(['status', 'id']).execute();
    await db.schema.createIndex('report_jobs_school').on('report_jobs').columns(['school_id', 'id']).execute();

    // Finished archive files under DATA_DIR/archives/<school>/, with their SHA-256.
    await withId(dialect, db.schema.createTable('report_archives'))
      .addColumn('school_id', 'integer', school)
      .addColumn('job_id', 'integer', (c) => c.references('report_jobs.id'))
      .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('storage_name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_archives_school').on('report_archives').columns(['school_id', 'id']).execute();
  },
});
