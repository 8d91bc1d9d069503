import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The school admin's set-up screens (/setup/:schoolId). */
export class SetupPage extends BasePage {
  async open(schoolId?: number): Promise<void> {
    await this.goto(schoolId ? `/setup/${schoolId}` : '/setup');
    await this.page.getByRole('tab').first().waitFor();
  }

  async tab(name: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  termRows() {
    return this.page.getByTestId('term-row');
  }

  timetableGrid() {
    return this.page.getByTestId('timetable-grid');
  }

  clashCells() {
    return this.page.locator('[data-clash="yes"]');
  }

  /** Picks the courses of a timetable cell, e.g. cell('Пн', 1). */
  cell(weekday: string, number: number) {
    return this.page.getByRole('textbox', { name: `${weekday}, ${number}`, exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: /Сохранить расписание|Save the timetable/ }).click();
  }

  report() {
    return this.page.getByTestId('regeneration-report');
  }

  /** The courses tab's rows (one page of them) and its pager. */
  courseRows() {
    return this.page.getByTestId('course-row');
  }

  readonly courses = new PagedList(this.page, { pager: 'courses-pager', row: 'course-row' });

  async filterCoursesByClass(className: string): Promise<void> {
    await this.page.getByTestId('courses-class-filter').click();
    await this.page.getByRole('option', { name: className, exact: true }).click();
  }

  async searchCourses(text: string): Promise<void> {
    await this.page.getByTestId('courses-search').fill(text);
  }
}
