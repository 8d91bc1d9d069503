import { BasePage } from './BasePage.js';

/** The class teacher's «Просмотр дневников»: which guardians confirmed «Дневник просмотрен» for a week. */
export class ConfirmationsPage extends BasePage {
  /** Opened from the navigation, as a class teacher would. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('link', { name: 'Просмотр дневников' }).first().click();
    await this.page.waitForURL(/\/diary\/class$/);
    await this.page.getByRole('heading', { level: 1, name: /^Подтверждения дневников: / }).waitFor();
  }

  weekTitle() {
    return this.page.getByTestId('week-title');
  }

  /** Each pupil's row as «pupil | who confirmed». */
  async rows(): Promise<Array<[string, string]>> {
    const rows = this.page.getByRole('table').getByRole('row');
    const count = await rows.count();
    const out: Array<[string, string]> = [];
    for (let i = 1; i < count; i++) {
      const cells = await rows.nth(i).getByRole('cell').allTextContents();
      out.push([cells[0] ?? '', cells[1] ?? '']);
    }
    return out;
  }

  async previousWeek(): Promise<void> {
    const before = await this.weekTitle().textContent();
    await this.page.getByRole('button', { name: 'Предыдущая неделя' }).click();
    await this.page.waitForURL(/\?week=\d{4}-\d{2}-\d{2}$/);
    await this.page.waitForFunction((old) => document.querySelector('[data-testid="week-title"]')?.textContent !== old, before);
  }
}
