import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { SIGN_IN_MESSAGES } from '@/server/domain/auth/sso';
import { expectSignOutRevokesSession, hydrated, signInRefusal } from './helpers';
import { OIDC_CLIENT, ssoPorts, SSO_USERS } from './sso-stand-ins';

// A real OpenID provider (panva's oidc-provider) on 127.0.0.1, the issuer the web server was
// started with (playwright.config.ts). Its dev login form takes any login: the login names one
// of the accounts below, whose claims the test controls.
const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
const ISSUER = `http://127.0.0.1:${ssoPorts(APP_PORT).oidc}`;
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  vouched: { email: SSO_USERS.member.email, email_verified: true, name: SSO_USERS.member.name },
  unverified: { email: SSO_USERS.member.email, email_verified: false, name: 'Unverified' },
  unknown: { email: 'stranger@sso-e2e.test', email_verified: true, name: 'Stranger' },
  disabled: {
    email: SSO_USERS.disabled.email,
    email_verified: true,
    name: SSO_USERS.disabled.name,
  },
};

let server: Server;

test.beforeAll(async () => {
  const provider = new Provider(ISSUER, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`http://localhost:${APP_PORT}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // next-auth reads the profile from the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-only-oidc-cookie-key'] },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // Consent is the provider's business, not what these tests are about.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server = createServer(provider.callback());
  await new Promise<void>((resolve) =>
    server.listen(ssoPorts(APP_PORT).oidc, '127.0.0.1', resolve),
  );
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** From Vigil's sign-in page through the provider's login form, as `login`. */
async function signInThroughProvider(page: Page, login: string) {
  await page.goto('/sign-in');
  await (await hydrated(page.getByRole('button', { name: 'Continue with Stand-in OIDC' }))).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('whatever the provider accepts');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('a vouched member signs in through the OpenID provider, and sign-out ends the session', async ({
  page,
  context,
}) => {
  await signInThroughProvider(page, 'vouched');
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${APP_PORT}/$`));
  await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');
  await expect(page.getByRole('banner')).toContainText(SSO_USERS.member.name);

  await expectSignOutRevokesSession(page, context);
});

test('an email the provider has not verified is refused with a clear message', async ({ page }) => {
  await signInThroughProvider(page, 'unverified');
  await expect(page).toHaveURL(/\/sign-in\?error=SsoEmailUnverified$/);
  await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoEmailUnverified)).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveCount(0);
});

test('an email with no Vigil account is refused with a clear message', async ({ page }) => {
  await signInThroughProvider(page, 'unknown');
  await expect(page).toHaveURL(/\/sign-in\?error=SsoUnknownAccount$/);
  await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoUnknownAccount)).toBeVisible();
});

test('a disabled member is refused with a clear message', async ({ page }) => {
  await signInThroughProvider(page, 'disabled');
  await expect(page).toHaveURL(/\/sign-in\?error=SsoNoMembership$/);
  await expect(signInRefusal(page, SIGN_IN_MESSAGES.SsoNoMembership)).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveCount(0);
});
