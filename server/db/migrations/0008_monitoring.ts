import type { CreateTableBuilder, Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

const figureColumns = [
  'staff_population',
  'staff_activated',
  'staff_active',
  'students_population',
  'students_activated',
  'students_active',
  'guardians_population',
  'guardians_activated',
  'guardians_active',
  'lessons_past',
  'lessons_with_topic',
  'marks_entered',
  'marks_late',
  'consents',
] as const;

function withFigures<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  let t = table as CreateTableBuilder<T, any>;
  for (const name of figureColumns) t = t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  return t;
}

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0008_monitoring = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    await withFigures(
      db.schema
        .createTable('school_counters')
        .addColumn('school_id', 'integer', (c) => c.primaryKey().references('schools.id'))
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipalities.id')),
    )
      .addColumn('refreshed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('school_counters_region').on('school_counters').column('region_id').execute();

    await withFigures(
      db.schema
        .createTable('unit_counters')
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('unit_kind', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'integer', (c) => c.notNull())
        .addColumn('schools', 'integer', (c) => c.notNull().defaultTo(0)),
    )
      .addColumn('refreshed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('unit_counters_pk', ['unit_kind', 'unit_id'])
      .execute();
    await db.schema.createIndex('unit_counters_region').on('unit_counters').column('region_id').execute();

    await withId(dialect, db.schema.createTable('school_daily_activity'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('marks_entered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('marks_late', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('school_daily_activity_day', ['school_id', 'date'])
      .execute();
    await db.schema.createIndex('school_daily_activity_date').on('school_daily_activity').column('date').execute();

    await withFigures(
      withId(dialect, db.schema.createTable('weekly_snapshots'))
        .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipalities.id'))
        .addColumn('week_of', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull()),
    )
      .addUniqueConstraint('weekly_snapshots_school_week', ['school_id', 'week_of'])
      .execute();
    await db.schema.createIndex('weekly_snapshots_region_week').on('weekly_snapshots').columns(['region_id', 'week_of']).execute();
    await db.schema.createIndex('weekly_snapshots_municipality_week').on('weekly_snapshots').columns(['municipality_id', 'week_of']).execute();

    await withFigures(
      withId(dialect, db.schema.createTable('weekly_totals'))
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('unit_kind', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'integer', (c) => c.notNull())
        .addColumn('week_of', 'text', (c) => c.notNull())
        .addColumn('schools', 'integer', (c) => c.notNull().defaultTo(0)),
    )
      .addUniqueConstraint('weekly_totals_unit_week', ['unit_kind', 'unit_id', 'week_of'])
      .execute();
    await db.schema.createIndex('weekly_totals_region').on('weekly_totals').columns(['region_id', 'unit_kind', 'week_of']).execute();

    await withId(dialect, db.schema.createTable('snapshot_runs'))
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
      .addColumn('week_of', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('schools', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('snapshot_runs_region_week', ['region_id', 'week_of'])
      .execute();

    await withId(dialect, db.schema.createTable('school_report_confirmations'))
      .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
      .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipalities.id'))
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
      .addColumn('week_of', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('confirmed_by', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('school_report_confirmations_week', ['school_id', 'week_of'])
      .execute();
    await db.schema.createIndex('school_report_confirmations_region').on('school_report_confirmations').columns(['region_id', 'week_of']).execute();
    await db.schema.createIndex('school_report_confirmations_municipality').on('school_report_confirmations').columns(['municipality_id', 'week_of']).execute();

    await withId(dialect, db.schema.createTable('municipality_report_confirmations'))
      .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipalities.id'))
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
      .addColumn('week_of', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('confirmed_by', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('municipality_report_confirmations_week', ['municipality_id', 'week_of'])
      .execute();

    await withId(dialect, db.schema.createTable('rollout_milestones'))
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text')
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('responsible_role', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('metric', 'text')
      .addColumn('target', 'real')
      .addColumn('done_on', 'text')
      .addColumn('done_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('done_by', 'integer', (c) => c.references('persons.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rollout_milestones_region').on('rollout_milestones').columns(['region_id', 'level', 'position']).execute();
  },
});
