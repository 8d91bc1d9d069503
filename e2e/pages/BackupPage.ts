import { BasePage } from './BasePage.js';

export class BackupPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/admin/backups');
    await this.heading().waitFor();
  }

  backUpNow() {
    return this.page.getByTestId('backup-now');
  }

  async waitDone(): Promise<void> {
    await this.page.getByTestId('backup-done').waitFor({ timeout: 100_000 });
  }

  rows() {
    return this.page.getByTestId('backup-list').locator('tbody tr');
  }
}
