import type { Page } from 'playwright-core';
import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The course journal grid and its lesson panel. Cells are addressed as `lessonId:studentId`. */
export class JournalPage extends BasePage {
  async waitLoaded(): Promise<void> {
    await this.page.locator('table.journal-grid').waitFor();
  }

  cell(lessonId: number, studentId: number) {
    return this.page.getByTestId(`cell-${lessonId}:${studentId}`);
  }

  /** The year mark cell of a pupil (on the year's last term). */
  yearCell(studentId: number) {
    return this.page.getByTestId(`cell-Y:${studentId}`);
  }

  /** Row by row, down one column: click the first cell, then type each entry and press Enter (which moves down). */
  async typeDown(lessonId: number, studentIds: number[], entries: string[]): Promise<void> {
    // Focus (not a click: a click on the cell already selected opens its editor, as a tap does on a tablet).
    await this.cell(lessonId, studentIds[0]!).focus();
    for (const [i, entry] of entries.entries()) {
      await this.page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, `cell-${lessonId}:${studentIds[i]}`, { timeout: 10_000 }).catch(async () => {
        const active = await this.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300));
        throw new Error(`cell ${i} (${lessonId}:${studentIds[i]}) is not focused; focused: ${active}`);
      });
      await this.typeKeys(entry);
      await this.page.keyboard.press('Enter');
    }
  }

  /**
   * Types into the focused cell as a Russian keyboard does: the first key is a
   * keydown (Playwright knows no Cyrillic keys, so a Cyrillic one is dispatched
   * as the browser would), which opens the cell's editor; the rest is typed there.
   */
  async typeKeys(text: string): Promise<void> {
    const [first, ...rest] = [...text];
    if (/^[\x20-\x7e]$/.test(first!)) await this.page.keyboard.press(first!);
    else await this.page.evaluate((key) => document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })), first!);
    await this.page.locator('input.cell-input').waitFor();
    if (rest.length) await this.page.keyboard.type(rest.join(''));
  }

  /**
   * Enters a value by touch, as on a tablet: a tap selects the cell, a second
   * tap opens its editor, the on-screen keyboard types the text and its Enter
   * key saves and moves down.
   */
  async tapIn(lessonId: number, studentId: number, text: string): Promise<void> {
    const cell = this.cell(lessonId, studentId);
    if ((await cell.getAttribute('aria-selected')) !== 'true') await cell.tap();
    await cell.tap();
    await this.page.locator('input.cell-input').waitFor();
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Enter');
    await this.page.locator('input.cell-input').waitFor({ state: 'detached' });
  }

  async openLesson(lessonId: number): Promise<void> {
    await this.page.getByTestId(`lesson-${lessonId}`).click();
    await this.page.getByTestId('topic').waitFor();
  }

  /** Closes the lesson panel and waits until it has left the page (its closing transition included). */
  async closeLesson(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('topic').waitFor({ state: 'detached' });
  }

  async setTopicAndHomework(topic: string, homework: string): Promise<void> {
    await this.page.getByTestId('topic').fill(topic);
    await this.page.getByTestId('homework').fill(homework);
    await this.page.getByTestId('save-lesson').click();
    await this.page.getByTestId('topic').waitFor({ state: 'hidden' });
  }

  /** Waits until the cell shows its edit as pending (kept in the browser, not yet acknowledged). */
  async waitPending(lessonId: number, studentId: number): Promise<void> {
    await this.page.locator(`[data-testid="cell-${lessonId}:${studentId}"][data-pending="true"]`).waitFor();
  }

  pendingBadge() {
    return this.page.getByTestId('pending-count');
  }

  async giveReason(reason: string): Promise<void> {
    await this.page.getByTestId('reason-input').fill(reason);
    await this.page.getByTestId('reason-ok').click();
  }
}

/** The deputy's control page: lock a term, see corrections. */
export class ControlPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/journal/control');
    await this.page.getByTestId('lock-button').waitFor();
  }

  async lockTerm(termName: string): Promise<void> {
    await this.page.getByTestId('lock-term').click();
    await this.page.getByRole('option', { name: termName }).click();
    await this.page.getByTestId('lock-button').click();
    await this.page.getByTestId('lock-row').first().waitFor();
  }

  corrections() {
    return this.page.getByTestId('correction');
  }

  /** The corrections, which the server pages 50 at a time. */
  readonly correctionsList = new PagedList(this.page, { pager: 'corrections-pager' });
}

/** The teacher's block on the home page. */
export async function openTodayLesson(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/home`);
  await page.getByTestId('today-lesson').first().click();
  await page.locator('table.journal-grid').waitFor();
}
