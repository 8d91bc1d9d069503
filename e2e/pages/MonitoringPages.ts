import type { Download, Page } from 'playwright-core';
import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The monitoring dashboards (region, municipality, school) and the rollout plan. */
export class MonitoringPage extends BasePage {
  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
  }

  /** /monitoring sends each person to the dashboard of their scope. */
  async openOwn(): Promise<void> {
    await this.goto('/monitoring');
    await this.page.waitForURL(/\/monitoring\/(regions|municipalities|schools)\/\d+/);
    await this.heading().waitFor();
  }

  async confirmReport(comment: string, button: RegExp): Promise<void> {
    await this.page.getByLabel(/Комментарий|Comment/).fill(comment);
    await this.page.getByRole('button', { name: button }).click();
    await this.page.getByTestId('confirmed').waitFor();
  }

  confirmedBox() {
    return this.page.getByTestId('confirmed');
  }

  schoolRows() {
    return this.page.getByTestId('school-row');
  }

  ranking() {
    return this.page.getByTestId('ranking');
  }

  formula() {
    return this.page.getByTestId('formula');
  }

  async openPlan(): Promise<void> {
    await this.page.getByRole('link', { name: /Открыть план|Open the plan/ }).click();
    await this.page.getByTestId('plan-region').waitFor();
  }

  milestones() {
    return this.page.getByTestId('milestone');
  }

  async downloadWeek(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: /Отчёт за неделю|Weekly report/ }).click()]);
    return download;
  }

  /** The school's not-activated list: one page of rows, its range text, its pages and filters. */
  notActivatedRows() {
    return this.page.getByTestId('not-activated-row');
  }

  readonly notActivated = new PagedList(this.page, { pager: 'not-activated-pager', row: 'not-activated-row', search: 'not-activated-search' });

  /** Picks a class; waits until every shown row is of that class (a cached page may show for a moment first). */
  async filterNotActivatedByClass(className: string): Promise<void> {
    await this.page.getByTestId('not-activated-class').click();
    await this.page.getByRole('option', { name: className, exact: true }).click();
    await this.page.waitForFunction((c) => {
      const cells = [...document.querySelectorAll('[data-testid="not-activated-row"] td:first-child')];
      return cells.length > 0 && cells.every((td) => td.textContent === c);
    }, className);
  }

  async at(viewport: { width: number; height: number }): Promise<void> {
    await this.page.setViewportSize(viewport);
    await this.page.waitForTimeout(300);
  }
}
