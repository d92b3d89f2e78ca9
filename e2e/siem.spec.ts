import net from 'node:net';
import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

/** A syslog listener on 127.0.0.1 for the test-connection button (octet-counted frames). */
async function listener(): Promise<{ port: number; received: string[]; close: () => void }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () => server.close(),
  };
}

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('adds a syslog destination, tests it, pauses, resumes and deletes it', async ({ page }) => {
    const syslog = await listener();
    const name = `e2e syslog ${Date.now().toString(36)}`;
    await page.goto('/settings/siem');
    await expect(page.getByRole('heading', { level: 1, name: 'SIEM streaming' })).toBeVisible();

    const add = await hydrated(page.getByRole('button', { name: 'Add destination' }));
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="host"]').fill('127.0.0.1');
    await page.locator('input[name="port"]').fill('70000');
    await add.click();
    await expect(page.getByText('A port is between 1 and 65535')).toBeVisible();

    await page.locator('input[name="port"]').fill(String(syslog.port));
    await page.getByRole('checkbox', { name: 'Audit log' }).check();
    await add.click();
    const row = page.getByTestId(`siem-${name}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`tcp://127.0.0.1:${syslog.port} (json)`);
    await expect(row).toContainText('active');

    await (await hydrated(row.getByRole('button', { name: `Test connection of ${name}` }))).click();
    await expect(row.getByTestId('siem-test-result')).toHaveText('Sent 1 test record.');
    // The in-app worker may already have streamed the destination's own "created" audit entry.
    expect(syslog.received.join('')).toMatch(
      /\d+ <134>1 \S+ \S+ vigil - siem\.test \[vigil@32473 org="acme" stream="test" /,
    );

    await row.getByRole('button', { name: `Pause ${name}` }).click();
    await expect(row).toContainText('paused');
    await row.getByRole('button', { name: `Resume ${name}` }).click();
    await expect(row).toContainText('active');

    await row.getByRole('button', { name: 'Delete' }).click();
    await row
      .getByRole('group', { name: `Confirm deleting ${name}` })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(row).toHaveCount(0);
    syslog.close();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('reads the page without the form', async ({ page }) => {
    await page.goto('/settings/siem');
    await expect(page.getByRole('heading', { level: 1, name: 'SIEM streaming' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add destination' })).toHaveCount(0);
  });
});
