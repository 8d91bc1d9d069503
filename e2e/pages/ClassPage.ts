import { BasePage } from './BasePage.js';

/** The class teacher's «Мой класс»: the week's absences and the class across subjects. */
export class ClassPage extends BasePage {
  /** Opened from the navigation, as a class teacher would. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('link', { name: 'Мой класс' }).first().click();
    await this.page.waitForURL(/\/journal\/class$/);
    await this.page.getByRole('heading', { level: 1, name: /^Класс / }).waitFor();
  }

  absences() {
    return this.page.getByTestId('class-absences');
  }

  subjectsTable() {
    return this.page.getByRole('region', { name: 'Средние баллы и итоговые отметки' });
  }

  weekTitle() {
    return this.page.getByTestId('week-title');
  }

  termHint() {
    return this.page.getByTestId('class-term');
  }

  /** Steps to the previous week and waits until the page shows it. */
  async previousWeek(): Promise<void> {
    const before = await this.weekTitle().textContent();
    await this.page.getByRole('button', { name: 'Предыдущая неделя' }).click();
    await this.page.waitForURL(/\?week=\d{4}-\d{2}-\d{2}$/);
    await this.page.waitForFunction((old) => document.querySelector('[data-testid="week-title"]')?.textContent !== old, before);
  }
}
