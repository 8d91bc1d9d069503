import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cspViolations, seriousA11yViolations } from '../support/browser.js';

/** What every page object can do: check accessibility, switch the language, read the heading. */
export class BasePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  /** No serious accessibility violation, and nothing on the page refused by the server's CSP. */
  async expectAccessible(): Promise<void> {
    const violations = await seriousA11yViolations(this.page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    expect(await cspViolations(this.page)).toEqual([]);
  }

  async switchLanguage(lang: 'ru' | 'en'): Promise<void> {
    await this.page.getByText(lang.toUpperCase(), { exact: true }).click();
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
}
