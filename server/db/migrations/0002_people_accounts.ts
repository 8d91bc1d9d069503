import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0002_people_accounts = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    await withId(dialect, db.schema.createTable('persons'))
      .addColumn('surname', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('patronymic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('birth_date', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('external_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('persons_full_name').on('persons').columns(['surname', 'name', 'patronymic']).execute();
    await db.schema.createIndex('persons_external_id').on('persons').column('external_id').execute();

    await withId(dialect, db.schema.createTable('staff'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('started_on', 'text', (c) => c.notNull())
      .addColumn('ended_on', 'text')
      .execute();
    await db.schema.createIndex('staff_school_person').on('staff').columns(['school_id', 'person_id']).execute();
    await db.schema.createIndex('staff_person').on('staff').column('person_id').execute();

    await withId(dialect, db.schema.createTable('enrolments'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('started_on', 'text', (c) => c.notNull())
      .addColumn('ended_on', 'text')
      .addColumn('end_reason', 'text')
      .execute();
    await db.schema.createIndex('enrolments_school_person').on('enrolments').columns(['school_id', 'person_id']).execute();
    await db.schema.createIndex('enrolments_person').on('enrolments').column('person_id').execute();

    await withId(dialect, db.schema.createTable('guardianships'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('guardian_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('guardianships_pair', ['guardian_person_id', 'student_person_id'])
      .execute();
    await db.schema.createIndex('guardianships_student').on('guardianships').column('student_person_id').execute();
    await db.schema.createIndex('guardianships_school').on('guardianships').column('school_id').execute();

    await withId(dialect, db.schema.createTable('accounts'))
      .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('persons.id'))
      .addColumn('login', 'text', (c) => c.unique())
      .addColumn('password_hash', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('activated_at', 'text')
      .addColumn('activation_code_hash', 'text', (c) => c.unique())
      .addColumn('activation_code_expires_at', 'text')
      .addColumn('password_changed_at', 'text')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(dialect, db.schema.createTable('grants'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('municipality_id', 'integer', (c) => c.references('municipalities.id'))
      .addColumn('school_id', 'integer', (c) => c.references('schools.id'))
      .addColumn('class_id', 'integer')
      .addColumn('granted_by', 'integer', (c) => c.references('persons.id'))
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('revoked_by', 'integer', (c) => c.references('persons.id'))
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('grants_person').on('grants').column('person_id').execute();
    await db.schema.createIndex('grants_school_role').on('grants').columns(['school_id', 'role']).execute();

    await withId(dialect, db.schema.createTable('sessions'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

    await withId(dialect, db.schema.createTable('security_events'))
      .addColumn('account_id', 'integer')
      .addColumn('person_id', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('security_events_account').on('security_events').columns(['account_id', 'at']).execute();
  },
});
