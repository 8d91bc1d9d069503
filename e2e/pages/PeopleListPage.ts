import { BasePage } from './BasePage.js';

/** The school's people list (/people): one page of staff, pupils or guardians at a time. */
export class PeopleListPage extends BasePage {
  rows() {
    return this.page.getByTestId('people-table').locator('tbody tr');
  }

  range() {
    return this.page.getByTestId('people-pager').locator('p').first();
  }

  /** Clicks a page number and waits for the server's page to replace the rows. */
  async goToPage(n: number): Promise<void> {
    const before = await this.range().textContent();
    await this.page.getByTestId('people-pager').getByRole('button', { name: new RegExp(`^(Страница|Page) ${n}$`) }).click();
    await this.page.waitForFunction((text) => document.querySelector('[data-testid="people-pager"] p')?.textContent !== text, before);
  }
}
