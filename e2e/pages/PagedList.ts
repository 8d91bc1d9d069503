import type { Page } from 'playwright-core';

/**
 * A list the server pages (web/ui/Pager under it): its range text
 * («Показаны 51–100 из 448»), its page buttons and, where the list has one,
 * its search box. Named by the test ids of the pager, the rows and the box.
 */
export class PagedList {
  constructor(
    private readonly page: Page,
    private readonly ids: { pager: string; row?: string; search?: string },
  ) {}

  range() {
    return this.page.getByTestId(this.ids.pager).locator('p').first();
  }

  /** Clicks a page number and waits for the server's page to replace the rows (the range text changes). */
  async goTo(n: number): Promise<void> {
    const before = await this.range().textContent();
    await this.page.getByTestId(this.ids.pager).getByRole('button', { name: new RegExp(`^(Страница|Page) ${n}$`) }).click();
    await this.page.waitForFunction(([id, text]) => document.querySelector(`[data-testid="${id}"] p`)?.textContent !== text, [this.ids.pager, before] as const);
  }

  /** Types into the search box; waits until every row shown holds the text (the server searched). */
  async search(text: string): Promise<void> {
    if (!this.ids.search || !this.ids.row) throw new Error(`the list of ${this.ids.pager} has no search box`);
    await this.page.getByTestId(this.ids.search).fill(text);
    await this.page.waitForFunction(([row, t]) => {
      const rows = [...document.querySelectorAll(`[data-testid="${row}"]`)];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(t));
    }, [this.ids.row, text] as const);
  }
}
