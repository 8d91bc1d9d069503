import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0004_accounts_consents = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // A used code keeps its hash so that typing it again says "already used", not "wrong code".
    await db.schema.alterTable('accounts').addColumn('activation_code_used_at', 'text').execute();
    // Why an account is blocked: 'consent' is lifted when consent is recorded again; 'staff' only by hand.
    await db.schema.alterTable('accounts').addColumn('blocked_reason', 'text').execute();

    await withId(dialect, db.schema.createTable('consents'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('guardian_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('given_on', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('scan_file', 'text')
      .addColumn('scan_type', 'text')
      .addColumn('scan_size', 'integer')
      .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_on', 'text')
      .addColumn('withdrawn_by', 'integer', (c) => c.references('persons.id'))
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawal_note', 'text')
      .execute();
    await db.schema.createIndex('consents_student').on('consents').columns(['student_person_id', 'withdrawn_at']).execute();
    await db.schema.createIndex('consents_school').on('consents').columns(['school_id', 'withdrawn_at']).execute();
  },
});
