/**
 * The control journey (issue 7) on data seeded into the server's database:
 * runs before the demo has lessons, marks and logins (control.e2e.ts runs the
 * same journey with the demo logins once the accounts, set-up and journal
 * parts of the demo are merged).
 */
import { beforeAll, describe, it } from 'vitest';
import { controlJourney, phoneScreens } from '../support/control-journey.js';
import { seedControl, type ControlSeed } from '../support/control-data.js';
import { newContext } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let data: ControlSeed;
beforeAll(async () => {
  data = seedControl(env.server.dataDir);
});

describe('internal control and reports (seeded school)', () => {
  it('sort by late entries, open a course, remark, the teacher sees it, XLSX and the year-end PDF', async () => {
    const deputy = await newContext(env.browser, 'desktop');
    await deputy.addCookies([data.deputyCookie]);
    const teacher = await newContext(env.browser, 'desktop');
    await teacher.addCookies([data.teacherCookie]);
    await controlJourney({ baseUrl: env.server.url, deputy, teacher, teacherName: 'Учителева Анна Петровна', pupil: 'Ученик01 Класс5А', label: 'seeded' });
    const phone = await newContext(env.browser, 'phone');
    await phone.addCookies([data.deputyCookie]);
    await phoneScreens(phone, env.server.url, 'seeded');
  }, 300_000);
});
