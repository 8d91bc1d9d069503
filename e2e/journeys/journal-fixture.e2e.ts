/**
 * The journal journey on data seeded into the server's database (runs before
 * the demo has lessons and logins): keyboard entry, topic and homework, reload,
 * offline edits kept and sent, term lock, a correction with a reason, the
 * deputy's flag. journal.e2e.ts runs the same journey with the demo logins.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlPage, JournalPage, openTodayLesson } from '../pages/JournalPage.js';
import { seedJournal, type JournalSeed } from '../support/journal-data.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let data: JournalSeed;
beforeAll(async () => {
  data = seedJournal(env.server.dataDir);
});

describe('the teacher’s journal', () => {
  it('keyboard entry, reload, offline, lock, reason, flag', async () => {
    const context = await newContext(env.browser, 'desktop');
    await context.addCookies([data.teacherCookie]);
    const page = await context.newPage();
    await openTodayLesson(page, env.server.url);
    const journal = new JournalPage(page, env.server.url);
    await journal.waitLoaded();
    const lesson = data.todayLessonId;
    const pupils = data.studentIds;
    await journal.typeDown(lesson, pupils.slice(0, 5), ['5', 'н', '4', 'b', 'оп 3']);
    await journal.openLesson(lesson);
    await journal.setTopicAndHomework('Обыкновенные дроби', '§ 12, № 345');
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.cell(lesson, pupils[0]!).textContent()).toBe('5');
    expect(await journal.cell(lesson, pupils[1]!).textContent()).toBe('Н');
    expect(await journal.cell(lesson, pupils[2]!).textContent()).toBe('4');
    expect(await journal.cell(lesson, pupils[3]!).textContent()).toBe('Б');
    expect(await journal.cell(lesson, pupils[4]!).textContent()).toBe('ОП 3');
    await journal.openLesson(lesson);
    expect(await page.getByTestId('topic').inputValue()).toBe('Обыкновенные дроби');
    expect(await page.getByTestId('homework').inputValue()).toBe('§ 12, № 345');
    // The open panel too: its close button is named, its fields labelled.
    await journal.expectAccessible();
    await journal.closeLesson();
    await screenshot(page, 'journal-grid-desktop');
    await journal.expectAccessible();

    // network cut: two marks kept in the browser, pending, then sent
    await context.setOffline(true);
    await journal.typeDown(lesson, pupils.slice(5, 7), ['5', '2']);
    await journal.pendingBadge().waitFor();
    await journal.waitPending(lesson, pupils[5]!);
    await journal.waitPending(lesson, pupils[6]!);
    await context.setOffline(false);
    await journal.pendingBadge().waitFor({ state: 'detached', timeout: 20_000 });
    await page.reload();
    await journal.waitLoaded();
    expect(await journal.cell(lesson, pupils[5]!).textContent()).toBe('5');
    expect(await journal.cell(lesson, pupils[6]!).textContent()).toBe('2');

    // the deputy locks the term
    const deputyContext = await newContext(env.browser, 'desktop');
    await deputyContext.addCookies([data.deputyCookie]);
    const deputyPage = await deputyContext.newPage();
    const control = new ControlPage(deputyPage, env.server.url);
    await control.open();
    await control.lockTerm('1 четверть');
    await control.expectAccessible();

    // the teacher's correction asks for a reason
    await page.reload();
    await journal.waitLoaded();
    await page.getByTestId('locked').waitFor();
    await journal.cell(lesson, pupils[6]!).focus();
    await journal.typeKeys('3');
    await page.keyboard.press('Enter');
    await page.getByTestId('reason-input').waitFor();
    await journal.giveReason('Ошибка ввода: работа оценена на 3');
    await page.waitForFunction(([id]) => document.querySelector(`[data-testid="cell-${id}"]`)?.textContent === '3', [`${lesson}:${pupils[6]}`]);

    // the deputy sees it flagged
    await deputyPage.reload();
    await control.corrections().first().waitFor();
    expect(await control.corrections().first().textContent()).toContain('Ошибка ввода: работа оценена на 3');
    const shown = await control.corrections().count();
    expect(await control.correctionsList.range().textContent()).toBe(`Показаны 1–${shown} из ${shown}`);
    await screenshot(deputyPage, 'journal-control-desktop');

    // phone: the compact grid
    const phone = await newContext(env.browser, 'phone');
    await phone.addCookies([data.teacherCookie]);
    const phonePage = await phone.newPage();
    await phonePage.goto(`${env.server.url}/journal/courses/${data.courseId}`);
    await new JournalPage(phonePage, env.server.url).waitLoaded();
    await screenshot(phonePage, 'journal-grid-phone');
    await phonePage.goto(`${env.server.url}/home`);
    await phonePage.getByTestId('today-lesson').first().waitFor();
    await screenshot(phonePage, 'journal-home-phone');
  });
});
