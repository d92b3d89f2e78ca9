import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { getAuthSecret } from '@/server/auth/secret';
import { signUnsubscribeToken } from '@/server/domain/notifications/unsubscribe-token';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { describeUnsubscribe } from '@/server/services/notifications/unsubscribe';
import { databaseError, rawRows, setupTestDatabase } from '../helpers/db';
import { anonymousCaller, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { outboxOf, unsubscribeTokenIn } from '../helpers/outbox';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('pref');
  b = await createTestOrg('pref-b');
});
afterAll(() => teardown());

const stored = (orgId: string) =>
  rawRows<{ user_id: string; category: string; setting: string }>(
    sql`select user_id, category, setting from notification_preferences where org_id = ${orgId} order by user_id, category`,
  );
const auditActions = (orgId: string) =>
  rawRows<{ action: string; actor_label: string; before: unknown; after: unknown }>(
    sql`select action, actor_label, before, after from audit_log
      where org_id = ${orgId} and action like 'notification.%' order by seq`,
  );

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return { code: error.code, status: getHTTPStatusCodeFromError(error), message: error.message };
}

describe('a member’s own preferences', () => {
  it('offers each role only the categories it may see, with sensible defaults', async () => {
    const view = async (role: 'admin' | 'compliance' | 'manager' | 'auditor') =>
      (await (await callerFor(a, role)).notifications.preferences()).preferences.map(
        (p) => `${p.category}:${p.setting}`,
      );
    expect(await view('admin')).toEqual([
      'approvals:on',
      'review_items:on',
      'critical_signals:immediate',
      'delivery_failures:on',
    ]);
    expect(await view('compliance')).toEqual([
      'approvals:on',
      'review_items:on',
      'critical_signals:immediate',
      'compliance_alerts:on',
    ]);
    expect(await view('manager')).toEqual(['approvals:on', 'review_items:on']);
    expect(await view('auditor')).toEqual(['critical_signals:off']);
  });

  it('saves changes together, audited once, and keeps only what differs from the default', async () => {
    const compliance = await callerFor(a, 'compliance');
    const saved = await compliance.notifications.update({
      preferences: [
        { category: 'critical_signals', setting: 'daily' },
        { category: 'approvals', setting: 'off' },
        { category: 'review_items', setting: 'on' },
      ],
    });
    expect(saved.changed.sort()).toEqual(['approvals', 'critical_signals']);
    expect(await stored(a.id)).toEqual([
      { user_id: a.users.compliance.id, category: 'approvals', setting: 'off' },
      { user_id: a.users.compliance.id, category: 'critical_signals', setting: 'daily' },
    ]);
    const [entry] = await auditActions(a.id);
    expect(entry).toMatchObject({
      action: 'notification.preferences_updated',
      actor_label: a.users.compliance.email,
      before: { approvals: 'on', critical_signals: 'immediate' },
      after: { approvals: 'off', critical_signals: 'daily' },
    });
    // Back to the default removes the row; saving the same again changes and audits nothing.
    await compliance.notifications.update({
      preferences: [{ category: 'approvals', setting: 'on' }],
    });
    const again = await compliance.notifications.update({
      preferences: [{ category: 'approvals', setting: 'on' }],
    });
    expect(again.changed).toEqual([]);
    expect((await stored(a.id)).map((r) => r.category)).toEqual(['critical_signals']);
    expect(await auditActions(a.id)).toHaveLength(2);
  });

  it('refuses what the role is not offered, or a setting the category does not take, changing nothing', async () => {
    const before = await stored(a.id);
    const manager = await callerFor(a, 'manager');
    expect(
      await failure(
        manager.notifications.update({
          preferences: [
            { category: 'approvals', setting: 'off' },
            { category: 'critical_signals', setting: 'immediate' },
          ],
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Critical signals are not sent to your role.',
    });
    expect(
      await failure(
        manager.notifications.update({
          preferences: [{ category: 'approvals', setting: 'daily' }],
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await failure(
        manager.notifications.update({
          preferences: [
            { category: 'approvals', setting: 'off' },
            { category: 'approvals', setting: 'on' },
          ],
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await stored(a.id)).toEqual(before);
  });

  it('lets the database refuse a write to another member’s row, even inside the organization', async () => {
    const message = await databaseError(
      withTenant({ orgId: a.id, userId: a.users.manager.id }, (tx) =>
        tx.execute(sql`insert into notification_preferences (org_id, user_id, category, setting)
          values (${a.id}, ${a.users.admin.id}, 'delivery_failures', 'off')`),
      ),
    );
    expect(message).toMatch(/row-level security/);
  });
});

describe('unsubscribe links', () => {
  async function failureMailToken() {
    await withTenant({ orgId: a.id, userId: null }, (tx) =>
      notifyAdminsOfFailure(tx, a.id, {
        what: 'Connector Okta',
        detail: 'HTTP 401',
        link: '/settings',
      }),
    );
    const [mail] = await outboxOf(a.id, ['delivery.failed']);
    expect(mail!.to_address).toBe(a.users.admin.email);
    return unsubscribeTokenIn(mail!.body_text);
  }

  it('turn that one category off without signing in, audited as the member, once', async () => {
    const token = await failureMailToken();
    expect(await describeUnsubscribe(token)).toMatchObject({
      state: 'ready',
      email: a.users.admin.email,
      orgName: a.name,
      category: 'delivery_failures',
      alreadyOff: false,
    });
    const anonymous = anonymousCaller();
    expect(await anonymous.notifications.unsubscribe({ token })).toEqual({
      category: 'delivery_failures',
      label: 'Delivery failures',
      changed: true,
    });
    const rows = await stored(a.id);
    expect(rows).toContainEqual({
      user_id: a.users.admin.id,
      category: 'delivery_failures',
      setting: 'off',
    });
    const entries = await auditActions(a.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'notification.unsubscribed',
      actor_label: a.users.admin.email,
      before: { delivery_failures: 'on' },
      after: { delivery_failures: 'off', via: 'unsubscribe link' },
    });
    // The same link again: nothing to change, nothing audited.
    expect(await anonymous.notifications.unsubscribe({ token })).toMatchObject({ changed: false });
    expect(await auditActions(a.id)).toHaveLength(entries.length);
    expect(await describeUnsubscribe(token)).toMatchObject({ alreadyOff: true });
    // And the admin is no longer mailed about failures.
    const sent = await withTenant({ orgId: a.id, userId: null }, (tx) =>
      notifyAdminsOfFailure(tx, a.id, { what: 'Connector Slack', detail: 'x', link: '/' }),
    );
    expect(sent).toBe(0);
  });

  it('refuse a forged link with 403 and a malformed or expired one with 400, changing nothing', async () => {
    const before = { prefs: await stored(a.id), audit: await auditActions(a.id) };
    const anonymous = anonymousCaller();
    const genuine = signUnsubscribeToken(
      getAuthSecret(),
      { orgId: a.id, userId: a.users.compliance.id, category: 'approvals' },
      new Date(),
    );
    const lastChar = genuine.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${genuine.slice(0, -1)}${lastChar}`;
    const otherMember = genuine.replace(a.users.compliance.id, a.users.manager.id);
    const otherSecret = signUnsubscribeToken(
      'not the app secret, but long enough to sign',
      { orgId: a.id, userId: a.users.manager.id, category: 'approvals' },
      new Date(),
    );
    for (const token of [tampered, otherMember, otherSecret])
      expect(await failure(anonymous.notifications.unsubscribe({ token }))).toMatchObject({
        code: 'FORBIDDEN',
        status: 403,
      });
    const expired = signUnsubscribeToken(
      getAuthSecret(),
      { orgId: a.id, userId: a.users.compliance.id, category: 'approvals' },
      new Date(Date.now() - 400 * 86_400_000),
    );
    for (const token of ['not-a-token', 'x'.repeat(500), expired])
      expect(await failure(anonymous.notifications.unsubscribe({ token }))).toMatchObject({
        code: 'BAD_REQUEST',
        status: 400,
      });
    expect(await describeUnsubscribe(tampered)).toEqual({
      state: 'refused',
      message: 'This unsubscribe link was not issued by Vigil.',
    });
    expect({ prefs: await stored(a.id), audit: await auditActions(a.id) }).toEqual(before);
  });

  it('cannot reach a member of another organization through a link made for this one', async () => {
    const before = await stored(b.id);
    // A genuine token naming B's organization and A's member: no such membership.
    const mixed = signUnsubscribeToken(
      getAuthSecret(),
      { orgId: b.id, userId: a.users.admin.id, category: 'approvals' },
      new Date(),
    );
    expect(
      await failure(anonymousCaller().notifications.unsubscribe({ token: mixed })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await stored(b.id)).toEqual(before);
    expect(await stored(a.id)).not.toContainEqual(
      expect.objectContaining({ category: 'approvals' }),
    );
  });
});
