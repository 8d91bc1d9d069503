import { BasePage } from './BasePage.js';

export class ActivatePage extends BasePage {
  async waitLoaded(): Promise<void> {
    await this.page.getByLabel(/Код активации|Activation code/).waitFor();
  }

  async activate(code: string, login: string, password: string): Promise<void> {
    await this.page.locator('input[name="code"]').fill(code);
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('input[name="again"]').fill(password);
    await this.page.getByRole('button', { name: /Активировать|Activate/ }).click();
  }
}
