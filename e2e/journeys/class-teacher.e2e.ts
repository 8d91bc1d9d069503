import { describe, expect, it } from 'vitest';
import { ClassPage } from '../pages/ClassPage.js';
import { ConfirmationsPage } from '../pages/ConfirmationsPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();

describe('the class teacher’s «Мой класс» with the demo logins', () => {
  for (const viewport of ['phone', 'desktop'] as const) {
    it(`on a ${viewport}: the week’s absences and the class across subjects, week by week; who confirmed the diaries`, async () => {
      const context = await newContext(env.browser, viewport);
      const page = await context.newPage();
      const signIn = new SignInPage(page, env.server.url);
      await signIn.open();
      await signIn.signIn('class-teacher', 'otmetka-demo');
      await page.waitForURL(/\/home/);
      if (viewport === 'phone') await page.getByRole('button', { name: /меню|menu/i }).click();
      const cls = new ClassPage(page, env.server.url);
      await cls.openFromMenu();
      expect(await cls.heading().textContent()).toMatch(/^Класс \d+[А-Я]$/);
      // The menu marks «Мой класс» alone as the current page, not «Журнал» whose address it extends.
      expect(await page.locator('a[aria-current="page"]').allTextContents()).toEqual(['Мой класс']);
      // The demo's week before 14.10.2026 has absences: «pupil — date, lesson: subject — code».
      const lines = await cls.absences().locator('p').allTextContents();
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/^\S+ \S+ — \d\d\.10, \d: .+ — (Н|Б|У|ОП)$/);
      // Every pupil of the class is a row of the table, which scrolls sideways in a named, focusable region.
      const region = cls.subjectsTable();
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getByRole('rowheader').count()).toBeGreaterThan(10);
      // The demo's class (grades 2–4) has marks: averages of the first term fill the table.
      expect(await cls.termHint().textContent()).toMatch(/^Период: 1 четверть\./);
      expect((await region.getByRole('cell').allTextContents()).filter((c) => /^\d\.\d\d$/.test(c)).length).toBeGreaterThan(10);
      expect(await cls.weekTitle().textContent()).toBe('Неделя 12.10 – 17.10.2026');
      await cls.expectAccessible();
      await screenshot(page, `class-teacher-${viewport}`);
      // A week back: its own absences, and the address keeps the week for a reload.
      await cls.previousWeek();
      expect(page.url()).toMatch(/\?week=2026-10-05$/);
      expect(await cls.weekTitle().textContent()).toBe('Неделя 05.10 – 10.10.2026');
      for (const line of await cls.absences().locator('p').allTextContents()) expect(line).toMatch(/ — (0[5-9]|10)\.10, /);
      await page.reload();
      expect(await cls.weekTitle().textContent()).toBe('Неделя 05.10 – 10.10.2026');

      // «Просмотр дневников»: by default the last week a guardian may confirm (on a Wednesday, the previous one).
      if (viewport === 'phone') await page.getByRole('button', { name: /меню|menu/i }).click();
      const confirmations = new ConfirmationsPage(page, env.server.url);
      await confirmations.openFromMenu();
      expect(await confirmations.weekTitle().textContent()).toBe('Неделя 05.10 – 10.10.2026');
      const rows = await confirmations.rows();
      expect(rows.length).toBeGreaterThan(10);
      // The demo's guardians confirm a finished week from its Friday on: «Фамилия И.О., dd.mm, hh:mm».
      const confirmed = rows.filter(([, who]) => who !== 'не подтверждено');
      expect(confirmed.length).toBeGreaterThan(0);
      for (const [, who] of confirmed) expect(who).toMatch(/^\S+ [А-ЯЁ]\.[А-ЯЁ]\., (09|10|11|12)\.10, \d\d:\d\d/);
      await confirmations.expectAccessible();
      await screenshot(page, `class-confirmations-${viewport}`);
      await confirmations.previousWeek();
      expect(await confirmations.weekTitle().textContent()).toBe('Неделя 28.09 – 03.10.2026');
      await context.close();
    });
  }
});
