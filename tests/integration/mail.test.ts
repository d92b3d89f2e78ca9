import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@/db/tenant';
import { resetEnvForTests } from '@/server/env';
import { deliverQueuedMail } from '@/server/services/mail/delivery-job';
import { MAX_MAIL_ATTEMPTS, queueMail, requestMailDelivery } from '@/server/services/mail/outbox';
import { notify } from '@/server/services/notifications/send';
import { encodeCursor } from '@/server/services/shared/keyset';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('mail-a');
  b = await createTestOrg('mail-b');
});
afterAll(() => teardown());
afterEach(() => vi.unstubAllEnvs());

const message = {
  to: 'dana@alpha.test',
  subject: 'Please sign: anti-bribery attestation',
  body: 'Sign here: http://localhost:3000/attest/abc123 before 2026-12-01.',
  category: 'attestation.request',
};

describe('outbox without SMTP', () => {
  it('keeps the message readable by admins only, in its own tenant', async () => {
    await withTenant({ orgId: a.id, userId: null }, (tx) => queueMail(tx, a.id, message));
    const admin = await callerFor(a, 'admin');
    const page = await admin.outbox.list({});
    expect(page.smtp).toBe(false);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ to: message.to, status: 'outbox', body: message.body });

    const other = await callerFor(b, 'admin');
    expect((await other.outbox.list({})).items).toHaveLength(0);

    for (const role of ['compliance', 'manager', 'auditor'] as const) {
      const caller = await callerFor(a, role);
      await expect(caller.outbox.list({})).rejects.toBeInstanceOf(TRPCError);
    }
  });

  it('refuses a header-smuggling subject or a bad address and writes nothing', async () => {
    const before = await rawRows(sql`select count(*)::int as n from outbox_messages`);
    await expect(
      withTenant({ orgId: a.id, userId: null }, (tx) =>
        queueMail(tx, a.id, { ...message, subject: 'Hi\r\nBcc: x@evil.test' }),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant({ orgId: a.id, userId: null }, (tx) =>
        queueMail(tx, a.id, { ...message, to: 'not an address' }),
      ),
    ).rejects.toThrow();
    expect(await rawRows(sql`select count(*)::int as n from outbox_messages`)).toEqual(before);
  });

  it('sends to every active member with a role', async () => {
    const sent = await withTenant({ orgId: a.id, userId: null }, (tx) =>
      notify(
        tx,
        a.id,
        {
          category: 'critical_signals',
          kind: 'signal.critical',
          subject: 'Disclosure',
          lines: ['Someone disclosed an approach.'],
          link: 'http://localhost:3000/signals',
        },
        { roles: ['compliance', 'admin'] },
      ),
    );
    expect(sent).toBe(2);
    const admin = await callerFor(a, 'admin');
    const page = await admin.outbox.list({ limit: 2 });
    expect(page.items.map((m) => m.to).sort()).toEqual(
      [a.users.admin.email, a.users.compliance.email].sort(),
    );
    expect(page.nextCursor).not.toBeNull();
    const rest = await admin.outbox.list({ limit: 2, cursor: page.nextCursor ?? undefined });
    expect(rest.items.map((m) => m.subject)).toEqual([message.subject]);
    await expect(admin.outbox.list({ cursor: encodeCursor(['yesterday', 'x']) })).rejects.toThrow(
      /no longer valid/,
    );
  });
});

describe('with SMTP configured', () => {
  it('queues, requests one delivery job, drops the body once sent, and gives up after the last try', async () => {
    vi.stubEnv('SMTP_URL', 'smtp://relay.test:25');
    resetEnvForTests();
    const id = await withTenant({ orgId: b.id, userId: null }, (tx) =>
      queueMail(tx, b.id, { ...message, to: 'eve@beta.test' }),
    );
    expect(await requestMailDelivery(b.id, 1_000_000)).toBe(true);
    expect(await requestMailDelivery(b.id, 1_000_001)).toBe(false);
    const jobs = await rawRows<{ kind: string }>(
      sql`select kind from jobs where dedupe_key like ${`mail.deliver_org:${b.id}:%`}`,
    );
    expect(jobs).toEqual([{ kind: 'mail.deliver_org' }]);

    const failing = { sendMail: vi.fn().mockRejectedValue(new Error('421 try later')) };
    await expect(deliverQueuedMail(b.id, failing)).rejects.toThrow(/retrying/);
    const [afterFailure] = await rawRows(
      sql`select status, attempts, last_error from outbox_messages where id = ${id}`,
    );
    expect(afterFailure).toEqual({ status: 'queued', attempts: 1, last_error: '421 try later' });

    const sent: unknown[] = [];
    const ok = { sendMail: vi.fn(async (m: unknown) => void sent.push(m)) };
    expect(await deliverQueuedMail(b.id, ok)).toEqual({
      sent: 1,
      failed: 0,
      retrying: 0,
      noticesQueued: 0,
    });
    expect(sent).toEqual([
      expect.objectContaining({
        to: 'eve@beta.test',
        subject: message.subject,
        text: message.body,
      }),
    ]);
    const [row] = await rawRows(
      sql`select status, body_text from outbox_messages where id = ${id}`,
    );
    expect(row).toEqual({ status: 'sent', body_text: null });
    // A retried job finds nothing queued and sends nothing twice.
    expect(await deliverQueuedMail(b.id, ok)).toEqual({
      sent: 0,
      failed: 0,
      retrying: 0,
      noticesQueued: 0,
    });
    expect(ok.sendMail).toHaveBeenCalledTimes(1);

    const doomed = await withTenant({ orgId: b.id, userId: null }, (tx) =>
      queueMail(tx, b.id, { ...message, to: 'nobody@beta.test' }),
    );
    await rawRows(
      sql`update outbox_messages set attempts = ${MAX_MAIL_ATTEMPTS - 1} where id = ${doomed}`,
    );
    // The admins are told once (tests/integration/notifications.test.ts covers the notice).
    expect(await deliverQueuedMail(b.id, failing)).toEqual({
      sent: 0,
      failed: 1,
      retrying: 0,
      noticesQueued: 1,
    });
    const [gaveUp] = await rawRows(sql`select status from outbox_messages where id = ${doomed}`);
    expect(gaveUp).toEqual({ status: 'failed' });
    resetEnvForTests();
  });

  it('without SMTP asks for no delivery', async () => {
    resetEnvForTests();
    expect(await requestMailDelivery(a.id)).toBe(false);
  });
});
