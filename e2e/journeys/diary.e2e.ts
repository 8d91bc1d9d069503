/**
 * The diary journey of issue 6 on a phone-sized window, on seeded data (a
 * guardian of two children in two schools, a pupil, a class teacher). The
 * same journey with the demo logins `parent2` and `student` is
 * diary-demo.e2e.ts (needs the accounts and school set-up parts of the demo).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiaryPage } from '../pages/DiaryPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { apiAs, browserCookie, seedDiary, type DiarySeed } from '../support/diary-data.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let seed: DiarySeed;
beforeAll(async () => {
  seed = seedDiary(env.server.dataDir);
});

async function pageAs(cookie: string, viewport: 'phone' | 'desktop'): Promise<Page> {
  const context = await newContext(env.browser, viewport);
  await context.addCookies([browserCookie(cookie)]);
  return context.newPage();
}

describe('the diary on a phone', () => {
  it('a guardian of two children switches, finds the mark just entered, opens its details, confirms the week', async () => {
    const page = await pageAs(seed.guardianCookie, 'phone');
    const diary = new DiaryPage(page, env.server.url);
    await diary.openWeek();
    // Today first on a phone.
    expect(await diary.firstDay().getAttribute('data-testid')).toBe('day-2026-10-14');

    // The teacher enters a mark now, through the journal's API.
    const types = await apiAs(env.server.url, seed.teacherCookie, 'GET', `/api/journal/schools/${(await apiAs(env.server.url, seed.guardianCookie, 'GET', `/api/diary/students/${seed.childA}/week`)).body.student.schoolId}/work-types`);
    const test = (types.body as Array<{ id: number; code: string }>).find((t) => t.code === 'test')!;
    const write = await apiAs(env.server.url, seed.teacherCookie, 'POST', '/api/journal/changes', {
      changes: [
        { kind: 'mark', lessonId: seed.lastWeekLessonA, studentId: seed.childA, value: '3' },
        { kind: 'mark', lessonId: seed.todayLessonA, studentId: seed.childA, value: '5', workTypeId: test.id, comment: 'Отлично решена задача' },
      ],
    });
    expect(write.status).toBe(200);

    // One switch between the two children (two schools): the mark is the first child's only.
    const kids = (await apiAs(env.server.url, seed.guardianCookie, 'GET', '/api/diary/children')).body as Array<{ personId: number; schoolName: string }>;
    const schoolOf = (id: number) => kids.find((k) => k.personId === id)!.schoolName;
    await diary.switchChild(new RegExp(`${schoolOf(seed.childB)}$`));
    await page.waitForURL(new RegExp(`child=${seed.childB}`));
    await diary.weekTitle().waitFor();
    expect(await diary.day('2026-10-14').getByTestId('mark').count()).toBe(0);
    await diary.switchChild(new RegExp(`${schoolOf(seed.childA)}$`));
    await page.waitForURL(new RegExp(`child=${seed.childA}`));
    const details = await diary.openMark('2026-10-14', '5');
    expect(await details.textContent()).toContain('Контрольная работа');
    expect(await details.textContent()).toContain('Вес: 3');
    expect(await details.textContent()).toContain('Отлично решена задача');
    await diary.expectAccessible();
    await screenshot(page, 'diary-week-phone');
    await page.keyboard.press('Escape');

    // Confirm the previous (finished) week of the first child.
    await diary.goto(`/diary?child=${seed.childA}`);
    await diary.weekTitle().waitFor();
    await diary.previousWeek();
    await diary.confirmWeek();
    await screenshot(page, 'diary-confirmed-phone');

    await diary.openTab(/Отметки/);
    await page.getByTestId('subject').first().waitFor();
    expect(await page.getByTestId('subject').first().textContent()).toContain('5');
    await page.locator('.recharts-line').first().waitFor();
    await diary.expectAccessible();
    await screenshot(page, 'diary-marks-phone');

    await diary.openTab(/Лента/);
    await page.getByTestId('feed-item').first().waitFor();
    expect(await page.getByTestId('feed-item').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Новая отметка · Математика')]));
    await diary.expectAccessible();
    await screenshot(page, 'diary-feed-phone');

    await diary.openTab(/Уведомления/);
    await page.getByRole('radio', { name: /Сводка за день/ }).check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Сохранено').waitFor();
    expect((await apiAs(env.server.url, seed.guardianCookie, 'GET', '/api/diary/notifications')).body.mode).toBe('daily');
    await diary.expectAccessible();
    await screenshot(page, 'diary-settings-phone');
    await page.context().close();

    // The class teacher sees the confirmation.
    const teacher = await pageAs(seed.classTeacherCookie, 'desktop');
    await teacher.goto(`${env.server.url}/diary/class`);
    await teacher.getByText('Родителева М.И.', { exact: false }).waitFor();
    await new DiaryPage(teacher, env.server.url).expectAccessible();
    await screenshot(teacher, 'diary-class-desktop');
    await teacher.context().close();
  });

  it('on a desktop the week and the marks chart show', async () => {
    const page = await pageAs(seed.guardianCookie, 'desktop');
    const diary = new DiaryPage(page, env.server.url);
    await diary.openWeek(`?child=${seed.childA}`);
    expect(await diary.firstDay().getAttribute('data-testid')).toBe('day-2026-10-12');
    await screenshot(page, 'diary-week-desktop');
    await diary.openTab(/Отметки/);
    await page.getByTestId('subject').first().waitFor();
    await page.locator('.recharts-line').first().waitFor();
    await new DiaryPage(page, env.server.url).expectAccessible();
    await screenshot(page, 'diary-marks-desktop');
    await page.context().close();
  });

  it('a pupil sees their own week and nothing of others', async () => {
    const page = await pageAs(seed.pupilCookie, 'phone');
    const diary = new DiaryPage(page, env.server.url);
    await diary.openWeek();
    expect(await diary.childSwitch().count()).toBe(0);
    expect(await page.getByText('Класс5А Ученик02 · 5А').count()).toBe(1);
    expect(await page.content()).not.toContain('Ученик01');
    // The mark of the guardian's child on the same lesson is not in the pupil's week.
    expect(await diary.day('2026-10-14').getByTestId('mark').count()).toBe(0);
    const probe = await apiAs(env.server.url, seed.pupilCookie, 'GET', `/api/diary/students/${seed.otherPupilId}/week`);
    expect(probe.status).toBe(404);
    await diary.goto(`/diary?child=${seed.otherPupilId}`);
    await diary.weekTitle().waitFor();
    expect(await page.content()).not.toContain('Ученик03');
    await screenshot(page, 'diary-pupil-phone');
    await diary.expectAccessible();
  });
});
