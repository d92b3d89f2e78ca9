import { expect, test as setup } from '@playwright/test';
import { authFile, ROLES, signIn, USERS } from './helpers';

// One sign-in per demo role for the whole run; specs reuse the saved session.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = USERS[role];
    await signIn(page, user.email);
    await expect(page.getByTestId('current-role')).toHaveText(user.roleLabel);
    await page.context().storageState({ path: authFile(role) });
  });
}
