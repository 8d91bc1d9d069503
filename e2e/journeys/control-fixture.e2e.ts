/**
 * The control journey (issue 7) on data seeded into the server's database:
 * runs before the demo has lessons, marks and logins (control.e2e.ts runs the
 * same journey with the demo logins once the accounts, set-up and journal
 * parts of the demo are merged).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { controlJourney, phoneScreens } from '../support/control-journey.js';
import { seedControl, type ControlSeed } from '../support/control-data.js';
import { launchBrowser, newContext } from '../support/browser.js';
import { startServer, type E2eServer } from '../support/server.js';

let server: E2eServer;
let browser: Browser;
let data: ControlSeed;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  data = seedControl(server.dataDir);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('internal control and reports (seeded school)', () => {
  it('sort by late entries, open a course, remark, the teacher sees it, XLSX and the year-end PDF', async () => {
    const deputy = await newContext(browser, 'desktop');
    await deputy.addCookies([data.deputyCookie]);
    const teacher = await newContext(browser, 'desktop');
    await teacher.addCookies([data.teacherCookie]);
    await controlJourney({ baseUrl: server.url, deputy, teacher, teacherName: 'Учителева Анна Петровна', pupil: 'Ученик01 Класс5А', label: 'seeded' });
    const phone = await newContext(browser, 'phone');
    await phone.addCookies([data.deputyCookie]);
    await phoneScreens(phone, server.url, 'seeded');
  }, 300_000);
});
