import type { Download } from 'playwright-core';
import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The school admin's import wizard, exports and activation letters (/imports). */
export class ImportPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/imports');
    await this.page.getByTestId('import-file').waitFor();
  }

  async chooseFile(path: string): Promise<void> {
    // Mantine's FileInput opens the browser's file chooser on click; there is no permanent <input type=file>.
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.getByTestId('import-file').click()]);
    await chooser.setFiles(path);
  }

  async check(): Promise<void> {
    await this.page.getByTestId('import-check').click();
    await this.page.getByTestId('import-report').waitFor();
  }

  /** The dry-run report's rows as [row, column, problem code]. */
  async problems(): Promise<Array<[string, string, string]>> {
    const rows = this.page.getByTestId('import-problems').locator('tbody tr');
    const out: Array<[string, string, string]> = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const cells = await row.locator('td').allTextContents();
      out.push([cells[0]!, cells[1]!, (await row.getAttribute('data-code')) ?? '']);
    }
    return out;
  }

  /** The report's summary as [column, problem code, count text] per entry, most frequent first. */
  async summary(): Promise<Array<[string, string, string]>> {
    const items = this.page.getByTestId('import-summary').locator('li');
    const out: Array<[string, string, string]> = [];
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      out.push([(await item.getAttribute('data-column')) ?? '', (await item.getAttribute('data-code')) ?? '', (await item.getByTestId('import-summary-count').textContent()) ?? '']);
    }
    return out;
  }

  /** The line saying the list of problems is cut (absent when every problem is listed). */
  listCut() {
    return this.page.getByTestId('import-list-cut');
  }

  /** The pages of the detailed problems (paged in the browser, same pager as the server-paged lists). */
  problemPages(): PagedList {
    return new PagedList(this.page, { pager: 'import-problems-pager' });
  }

  reportSummary() {
    return this.page.getByTestId('import-report').getByRole('status');
  }

  async runImport(): Promise<string> {
    await this.page.getByTestId('import-run').click();
    const result = this.page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    return (await result.textContent()) ?? '';
  }

  async letterClassOptions(): Promise<string[]> {
    await this.page.getByTestId('letters-class').click();
    const options = await this.page.getByRole('option').allTextContents();
    await this.page.keyboard.press('Escape');
    return options;
  }

  async printLettersFor(optionText: RegExp): Promise<Download> {
    await this.page.getByTestId('letters-class').click();
    await this.page.getByRole('option', { name: optionText }).click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('letters-print').click()]);
    await this.page.getByTestId('letters-message').waitFor();
    return download;
  }
}
