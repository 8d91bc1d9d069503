import { BasePage } from './BasePage.js';

/** The diary pages of a pupil or a guardian (week, marks, feed, notices). */
export class DiaryPage extends BasePage {
  async openWeek(query = ''): Promise<void> {
    await this.goto(`/diary${query}`);
    await this.weekTitle().waitFor();
  }

  weekTitle() {
    return this.page.getByTestId('week-title');
  }

  day(date: string) {
    return this.page.getByTestId(`day-${date}`);
  }

  /** The first day card on the page (today on a phone). */
  firstDay() {
    return this.page.locator('[data-testid^="day-"]').first();
  }

  childSwitch() {
    return this.page.getByTestId('child-switch');
  }

  async switchChild(label: RegExp): Promise<void> {
    await this.childSwitch().click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async openMark(date: string, value: string) {
    await this.day(date).getByRole('button', { name: new RegExp(`(Отметка|Mark) ${value}`) }).first().click();
    const details = this.page.getByTestId('mark-details');
    await details.waitFor();
    return details;
  }

  async previousWeek(): Promise<void> {
    const before = await this.weekTitle().textContent();
    await this.page.getByRole('button', { name: /Предыдущая неделя|Previous week/ }).click();
    await this.page.waitForFunction((text) => document.querySelector('[data-testid="week-title"]')?.textContent !== text, before);
  }

  async confirmWeek(): Promise<void> {
    await this.page.getByRole('button', { name: /Дневник просмотрен|I have seen the diary/ }).click();
    await this.page.getByTestId('confirmed').waitFor();
  }

  async openTab(name: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
}
