import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importColumns } from '../../shared/imports.js';
import { ImportPage } from '../pages/ImportPage.js';
import { newContext, screenshot } from '../support/browser.js';
import { codeBelongsTo, IMPORT_ADMIN, IMPORT_CLASSES, seedImportSchool, signInByApi } from '../support/seed-imports.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();
let school: { schoolId: number; schoolName: string };
const work = mkdtempSync(join(tmpdir(), 'otmetka-import-e2e-'));

beforeAll(async () => {
  school = await seedImportSchool(env.server.dataDir);
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
});

const SURNAMES = ['Абрамов', 'Белов', 'Воробьёв', 'Григорьев', 'Данилов', 'Егоров', 'Жуков', 'Зайцев', 'Ильин', 'Комаров'];
const NAMES = ['Артём', 'Борис', 'Вадим', 'Глеб', 'Денис', 'Евгений', 'Захар', 'Игорь', 'Кирилл', 'Лев'];

/** 300 pupils, 50 per class, each with a mother and a father; `bad` puts an unknown class in row 41 and 30 February in row 202. */
async function pupilsXlsx(file: string, bad: boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ученики');
  sheet.addRow(importColumns.students.map((c) => c.ru));
  for (let i = 0; i < 300; i++) {
    const surname = SURNAMES[i % 10]!;
    const name = NAMES[Math.floor(i / 10) % 10]!;
    const klass = IMPORT_CLASSES[Math.floor(i / 50)]!;
    let birth = `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.${klass.startsWith('5') ? 2015 : 2014}`;
    let className = klass;
    if (bad && i === 39) className = '9Я';
    if (bad && i === 200) birth = '30.02.2015';
    const phone = `+7 914 555-${String(i).padStart(4, '0')}`;
    sheet.addRow([`E-${1000 + i}`, surname, name, `Сергеевич`, birth, className, `${surname}а`, 'Ольга', 'Ивановна', 'мать', phone, '', surname, 'Сергей', 'Петрович', 'отец', '', '']);
  }
  await workbook.xlsx.writeFile(file);
}

describe('the school admin imports 300 pupils and prints a class’s activation letters', () => {
  it('sees exactly the two bad rows, fixes them, imports, finds the classes filled, downloads the letters', async () => {
    const context = await newContext(env.browser, 'desktop');
    const page = await context.newPage();
    await signInByApi(context, env.server.url, IMPORT_ADMIN.login, IMPORT_ADMIN.password);
    const imports = new ImportPage(page, env.server.url);
    await imports.open();
    await imports.expectAccessible();

    const badFile = join(work, 'ученики-с-ошибками.xlsx');
    await pupilsXlsx(badFile, true);
    await imports.chooseFile(badFile);
    await imports.check();
    // Row numbers as the spreadsheet shows them: header = 1, so pupil i is row i + 2.
    expect(await imports.problems()).toEqual([
      ['41', 'Класс', 'unknown_class'],
      ['202', 'Дата рождения', 'impossible_date'],
    ]);
    expect(await imports.reportSummary().textContent()).toContain('Ничего не загружено');
    await imports.expectAccessible();
    await screenshot(page, 'import-report-desktop');

    const goodFile = join(work, 'ученики.xlsx');
    await pupilsXlsx(goodFile, false);
    await imports.chooseFile(goodFile);
    await imports.check();
    expect(await imports.problems()).toEqual([]);
    const result = await imports.runImport();
    expect(result).toContain('новых — 300');
    await imports.expectAccessible();
    await screenshot(page, 'import-result-desktop');

    const options = await imports.letterClassOptions();
    for (const name of IMPORT_CLASSES) expect(options.some((o) => o.startsWith(`${name} — учеников: 50,`))).toBe(true);

    const download = await imports.printLettersFor(/^5А —/);
    const pdf = join(work, 'letters.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    // The first pupil of 5А: Абрамов Артём; their letter is the first page.
    const firstPage = text.split('\f')[0]!;
    expect(firstPage).toContain('Абрамов Артём Сергеевич');
    const code = /[A-Z0-9]{5}-[A-Z0-9]{5}/.exec(firstPage)?.[0];
    expect(code).toBeTruthy();
    expect(await codeBelongsTo(env.server.dataDir, school.schoolId, 'Абрамов', 'Артём', code!)).toBe(true);
    // 50 pupils and 100 parents in 5А: one letter each.
    expect(text.split('\f').filter((p) => p.includes('Код активации'))).toHaveLength(150);
    expect(await page.getByTestId('letters-message').textContent()).toContain('150');
    await screenshot(page, 'import-letters-desktop');
    await context.close();
  });

  it('on a phone the wizard, report table and letters fit and pass the accessibility check', async () => {
    const context = await newContext(env.browser, 'phone');
    const page = await context.newPage();
    await signInByApi(context, env.server.url, IMPORT_ADMIN.login, IMPORT_ADMIN.password);
    const imports = new ImportPage(page, env.server.url);
    await imports.open();
    const badFile = join(work, 'phone.xlsx');
    await pupilsXlsx(badFile, true);
    await imports.chooseFile(badFile);
    await imports.check();
    // After the first import the same people are known, so only the two bad rows are reported again.
    expect((await imports.problems()).map((p) => p[2])).toEqual(['unknown_class', 'impossible_date']);
    expect(await imports.summary()).toEqual([
      ['Класс', 'unknown_class', '1 строка'],
      ['Дата рождения', 'impossible_date', '1 строка'],
    ]);
    expect(await page.getByTestId('import-summary').locator('li').first().textContent()).toContain('строка 41');
    await imports.expectAccessible();
    await screenshot(page, 'import-report-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
