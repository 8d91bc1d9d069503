/**
 * The journal journey of issue 5 with the demo logins `teacher` and `deputy`
 * (password `otmetka-demo`), created by the accounts part of the demo, on the
 * demo's lessons (school set-up part). Until both parts are merged the demo
 * has neither, and journal-fixture.e2e.ts runs the same journey on seeded data.
 */
import { describe, expect, it } from 'vitest';
import { ControlPage, JournalPage, openTodayLesson } from '../pages/JournalPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();

/** Ids of the cells of one column, read from the grid's test ids (`cell-<lessonId>:<studentId>`). */
async function column(page: import('playwright-core').Page): Promise<{ lessonId: number; studentIds: number[] }> {
  const selected = await page.locator('td.cell.selected').getAttribute('data-testid');
  const lessonId = Number(selected!.replace('cell-', '').split(':')[0]);
  const ids = await page.locator(`td[data-testid^="cell-${lessonId}:"]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-testid')!.split(':')[1])));
  return { lessonId, studentIds: ids };
}

/** The demo teacher, signed in, on today's lesson opened from the home page: the page, its grid and the lesson's column. */
async function teacherAtTodayLesson(viewport: 'tablet' | 'desktop') {
  const context = await newContext(env.browser, viewport);
  const page = await context.newPage();
  const signIn = new SignInPage(page, env.server.url);
  await signIn.open();
  await signIn.signIn('teacher', 'otmetka-demo');
  await page.waitForURL(/\/home/);
  await openTodayLesson(page, env.server.url);
  return { context, page, journal: new JournalPage(page, env.server.url), ...(await column(page)) };
}

describe('the teacher’s journal with the demo logins', () => {
  it('on a tablet, by touch: tap, tap again, type on the on-screen keyboard; the marks stay after a reload', async () => {
    // Pupils 9 and 10 of today's lesson: the keyboard journey below takes the first seven.
    const { context, page, journal, lessonId, studentIds } = await teacherAtTodayLesson('tablet');
    const [first, second] = [studentIds[8]!, studentIds[9]!];
    expect(await journal.cell(lessonId, first).textContent()).toBe('');
    await journal.tapIn(lessonId, first, '4');
    // Enter moved the selection down: one tap on the selected cell opens its editor.
    expect(await journal.cell(lessonId, second).getAttribute('aria-selected')).toBe('true');
    await journal.tapIn(lessonId, second, 'н');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="cell-${id}"]`)?.textContent === 'Н', `${lessonId}:${second}`);
    await journal.pendingBadge().waitFor({ state: 'detached', timeout: 20_000 });
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.cell(lessonId, first).textContent()).toBe('4');
    expect(await journal.cell(lessonId, second).textContent()).toBe('Н');
    await journal.expectAccessible();
    await screenshot(page, 'journal-demo-tablet');
    await context.close();
  });

  it('home → today’s lesson → keyboard entry → reload → offline → lock → reason → flag', async () => {
    const { context, page, journal, lessonId, studentIds } = await teacherAtTodayLesson('desktop');
    await journal.typeDown(lessonId, studentIds.slice(0, 5), ['5', 'н', '4', 'б', 'оп']);
    await journal.openLesson(lessonId);
    await journal.setTopicAndHomework('Обыкновенные дроби', '§ 12, № 345');
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.cell(lessonId, studentIds[0]!).textContent()).toBe('5');
    expect(await journal.cell(lessonId, studentIds[1]!).textContent()).toBe('Н');
    await journal.openLesson(lessonId);
    expect(await page.getByTestId('topic').inputValue()).toBe('Обыкновенные дроби');
    await journal.closeLesson();
    await journal.expectAccessible();
    await screenshot(page, 'journal-demo-desktop');

    await context.setOffline(true);
    await journal.typeDown(lessonId, studentIds.slice(5, 7), ['5', '3']);
    await journal.pendingBadge().waitFor();
    await journal.waitPending(lessonId, studentIds[5]!);
    await journal.waitPending(lessonId, studentIds[6]!);
    await context.setOffline(false);
    await journal.pendingBadge().waitFor({ state: 'detached', timeout: 20_000 });
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.cell(lessonId, studentIds[5]!).textContent()).toBe('5');

    const deputyContext = await newContext(env.browser, 'desktop');
    const deputyPage = await deputyContext.newPage();
    const deputySignIn = new SignInPage(deputyPage, env.server.url);
    await deputySignIn.open();
    await deputySignIn.signIn('deputy', 'otmetka-demo');
    await deputyPage.waitForURL(/\/home/);
    const control = new ControlPage(deputyPage, env.server.url);
    await control.open();
    await control.lockTerm('1 четверть');

    await page.reload();
    await page.getByTestId('locked').waitFor();
    await journal.cell(lessonId, studentIds[6]!).focus();
    await journal.typeKeys('4');
    await page.keyboard.press('Enter');
    await journal.giveReason('Ошибка ввода');
    await page.waitForFunction(([id]) => document.querySelector(`[data-testid="cell-${id}"]`)?.textContent === '4', [`${lessonId}:${studentIds[6]}`]);
    await deputyPage.reload();
    await control.corrections().first().waitFor();
    expect(await control.corrections().first().textContent()).toContain('Ошибка ввода');
  });

  it('the year mark: the last term shows the «Год» column with the suggestion; typed with the keyboard, it stays after a reload', async () => {
    const context = await newContext(env.browser, 'desktop');
    const page = await context.newPage();
    const signIn = new SignInPage(page, env.server.url);
    await signIn.open();
    await signIn.signIn('teacher', 'otmetka-demo');
    await page.waitForURL(/\/home/);
    const api = async (method: 'GET' | 'POST', path: string, data?: unknown) => {
      const res = await page.request.fetch(`${env.server.url}${path}`, { method, headers: { 'x-otmetka-csrf': '1', 'content-type': 'application/json' }, data: data === undefined ? undefined : JSON.stringify(data) });
      expect(res.status()).toBe(200);
      return res.json();
    };
    const courseId = (await api('GET', '/api/journal/home')).courses[0].courseId as number;
    const termIds = ((await api('GET', `/api/journal/courses/${courseId}`)).terms as Array<[number, string]>).map((t) => t[0]);
    const last = termIds.at(-1)!;
    const pupils = ((await api('GET', `/api/journal/courses/${courseId}?termId=${last}`)).students as Array<[number, string]>).map((s) => s[0]);
    // Term marks of the first three terms for the first pupil: (5 + 4 + 5) / 3 = 4.67 → the suggestion is 5.
    // (The first term was locked above: a reason goes with them.)
    const changes = termIds.slice(0, 3).map((termId, i) => ({ kind: 'termMark', courseId, termId, studentId: pupils[0], version: 0, value: ['5', '4', '5'][i], reason: 'Итоги периодов' }));
    await api('POST', '/api/journal/changes', { changes });

    const journal = new JournalPage(page, env.server.url);
    await journal.goto(`/journal/courses/${courseId}?term=${last}`);
    await journal.waitLoaded();
    await page.getByRole('columnheader', { name: 'Год' }).waitFor();
    expect(await journal.yearCell(pupils[0]!).textContent()).toBe('(5)');
    await journal.yearCell(pupils[0]!).focus();
    await journal.typeKeys('5');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, `cell-Y:${pupils[1]}`);
    await journal.typeKeys('4');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent === '4', `cell-Y:${pupils[1]}`);
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.yearCell(pupils[0]!).textContent()).toBe('5');
    expect(await journal.yearCell(pupils[1]!).textContent()).toBe('4');
    await journal.expectAccessible();
    await screenshot(page, 'journal-year-desktop');
  });
});
