import { BasePage } from './BasePage.js';

/** The signed-in home page; the teacher's remarks block. */
export class HomePage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/home');
    await this.heading().waitFor();
  }

  remarks() {
    return this.page.getByTestId('my-remarks');
  }

  async markFirstRemarkDone(): Promise<void> {
    await this.remarks().getByRole('button', { name: /Выполнено|Done/ }).first().click();
  }
}
