import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MonitoringPage } from '../pages/MonitoringPages.js';
import { SignInPage } from '../pages/SignInPage.js';
import { newContext, screenshot, viewports } from '../support/browser.js';
import { DEMO_PASSWORD, ensureDemoLogins } from '../support/demo-logins.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
beforeAll(async () => {
  await ensureDemoLogins(env.server.dataDir);
});

async function signedInAs(login: string): Promise<{ page: Page; monitoring: MonitoringPage; close(): Promise<void> }> {
  const context = await newContext(env.browser, 'desktop');
  const page = await context.newPage();
  const signIn = new SignInPage(page, env.server.url);
  await signIn.open('/monitoring');
  await signIn.signIn(login, DEMO_PASSWORD);
  const monitoring = new MonitoringPage(page, env.server.url);
  await page.waitForURL(/\/monitoring\/(regions|municipalities|schools)\/\d+/);
  await monitoring.heading().waitFor();
  return { page, monitoring, close: () => context.close() };
}

/** Axe on both sizes, and a screenshot of each (e2e/out/monitoring-<name>-<size>.png). */
async function checkBothSizes(m: MonitoringPage, name: string): Promise<void> {
  for (const size of ['desktop', 'phone'] as const) {
    await m.at(viewports[size]);
    await m.expectAccessible();
    await screenshot(m.page, `monitoring-${name}-${size}`);
  }
  await m.at(viewports.desktop);
}

describe('the weekly report chain: school → МОУО → region', () => {
  let schoolName = '';

  it('the school admin confirms the school’s week', async () => {
    const { monitoring, close } = await signedInAs('school-admin');
    schoolName = (await monitoring.heading().textContent()) ?? '';
    expect(await monitoring.page.getByText(/Отчёт за неделю, снимок/).isVisible()).toBe(true);
    await monitoring.page.getByTestId('classes').waitFor();
    await monitoring.page.getByTestId('not-activated').waitFor();
    await monitoring.confirmReport('Данные сверены с журналами', /Подтвердить отчёт/);
    expect(await monitoring.confirmedBox().textContent()).toContain('Данные сверены с журналами');
    await checkBothSizes(monitoring, 'school');
    await close();
  });

  it('the school admin pages through who has not activated yet, and finds one person by class and name', async () => {
    const { page, monitoring, close } = await signedInAs('school-admin');
    await monitoring.notActivatedRows().first().waitFor();
    // The server answers 50 at a time, in class order, with the total.
    expect(await monitoring.notActivatedRows().count()).toBe(50);
    const range = (await monitoring.notActivated.range().textContent()) ?? '';
    const total = Number(range.replace(/\s/g, '').match(/из(\d+)$/)?.[1]);
    expect(range).toMatch(/^Показаны 1–50 из /);
    expect(total).toBeGreaterThan(100);
    const firstOfPage1 = await monitoring.notActivatedRows().first().textContent();
    await monitoring.notActivated.goTo(2);
    expect(await monitoring.notActivated.range().textContent()).toMatch(/^Показаны 51–100 из /);
    expect(page.url()).toMatch(/[?&]page=2/);
    const row = monitoring.notActivatedRows().first();
    expect(await row.textContent()).not.toBe(firstOfPage1);
    const [className, name] = await row.locator('td').evaluateAll((cells) => cells.slice(0, 2).map((c) => c.textContent ?? ''));
    // That person again, from the class filter and the name box (the server filters; the pager goes back to page 1).
    await monitoring.filterNotActivatedByClass(className!);
    expect(await monitoring.notActivated.range().textContent()).toMatch(/^Показаны 1–\d+ из \d+$/);
    await monitoring.notActivated.search(name!);
    expect(page.url()).not.toMatch(/[?&]page=/);
    // The person (a namesake in the same class at most beside them), and nobody else.
    const found = await monitoring.notActivatedRows().allTextContents();
    expect(found.length).toBeLessThanOrEqual(2);
    expect(found.every((r) => r.startsWith(className!) && r.includes(name!))).toBe(true);
    await monitoring.expectAccessible();
    await close();
  });

  it('the municipal officer sees the school confirmed and confirms the municipality', async () => {
    const { monitoring, close } = await signedInAs('mouo');
    const row = monitoring.schoolRows().filter({ has: monitoring.page.getByRole('link') }).filter({ hasText: /./ });
    const confirmed = await row.evaluateAll((rows) => rows.filter((r) => r.getAttribute('data-confirmed') === 'yes').length);
    expect(confirmed).toBe(1);
    expect(schoolName).not.toBe('');
    // The officer sees counts only: no list of people.
    expect(await monitoring.page.getByTestId('not-activated').count()).toBe(0);
    await monitoring.confirmReport('Свод по району направлен', /Подтвердить сводный отчёт МОУО/);
    await checkBothSizes(monitoring, 'municipality');
    await close();
  });

  it('the region coordinator sees the ranking and the plan, and downloads the week’s XLSX', async () => {
    const { page, monitoring, close } = await signedInAs('coordinator');
    await monitoring.ranking().waitFor();
    expect(await monitoring.formula().textContent()).toContain('0.4 × активация');
    expect(await monitoring.ranking().getByRole('row').count()).toBeGreaterThan(3);
    await page.getByTestId('activation-chart').waitFor();
    await checkBothSizes(monitoring, 'region');

    const download = await monitoring.downloadWeek();
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file!);
    const sheet = book.getWorksheet('МОУО')!;
    const rows = (sheet.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    // Exactly one municipality confirmed its summary, with one of its schools confirmed.
    const confirmedRows = rows.filter((r) => typeof r[3] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[3] as string));
    expect(confirmedRows).toHaveLength(1);
    expect(confirmedRows[0]![2]).toBe(1);
    expect(rows.at(-1)![0]).toBe('Итого по региону');

    await monitoring.openPlan();
    expect(await monitoring.milestones().count()).toBe(27);
    expect(await page.getByText('Активация 30 % пользователей').count()).toBe(3);
    await checkBothSizes(monitoring, 'plan');
    await close();
  });
});
