import type { Download } from 'playwright-core';
import { BasePage } from './BasePage.js';

/** The reports page (/reports). */
export class ReportsPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/reports');
    await this.page.getByRole('tab').first().waitFor();
  }

  async choose(tab: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name: tab }).click();
  }

  report() {
    return this.page.getByTestId('report');
  }

  async download(testId: 'download-xlsx' | 'download-pdf'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    return download;
  }

  async buildClassArchive(): Promise<Download> {
    await this.page.getByRole('button', { name: /Сформировать архив класса|Build the class archive/ }).click();
    const link = this.page.getByTestId('archive-files').getByRole('link').first();
    await link.waitFor();
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    return download;
  }
}
