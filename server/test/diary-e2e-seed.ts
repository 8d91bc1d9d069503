/**
 * Seeds diary data into a running e2e server's SQLite file and prints ids and
 * session cookies as JSON (run by e2e/support/diary-data.ts in a child
 * process): a guardian of two children in two schools, a pupil, a class
 * teacher and the course teachers.
 */
import { join } from 'node:path';
import { createContext } from '../bootstrap.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { diaryFixture } from '../modules/diary/diary-fixture.js';

const [dataDir, now] = process.argv.slice(2) as [string, string];
const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'otmetka.sqlite')}`, LOG_LEVEL: 'silent', DEMO: 'false' }), {
  clock: fixedClock(now),
});
const f = await diaryFixture(ctx, { guardianEmail: 'mother@family.test' });
await ctx.db.close();
console.log(
  JSON.stringify({
    childA: f.childA,
    childB: f.childB,
    pupilId: f.pupil.personId,
    otherPupilId: f.a.studentIds[2],
    todayLessonA: f.a.lessonIds[3],
    lastWeekLessonA: f.a.lessonIds[1],
    guardianCookie: f.guardian.cookie,
    pupilCookie: f.pupil.cookie,
    teacherCookie: f.a.teacher.cookie,
    classTeacherCookie: f.classTeacher.cookie,
  }),
);
