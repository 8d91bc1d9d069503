/**
 * The diary journey with the demo logins `parent2` (a guardian of two
 * children in two schools) and `student`, password `otmetka-demo`, on the
 * demo's lessons and marks. The logins come from the accounts part of the
 * demo and the lessons from the school set-up part: until both are merged
 * the journey reports itself skipped, and diary.e2e.ts runs the same steps
 * on seeded data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DiaryPage } from '../pages/DiaryPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let demoLogins = false;
beforeAll(async () => {
  const probe = await fetch(`${env.server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
    body: JSON.stringify({ login: 'parent2', password: 'otmetka-demo' }),
  });
  demoLogins = probe.ok;
});

describe('the diary with the demo logins', () => {
  it('parent2 switches between two children, opens a mark, confirms last week; the pupil sees only themselves', async (ctx) => {
    if (!demoLogins) {
      console.warn('diary-demo.e2e.ts: the demo has no `parent2` login yet (accounts part not merged): skipped');
      ctx.skip();
    }
    const context = await newContext(env.browser, 'phone');
    const page = await context.newPage();
    const signIn = new SignInPage(page, env.server.url);
    await signIn.open();
    await signIn.signIn('parent2', 'otmetka-demo');
    await page.waitForURL(/\/home/);
    const diary = new DiaryPage(page, env.server.url);
    await diary.openWeek();
    expect(await diary.firstDay().getAttribute('data-testid')).toBe('day-2026-10-14');
    await diary.childSwitch().click();
    const options = page.getByRole('option');
    expect(await options.count()).toBe(2);
    await options.nth(1).click();
    await page.waitForURL(/child=/);
    await diary.weekTitle().waitFor();
    await diary.previousWeek();
    const mark = page.getByTestId('mark').first();
    await mark.click();
    await page.getByTestId('mark-details').waitFor();
    expect(await page.getByTestId('mark-details').textContent()).toMatch(/Вес: \d/);
    await page.keyboard.press('Escape');
    await diary.confirmWeek();
    await diary.expectAccessible();
    await screenshot(page, 'diary-demo-parent2-phone');
    await context.close();

    const pupilContext = await newContext(env.browser, 'phone');
    const pupil = await pupilContext.newPage();
    const pupilSignIn = new SignInPage(pupil, env.server.url);
    await pupilSignIn.open();
    await pupilSignIn.signIn('student', 'otmetka-demo');
    await pupil.waitForURL(/\/home/);
    const own = new DiaryPage(pupil, env.server.url);
    await own.openWeek();
    expect(await own.childSwitch().count()).toBe(0);
    await own.expectAccessible();
    await pupilContext.close();
  });
});
