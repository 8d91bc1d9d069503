/**
 * Script typed into the journal stays text (issue 11): a teacher types HTML and
 * script payloads into a lesson topic and homework (the lesson panel), a mark
 * comment and a homework file's name (the API, as the client has no field for
 * them); then the teacher's journal, a pupil's and a guardian's diary are
 * opened. No dialog may open, no request may leave for another host or an
 * unknown path, and each payload must show literally.
 *
 * The teacher's pages run under the server's real CSP (no bypass), so they also
 * prove the built client works with it; the diary pages run with the CSP
 * bypassed, so that it is the client's escaping, not the CSP, that is proven.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiaryPage } from '../pages/DiaryPage.js';
import { JournalPage, openTodayLesson } from '../pages/JournalPage.js';
import { screenshot, viewports } from '../support/browser.js';
import { apiAs, browserCookie, seedDiary, type DiarySeed } from '../support/diary-data.js';
import { E2E_NOW } from '../support/server.js';
import { journeyEnvironment } from '../support/journey.js';

const TOPIC = `<script>alert('topic')</script><b>Дроби</b>`;
const HOMEWORK = `<img src=x onerror="alert('homework')"> § 12 <svg onload=alert(2)></svg> <a href="javascript:alert(3)">ссылка</a>`;
const COMMENT = `"><img src="https://evil.example/steal.png?c=1" onerror="fetch('/api/evil')"><iframe src="javascript:alert('comment')"></iframe>`;
const FILE_NAME = `<img src=y onerror=alert('file')>.txt`;

const env = journeyEnvironment();
let seed: DiarySeed;
beforeAll(async () => {
  seed = seedDiary(env.server.dataDir);
});

interface Watched {
  page: Page;
  dialogs: string[];
  strayRequests: string[];
  cspViolations: string[];
}

/** A page whose dialogs, requests and CSP reports are recorded from the first moment. */
async function watchedPage(cookie: string, options: { enforceCsp: boolean; viewport: keyof typeof viewports }): Promise<Watched> {
  const context: BrowserContext = await env.browser.newContext({ viewport: viewports[options.viewport], locale: 'ru-RU', timezoneId: 'Asia/Chita', bypassCSP: !options.enforceCsp });
  await context.clock.setFixedTime(new Date(E2E_NOW));
  await context.addCookies([browserCookie(cookie)]);
  const page = await context.newPage();
  const watched: Watched = { page, dialogs: [], strayRequests: [], cspViolations: [] };
  const origin = new URL(env.server.url).origin;
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    const known =
      url.origin === origin &&
      (url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico' || request.resourceType() === 'document');
    // The payloads' own targets must never be asked for, even on this host.
    const payload = url.pathname === '/x' || url.pathname === '/y' || url.pathname === '/api/evil' || url.hostname === 'evil.example';
    if (!known || payload) watched.strayRequests.push(`${request.method()} ${request.url()}`);
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) watched.cspViolations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return watched;
}

function expectClean(w: Watched, where: string) {
  expect(w.dialogs, `${where}: dialogs`).toEqual([]);
  expect(w.strayRequests, `${where}: requests`).toEqual([]);
  expect(w.cspViolations, `${where}: CSP violations`).toEqual([]);
}

/** No element that a payload would have created is in the page. */
async function expectNoInjectedElements(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"], img[src="y"], img[src*="evil.example"]').length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    iframes: document.querySelectorAll('iframe').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'Дроби').length,
  }));
  expect(found, where).toEqual({ img: 0, handlers: 0, iframes: 0, jsLinks: 0, inlineScripts: 0, bold: 0 });
}

describe('script typed into the journal is rendered inert', () => {
  it('topic, homework, mark comment and file name show literally in the journal and the diaries', async () => {
    // The teacher types the topic and the homework in the lesson panel, under the real CSP.
    const teacher = await watchedPage(seed.teacherCookie, { enforceCsp: true, viewport: 'desktop' });
    await openTodayLesson(teacher.page, env.server.url);
    const journal = new JournalPage(teacher.page, env.server.url);
    await journal.waitLoaded();
    await journal.openLesson(seed.todayLessonA);
    await journal.setTopicAndHomework(TOPIC, HOMEWORK);

    // A mark with a hostile comment, and a file with a hostile name, through the API the client uses.
    const write = await apiAs(env.server.url, seed.teacherCookie, 'POST', '/api/journal/changes', {
      changes: [{ kind: 'mark', lessonId: seed.todayLessonA, studentId: seed.childA, value: '4', comment: COMMENT }, { kind: 'mark', lessonId: seed.todayLessonA, studentId: seed.pupilId, value: '5', comment: COMMENT }],
    });
    expect(write.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob(['§ 12']), FILE_NAME);
    const file = await fetch(`${env.server.url}/api/journal/lessons/${seed.todayLessonA}/files`, { method: 'POST', headers: { cookie: seed.teacherCookie, 'x-otmetka-csrf': '1' }, body: form });
    expect(file.status).toBe(201);
    expect((await file.json()).name).toBe(FILE_NAME);

    // The teacher's journal, reloaded: the panel shows the text as typed, the lesson's tooltip too.
    await teacher.page.reload();
    await journal.waitLoaded();
    await teacher.page.getByTestId(`lesson-${seed.todayLessonA}`).hover();
    await teacher.page.getByText(TOPIC, { exact: false }).first().waitFor();
    await journal.openLesson(seed.todayLessonA);
    expect(await teacher.page.getByTestId('topic').inputValue()).toBe(TOPIC);
    expect(await teacher.page.getByTestId('homework').inputValue()).toBe(HOMEWORK);
    await teacher.page.getByText(FILE_NAME, { exact: true }).waitFor();
    await expectNoInjectedElements(teacher.page, 'journal');
    await screenshot(teacher.page, 'xss-journal-desktop');
    expectClean(teacher, 'journal');
    // Self-check: the watchers see what they are for, and the CSP blocks an injected handler.
    await teacher.page.evaluate(() => {
      const probe = document.createElement('div');
      probe.innerHTML = `<img src="/x" onerror="alert('probe')">`;
      document.body.append(probe);
    });
    await teacher.page.waitForTimeout(500);
    expect(teacher.strayRequests).toEqual([expect.stringContaining('/x')]);
    expect(teacher.dialogs).toEqual([]);
    expect(teacher.cspViolations.length).toBeGreaterThan(0);
    await teacher.page.context().close();

    // The guardian's and the pupil's diary weeks, on a phone, with the CSP bypassed.
    for (const [who, cookie] of [['guardian', seed.guardianCookie], ['pupil', seed.pupilCookie]] as const) {
      const reader = await watchedPage(cookie, { enforceCsp: false, viewport: 'phone' });
      const diary = new DiaryPage(reader.page, env.server.url);
      await diary.openWeek(who === 'guardian' ? `?child=${seed.childA}` : '');
      const day = diary.day('2026-10-14');
      await day.getByText(TOPIC, { exact: false }).waitFor();
      const text = (await day.textContent()) ?? '';
      expect(text, who).toContain(TOPIC);
      expect(text, who).toContain(HOMEWORK);
      expect(text, who).toContain(COMMENT);
      expect(text, who).toContain(FILE_NAME);
      const details = await diary.openMark('2026-10-14', who === 'guardian' ? '4' : '5');
      expect(await details.textContent(), who).toContain(COMMENT);
      await expectNoInjectedElements(reader.page, `${who}'s diary`);
      await screenshot(reader.page, `xss-diary-${who}-phone`);
      // Give anything that would fire late (an image error, a frame load) the time to do it.
      await reader.page.waitForTimeout(500);
      expectClean(reader, `${who}'s diary`);
      // Self-check with the CSP bypassed: a dialog would be seen.
      await reader.page.evaluate(() => alert('probe'));
      expect(reader.dialogs).toEqual(['alert: probe']);
      await reader.page.context().close();
    }
  });
});
