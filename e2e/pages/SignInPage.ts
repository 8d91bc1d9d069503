import { BasePage } from './BasePage.js';

export class SignInPage extends BasePage {
  async open(next?: string): Promise<void> {
    await this.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    await this.page.getByLabel(/Логин|Login/).waitFor();
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.page.getByLabel(/Логин|Login/).fill(login);
    await this.page.getByLabel(/Пароль|Password/).fill(password);
    await this.page.getByRole('button', { name: /Войти|Sign in/ }).last().click();
  }

  error() {
    return this.page.getByRole('alert');
  }
}
