import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importColumns } from '../../shared/imports.js';
import { ImportPage } from '../pages/ImportPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { IMPORT_ADMIN, seedImportSchool, signInByApi } from '../support/seed-imports.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
const work = mkdtempSync(join(tmpdir(), 'otmetka-import-report-e2e-'));
let file: string;

/**
 * 700 pupils written with one systematic mistake, a class «9Я» the school does not have, and every
 * tenth born on 30 February: 770 problems, more than the 500 the report lists and than one page.
 */
beforeAll(async () => {
  await seedImportSchool(env.server.dataDir);
  const lines = [importColumns.students.map((c) => c.ru).join(';')];
  for (let i = 0; i < 700; i++) lines.push([`R-${i}`, 'Соколов', `Имя${i}`, '', i % 10 === 0 ? '30.02.2015' : '01.03.2015', '9Я'].join(';'));
  file = join(work, 'ученики-9Я.csv');
  writeFileSync(file, lines.join('\r\n'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function checkedReport(viewport: 'desktop' | 'phone') {
  const context = await newContext(env.browser, viewport);
  const page = await context.newPage();
  await signInByApi(context, env.server.url, IMPORT_ADMIN.login, IMPORT_ADMIN.password);
  const imports = new ImportPage(page, env.server.url);
  await imports.open();
  await imports.chooseFile(file);
  await imports.check();
  return { context, page, imports };
}

describe('a file with a systematic mistake: the check shows a summary and pages through the first problems', () => {
  it('on a desktop: the summary counts every problem per column, the list says it is cut, page 2 shows the next problems', async () => {
    const { context, page, imports } = await checkedReport('desktop');
    expect(await imports.reportSummary().textContent()).toContain('Найдено ошибок: 770 (строк с ошибками: 700 из 700)');
    expect(await imports.summary()).toEqual([
      ['Класс', 'unknown_class', '700 строк'],
      ['Дата рождения', 'impossible_date', '70 строк'],
    ]);
    const summary = page.getByTestId('import-summary');
    expect(await summary.locator('li').first().textContent()).toContain('строки 2, 3, 4, 5, 6 …');
    expect(await summary.locator('li').nth(1).textContent()).toContain('строки 2, 12, 22, 32, 42 …');
    expect(await imports.listCut().textContent()).toBe('Показаны первые 500 из 770 замечаний; исправьте файл и проверьте снова.');

    const pages = imports.problemPages();
    expect(await pages.range().textContent()).toBe('Показаны 1–50 из 500');
    const first = await imports.problems();
    expect(first).toHaveLength(50);
    expect(first.slice(0, 3)).toEqual([
      ['2', 'Дата рождения', 'impossible_date'],
      ['2', 'Класс', 'unknown_class'],
      ['3', 'Класс', 'unknown_class'],
    ]);
    await imports.expectAccessible();
    await screenshot(page, 'import-report-capped-desktop');

    await pages.goTo(2);
    expect(await pages.range().textContent()).toBe('Показаны 51–100 из 500');
    // Rows 2…46 hold the first 50 problems (each tenth row has two), so page 2 starts at row 47.
    const second = await imports.problems();
    expect(second).toHaveLength(50);
    expect(second[0]).toEqual(['47', 'Класс', 'unknown_class']);
    await imports.expectAccessible();

    await imports.switchLanguage('en');
    expect(await imports.listCut().textContent()).toBe('Showing the first 500 of 770 problems; fix the file and check again.');
    expect((await imports.summary())[0]).toEqual(['Класс', 'unknown_class', '700 rows']);
    await context.close();
  });

  it('on a phone: the summary and a page of problems fit the width and pass the accessibility check', async () => {
    const { context, page, imports } = await checkedReport('phone');
    expect((await imports.summary()).map((s) => s[2])).toEqual(['700 строк', '70 строк']);
    await imports.problemPages().goTo(10);
    expect(await imports.problemPages().range().textContent()).toBe('Показаны 451–500 из 500');
    // The pager sits under 50 rows: changing the page brings the list's heading back into view, below the fixed header.
    const top = await page.getByRole('heading', { name: 'Ошибки по строкам' }).evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(844 / 2);
    await imports.expectAccessible();
    await page.getByTestId('import-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-report-capped-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
