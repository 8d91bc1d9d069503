import { BasePage } from './BasePage.js';

/** The read-only week timetable (/timetable). */
export class TimetablePage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/timetable');
    await this.page.getByTestId('week-of').waitFor();
  }

  weekOf() {
    return this.page.getByTestId('week-of');
  }

  /** The week as a table (tablet and PC) or as day cards (phone). */
  week() {
    return this.page.locator('[data-testid="week-table"]:visible, [data-testid="week-days"]:visible');
  }

  async nextWeek(): Promise<void> {
    await this.page.getByRole('button', { name: /Следующая неделя|Next week/ }).click();
  }
}
