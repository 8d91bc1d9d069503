import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';
import type { Migration } from './index.js';

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0003_school_structure = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    const school = (c: any) => c.notNull().references('schools.id');

    await withId(dialect, db.schema.createTable('academic_years'))
      .addColumn('school_id', 'integer', school)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addUniqueConstraint('academic_years_school_name', ['school_id', 'name'])
      .execute();

    await withId(dialect, db.schema.createTable('terms'))
      .addColumn('school_id', 'integer', school)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('grade_from', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('grade_to', 'integer', (c) => c.notNull().defaultTo(11))
      .execute();
    await db.schema.createIndex('terms_school_year').on('terms').columns(['school_id', 'academic_year_id']).execute();

    await withId(dialect, db.schema.createTable('holidays'))
      .addColumn('school_id', 'integer', school)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('grade_from', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('grade_to', 'integer', (c) => c.notNull().defaultTo(11))
      .execute();
    await db.schema.createIndex('holidays_school_year').on('holidays').columns(['school_id', 'academic_year_id']).execute();

    await withId(dialect, db.schema.createTable('classes'))
      .addColumn('school_id', 'integer', school)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('grade', 'integer', (c) => c.notNull())
      .addColumn('letter', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('shift', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('class_teacher_person_id', 'integer', (c) => c.references('persons.id'))
      .addUniqueConstraint('classes_year_name', ['academic_year_id', 'name'])
      .execute();
    await db.schema.createIndex('classes_school').on('classes').column('school_id').execute();

    await withId(dialect, db.schema.createTable('class_members'))
      .addColumn('school_id', 'integer', school)
      .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .execute();
    await db.schema.createIndex('class_members_class').on('class_members').columns(['class_id', 'from_date']).execute();
    await db.schema.createIndex('class_members_student').on('class_members').column('student_person_id').execute();

    await withId(dialect, db.schema.createTable('class_groups'))
      .addColumn('school_id', 'integer', school)
      .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint('class_groups_class_name', ['class_id', 'name'])
      .execute();

    await withId(dialect, db.schema.createTable('group_members'))
      .addColumn('school_id', 'integer', school)
      .addColumn('group_id', 'integer', (c) => c.notNull().references('class_groups.id'))
      .addColumn('student_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .execute();
    await db.schema.createIndex('group_members_group').on('group_members').column('group_id').execute();
    await db.schema.createIndex('group_members_student').on('group_members').column('student_person_id').execute();

    await withId(dialect, db.schema.createTable('subjects'))
      .addColumn('school_id', 'integer', school)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('double_marks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pass_fail', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('no_marks_grade1', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('subjects_school_name', ['school_id', 'name'])
      .execute();

    await withId(dialect, db.schema.createTable('courses'))
      .addColumn('school_id', 'integer', school)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
      .addColumn('group_id', 'integer', (c) => c.references('class_groups.id'))
      .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
      .addColumn('hours_per_week', 'real', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('courses_school_class').on('courses').columns(['school_id', 'class_id']).execute();

    await withId(dialect, db.schema.createTable('course_teachers'))
      .addColumn('school_id', 'integer', school)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addUniqueConstraint('course_teachers_pair', ['course_id', 'teacher_person_id'])
      .execute();
    await db.schema.createIndex('course_teachers_teacher').on('course_teachers').column('teacher_person_id').execute();

    await withId(dialect, db.schema.createTable('bells'))
      .addColumn('school_id', 'integer', school)
      .addColumn('shift', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('bells_school_shift_number', ['school_id', 'shift', 'number'])
      .execute();

    await withId(dialect, db.schema.createTable('timetable_slots'))
      .addColumn('school_id', 'integer', school)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text')
      .execute();
    await db.schema.createIndex('timetable_slots_school_year').on('timetable_slots').columns(['school_id', 'academic_year_id']).execute();

    await withId(dialect, db.schema.createTable('lessons'))
      .addColumn('school_id', 'integer', school)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('teacher_person_id', 'integer', (c) => c.references('persons.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('timetable'))
      .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('homework', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('work_type_id', 'integer')
      .addColumn('is_control', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('topic_entered_at', 'text')
      .addColumn('homework_entered_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('lessons_course_date').on('lessons').columns(['course_id', 'date', 'number']).execute();
    await db.schema.createIndex('lessons_school_date').on('lessons').columns(['school_id', 'date']).execute();
    await db.schema.createIndex('lessons_teacher_date').on('lessons').columns(['teacher_person_id', 'date']).execute();
  },
});
