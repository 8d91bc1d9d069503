import { describe, expect, it } from 'vitest';
import { BackupPage } from '../pages/BackupPage.js';
import { adminSession } from '../support/admin-session.js';
import { newContext, screenshot } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

const env = journeyEnvironment();

describe('the admin backs the journal up', { timeout: 240_000 }, () => {
  it('on a desktop: backs up now, sees the verified copy in the list, downloads it', async () => {
    const context = await newContext(env.browser, 'desktop');
    await adminSession(context, env.server);
    const page = await context.newPage();
    const backups = new BackupPage(page, env.server.url);
    await backups.open();
    expect(await backups.heading().textContent()).toBe('Резервные копии');
    expect(await page.getByText('Копий пока нет.').isVisible()).toBe(true);
    await backups.expectAccessible();

    await backups.backUpNow().click();
    await backups.waitDone();
    await expect.poll(() => backups.rows().count(), { timeout: 100_000 }).toBe(1);
    const row = backups.rows().first();
    expect(await row.textContent()).toContain('вручную');
    expect(await row.textContent()).toContain('проверена');
    await backups.expectAccessible();
    await screenshot(page, 'backups-desktop-ru');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link').click()]);
    expect(download.suggestedFilename()).toMatch(/^otmetka-20261014T030000Z-manual.*\.otmbak$/);
    expect((await download.createReadStream()).readable).toBe(true);

    await backups.switchLanguage('en');
    expect(await backups.heading().textContent()).toBe('Backups');
    expect(await row.textContent()).toContain('verified');
    await context.close();
  });

  it('on a phone: the list and the button fit, in English', async () => {
    const context = await newContext(env.browser, 'phone');
    await adminSession(context, env.server);
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('otmetka.lang', 'en'));
    const backups = new BackupPage(page, env.server.url);
    await backups.open();
    await backups.backUpNow().click();
    await backups.waitDone();
    // "done" of the first journey's run may still show: wait for the second copy itself.
    await expect.poll(() => backups.rows().count(), { timeout: 100_000 }).toBe(2);
    expect(await page.getByText('Back up now').isVisible()).toBe(true);
    await backups.expectAccessible();
    await screenshot(page, 'backups-phone-en');
    await context.close();
  });

  it('refuses the page’s API to anyone but the admin', async () => {
    const res = await fetch(`${env.server.url}/api/admin/backups`);
    expect(res.status).toBe(401);
  });
});
