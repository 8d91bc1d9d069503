import { describe, expect, it } from 'vitest';
import { ActivatePage } from '../pages/ActivatePage.js';
import { SchoolPage } from '../pages/SchoolPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { StartPage } from '../pages/StartPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();

describe('a visitor finds their school', () => {
  for (const viewport of ['phone', 'desktop'] as const) {
    it(`on a ${viewport}: start page in Russian, switch to English, open a school page`, async () => {
      const context = await newContext(env.browser, viewport);
      const page = await context.newPage();
      const start = new StartPage(page, env.server.url);
      await start.open();
      expect(await start.heading().textContent()).toBe('Электронный журнал и дневник');
      expect(await page.getByText('Школы региона').isVisible()).toBe(true);
      await start.expectAccessible();
      await screenshot(page, `start-${viewport}-ru`);

      await start.switchLanguage('en');
      expect(await start.heading().textContent()).toBe('Electronic school journal and diary');
      expect(await page.getByText('Schools of the region').isVisible()).toBe(true);

      await start.municipality('Город Чита').click();
      await start.openSchool('МБОУ «Средняя общеобразовательная школа № 1»');
      const school = new SchoolPage(page, env.server.url);
      await school.waitLoaded();
      expect(await school.heading().textContent()).toBe('МБОУ «Средняя общеобразовательная школа № 1»');
      expect(await school.accessInstructions().textContent()).toContain('код');
      expect(await page.getByText('How to get access').isVisible()).toBe(true);
      await school.expectAccessible();
      await screenshot(page, `school-${viewport}-en`);

      await start.goto('/no/such/page');
      await page.getByTestId('not-found').waitFor();

      // A private page sends a visitor to sign in; a wrong password says so, in the chosen language.
      await start.switchLanguage('ru');
      await start.goto('/home');
      const signIn = new SignInPage(page, env.server.url);
      await page.waitForURL(/\/sign-in\?next=%2Fhome/);
      await signIn.signIn('nobody', 'wrong-password');
      expect(await signIn.error().textContent()).toBe('Неверный логин или пароль');
      await signIn.expectAccessible();
      await screenshot(page, `sign-in-${viewport}-ru`);

      // The sign-in page links to activation for those who have only a code.
      await page.getByRole('link', { name: 'Активировать по коду' }).click();
      await page.waitForURL(/\/activate$/);
      await new ActivatePage(page, env.server.url).waitLoaded();
      await signIn.expectAccessible();
      await screenshot(page, `activate-${viewport}-ru`);
      await context.close();
    });
  }
});
