import { beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { hashPassword, hashToken, newSessionToken } from '../../server/modules/accounts/passwords.js';
import { SetupPage } from '../pages/SetupPage.js';
import { TimetablePage } from '../pages/TimetablePage.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let schoolId: number;
const PASSWORD = 'setup-journey-42';
const tokens: Record<string, string> = {};

/**
 * The session cookie goes straight into the browser: the sign-in cookie expires
 * 30 days after the server's fixed clock (October 2026), which a browser running
 * on today's real date drops at once (noted for the accounts module).
 */
async function signedInContext(viewport: 'phone' | 'desktop', who: 'admin' | 'pupil'): Promise<BrowserContext> {
  const context = await newContext(env.browser, viewport);
  await context.addCookies([{ name: 'otmetka_session', value: tokens[who]!, url: env.server.url }]);
  return context;
}

/**
 * Demo accounts come from the accounts part of the demo (another branch): until
 * then the journey gives the demo school's admin and one pupil an account in the
 * server's database itself, then signs in through the page like anyone else.
 */
beforeAll(async () => {
  const db = new SQLite(join(env.server.dataDir, 'otmetka.sqlite'));
  db.pragma('busy_timeout = 5000');
  const now = '2026-10-14T03:00:00.000Z';
  const hash = await hashPassword(PASSWORD);
  const admin = db.prepare("select person_id, school_id from staff where position = 'учитель информатики' order by id limit 1").get() as { person_id: number; school_id: number };
  schoolId = admin.school_id;
  const pupil = db
    .prepare('select m.student_person_id as id from class_members m join classes c on c.id = m.class_id where c.school_id = ? and c.grade = 5 order by m.id limit 1')
    .get(schoolId) as { id: number };
  const grant = db.prepare('insert into grants (person_id, role, school_id, granted_at) values (?, ?, ?, ?)');
  const account = db.prepare("insert into accounts (person_id, login, password_hash, status, activated_at, password_changed_at, failed_logins, created_at) values (?, ?, ?, 'active', ?, ?, 0, ?) on conflict (person_id) do update set login = excluded.login, password_hash = excluded.password_hash, status = 'active', activated_at = excluded.activated_at, blocked_reason = null");
  grant.run(admin.person_id, 'school_admin', schoolId, now);
  account.run(admin.person_id, 'setup-admin', hash, now, now, now);
  grant.run(pupil.id, 'student', null, now);
  account.run(pupil.id, 'setup-pupil', hash, now, now, now);
  const session = db.prepare("insert into sessions (token_hash, account_id, created_at, last_seen_at, expires_at, ip, user_agent) values (?, (select id from accounts where login = ?), ?, ?, '2026-11-13T03:00:00.000Z', '127.0.0.1', 'e2e')");
  for (const [who, login] of [['admin', 'setup-admin'], ['pupil', 'setup-pupil']] as const) {
    tokens[who] = newSessionToken();
    session.run(hashToken(tokens[who]!), login, now, now);
  }
  db.close();
});

describe('the school admin sets the school up; a pupil reads the timetable', () => {
  for (const viewport of ['phone', 'desktop'] as const) {
    it(`on a ${viewport}`, async () => {
      const context = await signedInContext(viewport, 'admin');
      const page = await context.newPage();
      const setup = new SetupPage(page, env.server.url);
      await setup.open();
      await setup.termRows().first().waitFor();
      expect(await setup.termRows().count()).toBe(6);
      expect(await page.getByText('Дополнительные каникулы 1 класса').isVisible()).toBe(true);
      await setup.expectAccessible();
      await screenshot(page, `journey-setup-calendar-${viewport}`);

      await setup.tab(/Классы/);
      await page.getByRole('cell', { name: '1А', exact: true }).waitFor();
      await setup.expectAccessible();
      await screenshot(page, `journey-setup-classes-${viewport}`);

      await setup.tab(/Предметы/);
      await page.getByRole('columnheader', { name: 'Двойные отметки' }).waitFor();
      await setup.expectAccessible();
      await screenshot(page, `journey-setup-subjects-${viewport}`);

      await setup.tab(/Нагрузка/);
      await page.getByRole('columnheader', { name: 'Учителя' }).waitFor();
      // The wide table scrolls in a focusable, named region, so keyboard users can scroll it on a phone.
      expect(await page.getByRole('region', { name: 'Нагрузка' }).getAttribute('tabindex')).toBe('0');
      await setup.expectAccessible();
      await screenshot(page, `journey-setup-courses-${viewport}`);
      // A page of 50 courses at a time in class order; page 2 goes on from there; a class and a search narrow it on the server.
      expect(await setup.courseRows().count()).toBe(50);
      expect(await setup.courses.range().textContent()).toMatch(/^Показаны 1–50 из \d/);
      await setup.courses.goTo(2);
      expect(await setup.courses.range().textContent()).toMatch(/^Показаны 51–100 из /);
      const [className, subject] = await setup.courseRows().first().locator('td').evaluateAll((cells) => cells.slice(0, 2).map((c) => c.textContent ?? ''));
      await setup.filterCoursesByClass(className!);
      await page.waitForFunction((c) => {
        const cells = [...document.querySelectorAll('[data-testid="course-row"] td:first-child')];
        return cells.length > 0 && cells.every((td) => td.textContent === c);
      }, className!);
      expect(new Set(await setup.courseRows().locator('td:first-child').allTextContents())).toEqual(new Set([className]));
      await setup.searchCourses(subject!);
      await page.waitForFunction((s) => {
        const cells = [...document.querySelectorAll('[data-testid="course-row"] td:nth-child(2)')];
        return cells.length > 0 && cells.every((td) => td.textContent?.includes(s));
      }, subject!);
      expect(await setup.courseRows().locator('td:nth-child(2)').allTextContents()).toContain(subject);
      await setup.expectAccessible();

      await setup.tab(/Расписание/);
      await setup.timetableGrid().waitFor();
      await page.getByTestId('clash-count').waitFor();
      expect(await page.getByTestId('clash-count').textContent()).toBe('Накладок нет');
      await setup.expectAccessible();
      await screenshot(page, `journey-setup-timetable-${viewport}`);

      const week = new TimetablePage(page, env.server.url);
      await week.open();
      expect(await week.weekOf().textContent()).toBe('Неделя с 2026-10-12');
      await context.close();

      const pupilContext = await signedInContext(viewport, 'pupil');
      const pupilPage = await pupilContext.newPage();
      const pupilWeek = new TimetablePage(pupilPage, env.server.url);
      await pupilWeek.open();
      await pupilWeek.week().first().waitFor();
      expect(await pupilWeek.week().first().textContent()).toContain('Английский язык (Группа');
      await pupilWeek.expectAccessible();
      await screenshot(pupilPage, `journey-week-pupil-${viewport}`);
      await pupilWeek.nextWeek();
      await pupilPage.getByText('Неделя с 2026-10-19').waitFor();
      await pupilContext.close();
    });
  }
});
