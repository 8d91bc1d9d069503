import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0009_diary = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    const school = (c: any) => c.notNull().references('schools.id');
    const person = (c: any) => c.notNull().references('persons.id');

    await withId(dialect, db.schema.createTable('diary_confirmations'))
      .addColumn('school_id', 'integer', school)
      .addColumn('student_person_id', 'integer', person)
      .addColumn('guardian_person_id', 'integer', person)
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('diary_confirmations_once', ['student_person_id', 'week', 'guardian_person_id'])
      .execute();
    await db.schema.createIndex('diary_confirmations_school_week').on('diary_confirmations').columns(['school_id', 'week']).execute();

    await withId(dialect, db.schema.createTable('diary_seen'))
      .addColumn('school_id', 'integer', school)
      .addColumn('viewer_person_id', 'integer', person)
      .addColumn('student_person_id', 'integer', person)
      .addColumn('seen_up_to', 'text', (c) => c.notNull())
      .addUniqueConstraint('diary_seen_pair', ['viewer_person_id', 'student_person_id'])
      .execute();

    await withId(dialect, db.schema.createTable('notification_settings'))
      .addColumn('person_id', 'integer', person)
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('notification_settings_person', ['person_id'])
      .execute();

    await withId(dialect, db.schema.createTable('outbox'))
      .addColumn('school_id', 'integer', (c) => c.references('schools.id'))
      .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('outbox_dedupe', ['dedupe_key'])
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

    await withId(dialect, db.schema.createTable('mark_notices'))
      .addColumn('school_id', 'integer', school)
      .addColumn('mark_id', 'integer', (c) => c.notNull().references('marks.id'))
      .addColumn('guardian_person_id', 'integer', person)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('mark_notices_once', ['mark_id', 'guardian_person_id'])
      .execute();

    await db.schema
      .createTable('job_state')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    // The notice job reads marks entered since its watermark; without this it would scan every mark.
    await db.schema.createIndex('marks_entered_at').on('marks').column('entered_at').execute();
  },
});
