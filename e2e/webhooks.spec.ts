import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

/** A receiver on 127.0.0.1 that checks each delivery's signature (docs/INTEGRATIONS.md §Webhooks). */
async function receiver() {
  const got: { type: string; valid: boolean }[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['vigil-signature']));
      const valid =
        Boolean(m) &&
        Math.abs(Date.now() / 1000 - Number(m![1])) <= 300 &&
        timingSafeEqual(
          createHmac('sha256', secret).update(`${m![1]}.${body}`).digest(),
          Buffer.from(m![2]!, 'hex'),
        );
      got.push({ type: String(req.headers['vigil-event-type']), valid });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vigil`,
    useSecret: (s: string) => (secret = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('adds an endpoint, sees its secret once, sends a signed test and removes it', async ({
    page,
  }) => {
    const hook = await receiver();
    try {
      await page.goto('/settings/webhooks');
      await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
      const add = await hydrated(page.getByRole('button', { name: 'Add endpoint' }));
      await page.getByRole('textbox', { name: 'URL' }).fill(hook.url);
      await page.getByRole('textbox', { name: 'Description' }).fill('e2e receiver');
      await page.getByRole('checkbox', { name: /case\.opened/ }).check();
      await add.click();

      const secret = page.getByTestId('new-webhook-secret');
      await expect(secret).toHaveText(/^whsec_\S+$/);
      hook.useSecret((await secret.textContent())!.trim());

      const endpoint = page.getByTestId('webhook-endpoint').filter({ hasText: hook.url });
      await expect(endpoint).toContainText('active');
      await expect(endpoint).toContainText('case.opened');
      await (await hydrated(endpoint.getByRole('button', { name: 'Send test' }))).click();
      await expect(endpoint.getByRole('status')).toContainText('Test queued');

      // The in-app worker sends it; the receiver verifies the signature.
      await expect.poll(() => hook.got.length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(hook.got[0]).toEqual({ type: 'vigil.test', valid: true });
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByTestId('webhook-delivery').first().textContent();
          },
          { timeout: 20_000 },
        )
        .toMatch(/vigil\.test.*Delivered.*204/);

      // Shown once: gone after the reload.
      await expect(page.getByTestId('new-webhook-secret')).toHaveCount(0);

      await (await hydrated(endpoint.getByRole('button', { name: 'Pause' }))).click();
      await expect(endpoint).toContainText('paused');
      await (await hydrated(endpoint.getByRole('button', { name: 'Delete' }))).click();
      await endpoint
        .getByRole('group', { name: 'Confirm deleting the endpoint' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await expect(page.getByTestId('webhook-endpoint').filter({ hasText: hook.url })).toHaveCount(
        0,
      );
    } finally {
      await hook.close();
    }
  });
});
