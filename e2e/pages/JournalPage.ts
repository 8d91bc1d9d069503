import type { Page } from 'playwright-core';
import { BasePage } from './BasePage.js';

/** The course journal grid and its lesson panel. Cells are addressed as `lessonId:studentId`. */
export class JournalPage extends BasePage {
  async waitLoaded(): Promise<void> {
    await this.page.locator('table.journal-grid').waitFor();
  }

  cell(lessonId: number, studentId: number) {
    return this.page.getByTestId(`cell-${lessonId}:${studentId}`);
  }

  /** Row by row, down one column: click the first cell, then type each entry and press Enter (which moves down). */
  async typeDown(lessonId: number, studentIds: number[], entries: string[]): Promise<void> {
    await this.cell(lessonId, studentIds[0]!).click();
    for (const entry of entries) {
      await this.page.keyboard.type(entry);
      await this.page.keyboard.press('Enter');
      await this.page.waitForTimeout(150);
    }
  }

  async openLesson(lessonId: number): Promise<void> {
    await this.page.getByTestId(`lesson-${lessonId}`).click();
    await this.page.getByTestId('topic').waitFor();
  }

  async setTopicAndHomework(topic: string, homework: string): Promise<void> {
    await this.page.getByTestId('topic').fill(topic);
    await this.page.getByTestId('homework').fill(homework);
    await this.page.getByTestId('save-lesson').click();
    await this.page.getByTestId('topic').waitFor({ state: 'hidden' });
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
}

/** The teacher's block on the home page. */
export async function openTodayLesson(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/home`);
  await page.getByTestId('today-lesson').first().click();
  await page.locator('table.journal-grid').waitFor();
}
