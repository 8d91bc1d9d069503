import { describe, expect, it } from 'vitest';
import { ActivatePage } from '../pages/ActivatePage.js';
import { BasePage } from '../pages/BasePage.js';
import { PeopleListPage } from '../pages/PeopleListPage.js';
import { PersonPage } from '../pages/PersonPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { newContext, screenshot, viewports } from '../support/browser.js';
import { journeyEnvironment } from '../support/journey.js';

/**
 * A guardian gets a code from the school admin (the honest way: the admin
 * reissues it in the person's card, as for a printed letter), activates,
 * sees only their own child; another child's address is a not-found page;
 * the admin withdraws the consent and the guardian's next request is refused.
 */
const env = journeyEnvironment();

/** A demo login's API session, to find ids the journey needs (never to do the journey's own steps). */
async function apiAs(login: string) {
  const res = await fetch(`${env.server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
    body: JSON.stringify({ login, password: 'otmetka-demo' }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await res.json()) as { personId: number };
  const get = async <T>(url: string) => (await (await fetch(`${env.server.url}${url}`, { headers: { cookie } })).json()) as T;
  return { me, get };
}

describe('a guardian activates, sees only their child, and loses access when consent is withdrawn', () => {
  it('from the school admin’s code to the withdrawal', async () => {
    const student = await apiAs('student');
    const [self] = await student.get<Array<{ personId: number; fullName: string; schoolId: number }>>('/api/me/children');
    const parent2 = await apiAs('parent2');
    const otherChild = (await parent2.get<Array<{ personId: number }>>('/api/me/children'))[0]!.personId;
    const admin = await apiAs('school-admin');
    const card = await admin.get<{ guardians: Array<{ personId: number }> }>(`/api/people/${self!.personId}`);
    const statuses = await Promise.all(card.guardians.map((g) => admin.get<{ id: number; account: { status: string } }>(`/api/people/${g.personId}`)));
    const pending = statuses.find((g) => g.account.status === 'pending')!;
    expect(pending).toBeDefined();

    // The school admin, on a desktop, reissues the pending guardian's code.
    const adminContext = await newContext(env.browser, 'desktop');
    const adminPage = await adminContext.newPage();
    adminPage.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    adminPage.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
    const signIn = new SignInPage(adminPage, env.server.url);
    await signIn.open();
    await signIn.signIn('school-admin', 'otmetka-demo');
    await adminPage.waitForURL(/\/home/);
    await adminPage.getByRole('link', { name: 'Люди школы' }).first().click();
    await adminPage.getByTestId('people-table').waitFor();
    await new BasePage(adminPage, env.server.url).expectAccessible();
    await screenshot(adminPage, 'people-list-desktop');
    // The pupils come 50 a page from the server, by surname; page 2 goes on from there.
    const people = new PeopleListPage(adminPage, env.server.url);
    expect(await people.rows().count()).toBe(50);
    expect(await people.pager.range().textContent()).toMatch(/^Показаны 1–50 из \d/);
    const firstOnPage1 = await people.rows().first().textContent();
    await people.pager.goTo(2);
    expect(await people.pager.range().textContent()).toMatch(/^Показаны 51–100 из /);
    expect(await people.rows().first().textContent()).not.toBe(firstOnPage1);
    await people.expectAccessible();
    await adminPage.setViewportSize(viewports.phone);
    // Let the layout settle into its phone form (the side menu folds away) before the picture.
    await adminPage.waitForTimeout(300);
    await adminPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(adminPage, 'people-list-phone');
    await adminPage.setViewportSize(viewports.desktop);
    const guardianCard = new PersonPage(adminPage, env.server.url);
    await guardianCard.open(pending.id);
    const code = await guardianCard.reissueCode();
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await screenshot(adminPage, 'person-code-desktop');
    await guardianCard.closeModal();

    // The guardian, on a phone, comes from the school's public page.
    const guardianContext = await newContext(env.browser, 'phone');
    const phone = await guardianContext.newPage();
    await phone.goto(`${env.server.url}/schools/${self!.schoolId}`);
    await phone.getByRole('link', { name: /Активировать учётную запись/ }).click();
    await phone.waitForURL(/\/activate\?school=/);
    const activate = new ActivatePage(phone, env.server.url);
    await activate.waitLoaded();
    await activate.expectAccessible();
    await screenshot(phone, 'activate-phone');
    await activate.activate(code.toLowerCase(), 'roditel.e2e', 'тёплый вечер 2026');
    await phone.waitForURL(/\/home/);
    const children = phone.getByTestId('children').getByRole('link');
    await children.first().waitFor();
    expect(await children.allTextContents()).toEqual([self!.fullName]);
    await activate.expectAccessible();
    await screenshot(phone, 'home-guardian-phone');
    await children.first().click();
    expect(await phone.getByTestId('child-name').textContent()).toBe(self!.fullName);

    // Another child's address: a not-found page, nothing about the child.
    await phone.goto(`${env.server.url}/children/${otherChild}`);
    await phone.getByTestId('not-found').waitFor();
    await screenshot(phone, 'child-not-found-phone');

    // The profile lists this session.
    await phone.goto(`${env.server.url}/profile`);
    await phone.getByTestId('sessions').waitFor();
    await activate.expectAccessible();
    await screenshot(phone, 'profile-phone');

    // The school admin withdraws the student's consent.
    const studentCard = new PersonPage(adminPage, env.server.url);
    await studentCard.open(self!.personId);
    await screenshot(adminPage, 'person-student-desktop');
    await studentCard.withdrawConsent();
    await studentCard.expectAccessible();

    // The guardian's next request is refused: back to the sign-in page, and sign-in says the account is blocked.
    await phone.goto(`${env.server.url}/home`);
    await phone.waitForURL(/\/sign-in/);
    const again = new SignInPage(phone, env.server.url);
    await again.signIn('roditel.e2e', 'тёплый вечер 2026');
    expect(await again.error().textContent()).toBe('Учётная запись заблокирована');
    const refused = await guardianContext.request.get(`${env.server.url}/api/me/children`);
    expect(refused.status()).toBe(401);
    await adminContext.close();
    await guardianContext.close();
  });
});
