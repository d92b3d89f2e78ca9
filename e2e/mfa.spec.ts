import { expect, test, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import {
  acceptInvitation,
  authFile,
  auditRows,
  filterAuditByAction,
  hydrated,
  inviteMember,
  NEW_USER_PASSWORD,
  submitSignIn,
  uniqueEmail,
} from './helpers';

// Screenshots for a reviewer when MFA_SCREENSHOTS names a folder (docs/SECURITY.md §Authentication).
const SHOTS = process.env.MFA_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const codeAt = (secret: string, offsetSeconds = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

async function signOut(page: Page): Promise<void> {
  await (await hydrated(page.getByRole('button', { name: 'Sign out' }))).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function passwordStep(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, email, NEW_USER_PASSWORD);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Verify it’s you' })).toBeVisible();
}

async function enterCode(page: Page, code: string): Promise<void> {
  const verify = await hydrated(page.getByRole('button', { name: 'Verify' }));
  await page.locator('input[name="code"]').fill(code);
  await verify.click();
}

test.use({ storageState: authFile('admin') });

test('a member enrols an authenticator app and a passkey, and signs in with each and a recovery code', async ({
  page: admin,
  browser,
  baseURL,
}) => {
  // A member of its own, so the demo users' saved sessions are untouched.
  const email = uniqueEmail('mfa');
  const link = await inviteMember(admin, email, 'Compliance officer');
  const { context, page } = await acceptInvitation(browser, baseURL!, link, 'Mira Factor');
  try {
    await page.goto('/sign-in');
    await submitSignIn(page, email, NEW_USER_PASSWORD);
    await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');

    // Enrol: QR code and key shown, the app's first code turns it on, ten codes shown once.
    await page.goto('/settings/security');
    await (await hydrated(page.getByRole('button', { name: 'Set up authenticator app' }))).click();
    await expect(
      page.getByRole('img', { name: 'QR code for your authenticator app' }),
    ).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'enrolment');
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'That code does not match' }),
    ).toBeVisible();
    await page.getByLabel('Code from the app').fill(codeAt(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codesPanel = page.getByTestId('recovery-codes');
    await expect(codesPanel).toContainText('shown only once');
    const recoveryCodes = await codesPanel.locator('li code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await expect(page.getByTestId('recovery-codes-left')).toHaveText(/^10 of 10 unused/);

    // Password alone opens nothing: pages go back to the step, the API answers 401.
    await signOut(page);
    await passwordStep(page, email);
    await shot(page, 'sign-in-second-step');
    await page.goto('/vendors');
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    const me = await page.request.get('/api/trpc/session.me');
    expect(me.status()).toBe(401);
    const download = await page.request.get(
      '/api/evidence/00000000-0000-4000-8000-000000000000/download',
    );
    expect(download.status()).toBe(401);
    // The code just used at enrolment is refused (replay); the next one is accepted.
    await enterCode(page, codeAt(secret));
    await expect(page.getByRole('alert').filter({ hasText: 'already used' })).toBeVisible();
    await enterCode(page, codeAt(secret, 30));
    await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');

    // A recovery code works once.
    await signOut(page);
    await passwordStep(page, email);
    await enterCode(page, recoveryCodes[0]!);
    await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');
    await page.goto('/settings/security');
    await expect(page.getByTestId('recovery-codes-left')).toHaveText(/^9 of 10 unused/);

    // A passkey, on Chromium's virtual authenticator.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const add = await hydrated(page.getByRole('button', { name: 'Add passkey' }));
    await page.getByLabel('Passkey name').fill('E2E laptop');
    await add.click();
    await expect(page.getByTestId('passkey-E2E laptop')).toBeVisible();

    await signOut(page);
    await passwordStep(page, email);
    await (await hydrated(page.getByRole('button', { name: 'Use a passkey' }))).click();
    await expect(page.getByTestId('current-role')).toHaveText('Compliance officer');
  } finally {
    await context.close();
  }

  // Every step is in the audit log, and the admin sees the member's second factor.
  await filterAuditByAction(admin, 'auth.mfa');
  await expect(auditRows(admin, 'auth.mfa_verified').filter({ hasText: email })).toHaveCount(3);
  await expect(auditRows(admin, 'auth.mfa_failed').filter({ hasText: email })).toHaveCount(1);
  await filterAuditByAction(admin, 'mfa.');
  for (const action of ['mfa.totp_enrolled', 'mfa.recovery_code_used', 'mfa.passkey_added'])
    await expect(auditRows(admin, action).filter({ hasText: email })).toHaveCount(1);

  // Lost device: the admin resets the member's factors.
  await admin.goto('/settings/members');
  const row = admin.getByTestId(`member-${email}`);
  await expect(row.getByTestId('member-mfa')).toBeVisible();
  admin.once('dialog', (d) => void d.accept());
  await (await hydrated(row.getByRole('button', { name: 'Reset 2FA' }))).click();
  await expect(row.getByTestId('member-mfa')).toHaveCount(0);
});

test('a member the organization requires to use a second factor enrols right after sign-in', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/settings/organization');
  const form = page.getByRole('form', { name: 'Two-factor sign-in' });
  await expect(form.getByRole('radio', { name: 'Nobody (members choose)' })).toBeChecked();
  await shot(page, 'org-policy');
  const setPolicy = async (label: string) => {
    await (await hydrated(form.getByRole('radio', { name: label }))).check();
    await form.getByRole('button', { name: 'Save policy' }).click();
    await expect(form.getByRole('status')).toHaveText('Two-factor policy saved.');
  };
  const email = uniqueEmail('mfa-req');
  const link = await inviteMember(page, email, 'Manager');
  const { context, page: member } = await acceptInvitation(browser, baseURL!, link, 'Req Member');
  await page.goto('/settings/organization');
  await setPolicy('All members');
  try {
    await page.reload();
    await expect(form.getByRole('radio', { name: 'All members' })).toBeChecked();
    await member.goto('/sign-in');
    await submitSignIn(member, email, NEW_USER_PASSWORD);
    await expect(member).toHaveURL(/\/sign-in\/enrol$/);
    // Nothing else opens until a factor is added.
    await member.goto('/people');
    await expect(member).toHaveURL(/\/sign-in\/enrol$/);
    await (
      await hydrated(member.getByRole('button', { name: 'Set up authenticator app' }))
    ).click();
    const secret = (await member.getByTestId('totp-secret').textContent())!.trim();
    await shot(member, 'required-enrolment');
    await member.getByLabel('Code from the app').fill(codeAt(secret));
    await member.getByRole('button', { name: 'Turn on' }).click();
    await expect(member.getByTestId('recovery-codes')).toBeVisible();
    await member.getByRole('button', { name: 'Continue to Vigil' }).click();
    await expect(member.getByTestId('current-role')).toHaveText('Manager');
  } finally {
    await context.close();
    // Back to nobody, so the other specs' fresh sign-ins are not sent to enrolment.
    await page.goto('/settings/organization');
    await setPolicy('Nobody (members choose)');
  }
});
