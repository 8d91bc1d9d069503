import { BasePage } from './BasePage.js';

export class StartPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/');
    await this.page.getByRole('heading', { level: 2 }).first().waitFor();
  }

  municipality(name: string) {
    return this.page.getByRole('button', { name: new RegExp(name) });
  }

  async openSchool(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox').first().fill(text);
  }
}
