import { BasePage } from './BasePage.js';

/** The school admin's card of one person. */
export class PersonPage extends BasePage {
  async open(personId: number): Promise<void> {
    await this.goto(`/people/${personId}`);
    await this.page.getByTestId('person-name').waitFor();
  }

  async reissueCode(): Promise<string> {
    await this.page.getByRole('button', { name: /Выдать новый код|Issue a new code/ }).click();
    const code = this.page.getByTestId('activation-code');
    await code.waitFor();
    return (await code.textContent())!.trim();
  }

  async closeModal(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('activation-code').waitFor({ state: 'detached' });
  }

  async withdrawConsent(): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.page.getByRole('button', { name: /Отозвать согласие|Withdraw the consent/ }).first().click();
    await this.page.getByText(/отозвано|withdrawn/).first().waitFor();
  }
}
