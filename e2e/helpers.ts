import path from 'node:path';
import {
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';

/** The demo password the seed gives every demo user. */
export const DEMO_PASSWORD = 'vigil-demo-2026';

export type DemoRole = 'admin' | 'compliance' | 'manager' | 'auditor';

export interface DemoUser {
  email: string;
  name: string;
  roleLabel: string;
  /** Exactly the sidebar links this role sees, in order. */
  nav: string[];
}

export const USERS: Record<DemoRole, DemoUser> = {
  admin: {
    email: 'admin@acme.test',
    name: 'Ada Okafor',
    roleLabel: 'Admin',
    nav: [
      'Overview',
      'Vendors',
      'People',
      'Systems',
      'Import',
      'Access',
      'Vendor reviews',
      'Access reviews',
      'Attestations',
      'Signals',
      'Cases',
      'Logs',
      'Log actors',
      'Screening',
      'Candidates',
      'Evidence',
      'Audit log',
      'Members',
      'API keys',
      'Organization',
      'Notifications',
      'Security',
      'Risk weights',
      'Privacy',
      'Review questionnaire',
      'Webhooks',
      'Outbox',
      'SIEM streaming',
      'Connectors',
      'Integrations',
    ],
  },
  compliance: {
    email: 'compliance@acme.test',
    name: 'Chen Wei',
    roleLabel: 'Compliance officer',
    nav: [
      'Overview',
      'Vendors',
      'People',
      'Systems',
      'Import',
      'Access',
      'Vendor reviews',
      'Access reviews',
      'Attestations',
      'Signals',
      'Cases',
      'Logs',
      'Log actors',
      'Screening',
      'Candidates',
      'Evidence',
      'Audit log',
      'Members',
      'Organization',
      'Notifications',
      'Security',
      'Risk weights',
      'Privacy',
      'Review questionnaire',
      'Webhooks',
      'SIEM streaming',
    ],
  },
  manager: {
    email: 'manager@acme.test',
    name: 'Mateo Silva',
    roleLabel: 'Manager',
    nav: [
      'Overview',
      'Vendors',
      'People',
      'Systems',
      'Access',
      'Vendor reviews',
      'Access reviews',
      'Organization',
      'Notifications',
      'Security',
    ],
  },
  auditor: {
    email: 'auditor@acme.test',
    name: 'Priya Raman',
    roleLabel: 'Auditor',
    nav: [
      'Overview',
      'Vendors',
      'People',
      'Systems',
      'Access',
      'Vendor reviews',
      'Access reviews',
      'Attestations',
      'Signals',
      'Cases',
      'Logs',
      'Log actors',
      'Screening',
      'Candidates',
      'Evidence',
      'Audit log',
      'Members',
      'API keys',
      'Organization',
      'Notifications',
      'Security',
      'Risk weights',
      'Privacy',
      'Review questionnaire',
      'Webhooks',
      'SIEM streaming',
    ],
  },
};

export const ROLES = Object.keys(USERS) as DemoRole[];

/** Saved signed-in state per role; test-results is git-ignored and cleaned only at run start. */
export function authFile(role: DemoRole): string {
  return path.join('test-results', '.auth', `${role}.json`);
}

/** A password that satisfies the 12-character minimum, for accounts the tests create. */
export const NEW_USER_PASSWORD = 'e2e-correct-horse-battery';

/**
 * A unique, short address per call, so reruns against the same database never collide (short so
 * it survives the audit log's 120-character change summary).
 */
export function uniqueEmail(prefix: string): string {
  const suffix = Math.floor(Math.random() * 36 ** 3).toString(36);
  return `${prefix}-${Date.now().toString(36)}${suffix}@acme.test`;
}

/**
 * Waits until React has hydrated the element, then returns it. A production page is visible
 * before its client components are live; a click on an unhydrated button is silently lost (and
 * an unhydrated form submits natively), so interactive controls go through this first.
 */
export async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible();
  await expect
    .poll(
      () =>
        locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))),
      { message: 'waiting for React to hydrate the control' },
    )
    .toBe(true);
  return locator;
}

/** Fills and submits the sign-in form on the current page (which must be /sign-in). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  const submit = await hydrated(page.getByRole('button', { name: 'Sign in', exact: true }));
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await submit.click();
}

/** Signs in through the form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, email, password);
  await expect(page.getByTestId('current-role')).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Asserts the sidebar holds exactly these links, in this order. */
export async function expectNav(page: Page, labels: string[]): Promise<void> {
  await expect(mainNav(page).getByRole('link')).toHaveText(labels);
}

/** A fresh context with no cookies (nobody signed in). */
export async function anonymousContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}

/** Picks an organization in the top-bar switcher and waits for the overview of that org. */
export async function switchOrganization(page: Page, orgName: string): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Organization' });
  const option = select.locator('option', { hasText: orgName });
  const value = await option.getAttribute('value');
  expect(value, `no organization option for ${orgName}`).toBeTruthy();
  await (await hydrated(select)).selectOption(value!);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText(`${orgName}: who is risky, what needs attention`)).toBeVisible();
  await expect(select).toHaveValue(value!);
}

/**
 * Admin: invites `email` with a role from the members page and returns the one-time link.
 * The page must be signed in as an admin.
 */
export async function inviteMember(page: Page, email: string, roleLabel: string): Promise<string> {
  await page.goto('/settings/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Add member' }) });
  const submit = await hydrated(form.getByRole('button', { name: 'Add member' }));
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: roleLabel });
  await submit.click();
  const link = page.getByTestId('invite-link');
  await expect(link).toHaveText(/\/invite\/[A-Za-z0-9_-]+$/);
  return (await link.textContent())!.trim();
}

/** Opens an invitation link in a context with nobody signed in and creates the account. */
export async function acceptInvitation(
  browser: Browser,
  baseURL: string,
  link: string,
  name: string,
  password = NEW_USER_PASSWORD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await anonymousContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: /^Join / })).toBeVisible();
  const submit = await hydrated(page.getByRole('button', { name: 'Create account and join' }));
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="confirm"]').fill(password);
  await submit.click();
  await expect(page.getByRole('status')).toContainText('Your account is ready.');
  return { context, page };
}

/** Applies the audit log's "Action starts with" filter through the form. */
export async function filterAuditByAction(page: Page, prefix: string): Promise<void> {
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const filters = page.getByRole('form', { name: 'Filter the audit log' });
  await filters.getByRole('textbox', { name: 'Action starts with' }).fill(prefix);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]action=${encodeURIComponent(prefix)}(&|$)`));
}

/** Audit log table rows whose action is exactly `action`. */
export function auditRows(page: Page, action: string) {
  return page.getByRole('row').filter({ has: page.getByText(action, { exact: true }) });
}

/** A sign-in refusal shown on the sign-in page. */
export function signInRefusal(page: Page, text: string) {
  return page.getByRole('alert').filter({ hasText: text });
}

/**
 * Signs out, then puts the old session cookie back: it must open nothing, because sign-out
 * revokes the session on the server, not only in the browser.
 */
export async function expectSignOutRevokesSession(
  page: Page,
  context: BrowserContext,
): Promise<void> {
  const cookies = await context.cookies();
  // Signed in after a cross-site redirect: let the page settle before signing out.
  await page.waitForLoadState('networkidle');
  await (await hydrated(page.getByRole('button', { name: 'Sign out' }))).click();
  await expect(page).toHaveURL(/\/sign-in$/, { timeout: 20_000 });
  await context.addCookies(cookies);
  await page.goto('/cases');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByTestId('current-role')).toHaveCount(0);
}
