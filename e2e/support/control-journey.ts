/**
 * The control journey of issue 7, shared by the seeded and the demo-login
 * variants: the deputy sorts teachers by late entries, opens one course's
 * journal, writes a remark; the teacher sees it on the home page and marks it
 * done; the deputy downloads the class results as XLSX and the year-end PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { HomePage } from '../pages/HomePage.js';
import { InternalControlPage } from '../pages/InternalControlPage.js';
import { ReportsPage } from '../pages/ReportsPage.js';
import { screenshot } from './browser.js';

export interface JourneyOptions {
  baseUrl: string;
  deputy: BrowserContext;
  teacher: BrowserContext;
  /** The teacher's full name as the control page shows it. */
  teacherName: string;
  /** A pupil's name expected in the class results file. */
  pupil?: string;
  label: string;
}

export async function controlJourney(o: JourneyOptions): Promise<void> {
  const page = await o.deputy.newPage();
  const control = new InternalControlPage(page, o.baseUrl);
  await control.open();
  await control.expectAccessible();
  await control.sortBy(/Поздние записи/);
  // The server sorted; the rows follow its answer: the first row has the most late entries.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-testid="late-entries"]')].map((c) => Number(c.textContent));
    return cells.every((v, i) => i === 0 || cells[i - 1]! >= v);
  });
  const late = await control.lateColumn();
  expect(late).toEqual([...late].sort((a, b) => b - a));
  await screenshot(page, `control-${o.label}-desktop`);
  // More than a page of courses (the demo school): page 2 goes on in the same order, sorted on the server.
  const range = (await control.list.range().textContent()) ?? '';
  if (Number(range.replace(/\s/g, '').match(/из(\d+)$/)?.[1]) > 50) {
    expect(late).toHaveLength(50);
    await control.list.goTo(2);
    expect(await control.list.range().textContent()).toMatch(/^Показаны 51–/);
    const next = await control.lateColumn();
    expect(next).toEqual([...next].sort((a, b) => b - a));
    expect(next[0]).toBeLessThanOrEqual(late.at(-1)!);
    await control.list.goTo(1);
  }

  // Drill down into the journal of the course with the most late entries (read-only for the deputy).
  await control.openFirstJournal();
  await page.waitForURL(/\/journal\/courses\/\d+/);
  await page.locator('td.cell').first().waitFor();
  await page.goBack();
  await page.getByTestId('control-table').waitFor();

  const text = `Заполните темы уроков (${o.label}).`;
  await control.writeRemark(o.teacherName, text);
  await control.schoolRemarks().getByText(text).waitFor();

  const teacherPage = await o.teacher.newPage();
  const home = new HomePage(teacherPage, o.baseUrl);
  await home.open();
  await home.remarks().getByText(text).waitFor();
  await home.expectAccessible();
  await screenshot(teacherPage, `home-remarks-${o.label}-desktop`);
  await home.markFirstRemarkDone();
  await home.remarks().getByText(/выполнено|done/).first().waitFor();
  await page.reload();
  await control.schoolRemarks().getByText(/выполнено/).first().waitFor();

  // Class results as XLSX, read back.
  const reports = new ReportsPage(page, o.baseUrl);
  await reports.open();
  await reports.report().waitFor();
  await reports.expectAccessible();
  await screenshot(page, `reports-${o.label}-desktop`);
  const xlsx = await reports.download('download-xlsx');
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  const names = book.getWorksheet('Отметки')!.getColumn(2).values.filter((v): v is string => typeof v === 'string');
  expect(names.length).toBeGreaterThan(1);
  if (o.pupil) expect(names).toContain(o.pupil);

  // The year-end archive of the class as PDF.
  await reports.choose(/Архив/);
  const pdf = await reports.buildClassArchive();
  const file = join(mkdtempSync(join(tmpdir(), 'otmetka-e2e-')), 'archive.pdf');
  await pdf.saveAs(file);
  const content = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(content).toContain('КЛАССНЫЙ ЖУРНАЛ');
  expect(content).toContain('СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ');
  if (o.pupil) expect(content).toContain(o.pupil);
  await screenshot(page, `reports-archive-${o.label}-desktop`);
}

/** The pages at phone width, for the screenshots and axe. */
export async function phoneScreens(context: BrowserContext, baseUrl: string, label: string): Promise<void> {
  const page = await context.newPage();
  const control = new InternalControlPage(page, baseUrl);
  await control.open();
  await control.expectAccessible();
  await screenshot(page, `control-${label}-phone`);
  const reports = new ReportsPage(page, baseUrl);
  await reports.open();
  await reports.report().waitFor();
  await reports.expectAccessible();
  await screenshot(page, `reports-${label}-phone`);
}
