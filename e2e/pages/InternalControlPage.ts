import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The deputy's control page (/control). */
export class InternalControlPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/control');
    await this.page.getByTestId('control-table').waitFor();
  }

  /** Sorts by a column: the server answers the page in the new order. */
  async sortBy(column: RegExp): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => /\/api\/control\/schools\/\d+\?.*sort=/.test(r.url()) && r.status() === 200),
      this.page.getByRole('button', { name: column }).click(),
    ]);
  }

  rows() {
    return this.page.getByTestId('control-row');
  }

  /** Teacher name and late entries of the first row. */
  async firstRow(): Promise<{ teacher: string; late: string }> {
    const row = this.rows().first();
    return { teacher: (await row.locator('td').first().textContent()) ?? '', late: (await row.getByTestId('late-entries').textContent()) ?? '' };
  }

  async openFirstJournal(): Promise<void> {
    await this.rows().first().getByRole('link', { name: /Журнал|Journal/ }).click();
  }

  /** Late entries of every row, in the order shown. */
  async lateColumn(): Promise<number[]> {
    return (await this.page.getByTestId('late-entries').allTextContents()).map(Number);
  }

  readonly list = new PagedList(this.page, { pager: 'control-pager', row: 'control-row', search: 'control-search' });

  /** Finds the teacher's rows through the search box (they may be on any page), then writes to the first. */
  async writeRemark(teacher: string, text: string): Promise<void> {
    await this.list.search(teacher);
    await this.rows().filter({ hasText: teacher }).first().getByRole('button', { name: /Замечание|Remark/ }).click();
    await this.page.getByLabel(/Текст замечания|Remark/).fill(text);
    await this.page.getByRole('button', { name: /Отправить|Send/ }).click();
    await this.page.getByText(/Замечание отправлено|The remark was sent/).waitFor();
    await this.page.keyboard.press('Escape');
  }

  schoolRemarks() {
    return this.page.getByTestId('school-remarks');
  }
}
