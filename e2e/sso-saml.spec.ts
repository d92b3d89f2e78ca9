import { expect, test, type Page } from '@playwright/test';
import { SIGN_IN_MESSAGES } from '@/server/domain/auth/sso';
import { startStandInIdp, type StandInIdp } from '../tests/helpers/saml-idp';
import { expectSignOutRevokesSession, hydrated, signInRefusal, submitSignIn } from './helpers';
import { samlIdpKeys, ssoPorts, SSO_PASSWORD, SSO_USERS } from './sso-stand-ins';

// A stand-in SAML IdP on 127.0.0.1 (tests/helpers/saml-idp.ts), signing with the key whose
// certificate the web server was started with (playwright.config.ts).
const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
const APP = `http://localhost:${APP_PORT}`;
const ENTITY_ID = `${APP}/api/sso/saml/metadata`;

let idp: StandInIdp;

test.beforeAll(async () => {
  idp = await startStandInIdp({
    keys: samlIdpKeys(),
    audience: ENTITY_ID,
    port: ssoPorts(APP_PORT).saml,
  });
});
test.afterAll(() => idp.close());

/** Vigil's SAML button, then the IdP's page (already signed in there as `email`). */
async function signInThroughIdp(page: Page, email: string): Promise<string> {
  idp.nextEmail = email;
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Continue with Stand-in SAML' }).click();
  await expect(page.getByRole('heading', { name: 'Stand-in IdP' })).toBeVisible();
  const posted = await page.locator('input[name="SAMLResponse"]').inputValue();
  await page.getByRole('button', { name: 'Continue to Vigil' }).click();
  return posted;
}

test.describe('SAML sign-in', () => {
  test('publishes SP metadata with the ACS (HTTP-POST) and the entity id', async ({ request }) => {
    const res = await request.get('/api/sso/saml/metadata');
    expect(res.status()).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${ENTITY_ID}"`);
    expect(xml).toContain(`Location="${APP}/api/sso/saml/acs"`);
  });

  test('a vouched member signs in, the response cannot be replayed, and sign-out ends the session', async ({
    page,
    context,
  }) => {
    const posted = await signInThroughIdp(page, SSO_USERS.member.email);
    await expect(page).toHaveURL(`${APP}/`);
    await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');
    await expect(page.getByRole('banner')).toContainText(SSO_USERS.member.name);

    // The same signed response posted again is refused (its request was answered once).
    const replay = await page.request.post('/api/sso/saml/acs', {
      form: { SAMLResponse: posted },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(303);
    expect(replay.headers().location).toBe(`${APP}/sign-in?error=SsoInvalidResponse`);

    await expectSignOutRevokesSession(page, context);
  });

  test('an unknown email is refused with a clear message', async ({ page }) => {
    await signInThroughIdp(page, 'stranger@sso-e2e.test');
    await expect(page).toHaveURL(/\/sign-in\?error=SsoUnknownAccount$/);
    await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoUnknownAccount)).toBeVisible();
  });

  test('a disabled member is refused with a clear message', async ({ page }) => {
    await signInThroughIdp(page, SSO_USERS.disabled.email);
    await expect(page).toHaveURL(/\/sign-in\?error=SsoNoMembership$/);
    await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoNoMembership)).toBeVisible();
  });

  test('an identity posted without a valid ticket opens nothing', async ({ page }) => {
    // The saml provider takes no identity from the browser: without the ACS's ticket it refuses.
    await page.goto('/sign-in/saml');
    await expect(page).toHaveURL(/\/sign-in\?error=SsoTicketInvalid$/);
    await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoTicketInvalid)).toBeVisible();
  });
});

test.describe('require SSO with a break-glass admin', () => {
  test('an admin requires SSO; password sign-in is then refused for all but the break-glass admin', async ({
    browser,
    page,
  }) => {
    await page.goto('/sign-in');
    await submitSignIn(page, SSO_USERS.admin.email, SSO_PASSWORD);
    await expect(page.getByTestId('current-role')).toHaveText('Admin');
    await page.goto('/settings/organization');
    const panel = page.getByRole('form', { name: 'Single sign-on' });
    await panel
      .getByLabel('Break-glass admin')
      .selectOption({ label: `${SSO_USERS.admin.name} (${SSO_USERS.admin.email})` });
    await (await hydrated(panel.getByLabel('Require single sign-on for all members'))).check();
    await panel.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(panel.getByRole('status')).toContainText('Single sign-on is required.');

    const member = await browser.newPage();
    try {
      await member.goto('/sign-in');
      await submitSignIn(member, SSO_USERS.member.email, SSO_PASSWORD);
      await expect(signInRefusal(member, SIGN_IN_MESSAGES.SsoRequired)).toBeVisible();
      await expect(member.getByTestId('current-role')).toHaveCount(0);
      // SSO still lets the member in.
      await signInThroughIdp(member, SSO_USERS.member.email);
      await expect(member.getByTestId('current-role')).toHaveText('Compliance officer');
    } finally {
      await member.close();
    }

    // The break-glass admin still signs in with a password.
    const glass = await browser.newPage();
    try {
      await glass.goto('/sign-in');
      await submitSignIn(glass, SSO_USERS.admin.email, SSO_PASSWORD);
      await expect(glass.getByTestId('current-role')).toHaveText('Admin');
    } finally {
      await glass.close();
    }

    // The change is in the audit log; then lift the requirement so reruns start clean.
    await page.goto('/audit');
    await expect(page.getByText('org.sso_policy_updated').first()).toBeVisible();
    await page.goto('/settings/organization');
    await (await hydrated(panel.getByLabel('Require single sign-on for all members'))).uncheck();
    await panel.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(panel.getByRole('status')).toHaveText('Single sign-on is optional.');
  });
});
