import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createCampaignSchema } from '@/server/domain/access-reviews/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { isoDay } from '@/server/domain/time';
import { resetEnvForTests } from '@/server/env';
import { decideAccessStep, requestAccess } from '@/server/services/access/requests';
import { createCampaign, launchCampaign } from '@/server/services/access-reviews/campaign-commands';
import { remindAndEscalateReviews } from '@/server/services/access-reviews/jobs';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { deliverQueuedMail } from '@/server/services/mail/delivery-job';
import { MAX_MAIL_ATTEMPTS, queueMail } from '@/server/services/mail/outbox';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { updateNotificationPreferences } from '@/server/services/notifications/preference-commands';
import { addMember, describeInvitation } from '@/server/services/tenancy/invitations';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, TEST_PASSWORD, type TestOrg } from '../helpers/fixtures';
import { outboxOf, recipientsOf } from '../helpers/outbox';
import { startSmtpStandIn } from '../helpers/smtp-stand-in';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let adaId: string;
let priv: Record<string, string>;
let systemId: string;
const compliance2 = 'compliance2@ntf.test';
const admin2 = 'admin2@ntf.test';

const compliance = () => actorFor(a, 'compliance');
const manager = () => actorFor(a, 'manager');
const admin = () => actorFor(a, 'admin');

async function addAccount(org: TestOrg, email: string, role: 'admin' | 'compliance') {
  const added = await addUserAsOperator(
    org.id,
    addUserCliSchema.parse({ email, role, password: TEST_PASSWORD }),
  );
  if (added.kind === 'invited') throw new Error('expected an account');
  return added.userId;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('ntf');
  b = await createTestOrg('ntf-b');
  await addAccount(a, compliance2, 'compliance');
  await addAccount(a, admin2, 'admin');
  const mona = await createPerson(
    compliance(),
    personInputSchema.parse({
      email: a.users.manager.email,
      fullName: 'Mona Manager',
      type: 'employee',
      identityVerified: true,
      backgroundCheckStatus: 'clear',
    }),
  );
  await asOwner((tx) =>
    tx.update(people).set({ userId: a.users.manager.id }).where(eq(people.id, mona.id)),
  );
  adaId = (
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'ada@ntf.test',
        fullName: 'Ada Okafor',
        type: 'employee',
        managerId: mona.id,
        identityVerified: true,
        backgroundCheckStatus: 'clear',
      }),
    )
  ).id;
  const system = await createSystem(
    compliance(),
    systemInputSchema.parse({
      name: 'Treasury Payments',
      ownerUserId: a.users.admin.id,
      criticality: 'critical',
      privileges: [
        { name: 'view_payments', sensitivity: 'medium' },
        { name: 'approve_payment', sensitivity: 'critical' },
      ],
    }),
  );
  systemId = system.id;
  const detail = await getSystem(compliance(), { systemId });
  priv = Object.fromEntries(detail.privileges.map((p) => [p.name, p.id]));
});
afterAll(() => teardown());
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const waiting = (grantId: string) =>
  outboxOf(a.id, ['access.step_waiting']).then((rows) =>
    rows.filter((r) => r.related_id === grantId),
  );

describe('an approval step waiting on you', () => {
  it('mails each step its approver as the request advances, and no one else', async () => {
    const justification = 'Second approver for the quarter-end payment runs';
    const { grantId } = await requestAccess(compliance(), {
      personId: adaId,
      privilegeId: priv.approve_payment!,
      justification,
      durationDays: 7,
    });
    // Manager first.
    let rows = await waiting(grantId);
    expect(recipientsOf(rows)).toEqual([a.users.manager.email]);
    expect(rows[0]!.subject).toBe(
      "Approval needed: Ada Okafor's access to Treasury Payments · approve_payment",
    );
    expect(rows[0]!.body_text).toContain(
      'compliance requested Treasury Payments · approve_payment',
    );
    expect(rows[0]!.body_text).toContain(`/access/${grantId}`);
    expect(rows[0]!.body_text).toMatch(/Stop these emails: \S+\/unsubscribe\/u1\./);
    // The justification stays in the app.
    expect(rows[0]!.body_text).not.toContain(justification);

    // Then the system owner (the admin), by name.
    await decideAccessStep(manager(), { grantId, decision: 'approve' });
    rows = await waiting(grantId);
    expect(recipientsOf(rows)).toEqual([a.users.admin.email, a.users.manager.email].sort());
    expect(rows.at(-1)!.to_address).toBe(a.users.admin.email);

    // Then any compliance officer except the requester, who may not approve their own request.
    const before = rows.length;
    await decideAccessStep(admin(), { grantId, decision: 'approve' });
    rows = await waiting(grantId);
    expect(recipientsOf(rows.slice(before))).toEqual([compliance2]);

    // The last approval activates the grant and mails nobody.
    const [officer2] = await rawRows<{ id: string }>(
      sql`select id from users where email = ${compliance2}`,
    );
    const last = await decideAccessStep(
      { ...compliance(), userId: officer2!.id, email: compliance2 },
      { grantId, decision: 'approve' },
    );
    expect(last.status).toBe('active');
    expect((await waiting(grantId)).length).toBe(rows.length);
    expect(await outboxOf(b.id, ['access.step_waiting'])).toEqual([]);
  });

  it('skips an approver who turned approval mail off, and still records the request', async () => {
    await updateNotificationPreferences(manager(), {
      preferences: [{ category: 'approvals', setting: 'off' }],
    });
    const { grantId } = await requestAccess(compliance(), {
      personId: adaId,
      privilegeId: priv.view_payments!,
      justification: 'Read access for the payments incident review',
      durationDays: 7,
    });
    expect(await waiting(grantId)).toEqual([]);
    await updateNotificationPreferences(manager(), {
      preferences: [{ category: 'approvals', setting: 'on' }],
    });
    await decideAccessStep(manager(), { grantId, decision: 'approve' });
    expect(recipientsOf(await waiting(grantId))).toEqual([a.users.admin.email]);
    await decideAccessStep(admin(), { grantId, decision: 'approve' });
  });
});

describe('access-review items', () => {
  it('mails each reviewer at launch and before the due date, respecting preferences', async () => {
    const dueDate = isoDay(new Date(Date.now() + 2 * 86_400_000));
    const { id } = await createCampaign(
      compliance(),
      createCampaignSchema.parse({
        name: 'Treasury check',
        scope: { systemIds: [systemId] },
        dueDate,
      }),
    );
    await launchCampaign(compliance(), { campaignId: id });
    const assigned = (await outboxOf(a.id, ['access_review.assigned'])).filter(
      (r) => r.related_id === id,
    );
    // Ada's two grants go to her manager, in one message.
    expect(recipientsOf(assigned)).toEqual([a.users.manager.email]);
    expect(assigned[0]!.subject).toBe(
      `Access review "Treasury check": 2 items to certify by ${dueDate}`,
    );
    expect(assigned[0]!.body_text).toContain('"Access-review items" is on');

    await updateNotificationPreferences(manager(), {
      preferences: [{ category: 'review_items', setting: 'off' }],
    });
    const run = await remindAndEscalateReviews(a.id);
    expect(run.reminded).toBe(2);
    const reminders = (await outboxOf(a.id, ['access_review.reminder'])).filter(
      (r) => r.related_id === id,
    );
    expect(reminders).toEqual([]);
    await updateNotificationPreferences(manager(), {
      preferences: [{ category: 'review_items', setting: 'on' }],
    });
    // Each item is reminded once: a rerun sends nothing, whatever the preference now says.
    expect((await remindAndEscalateReviews(a.id)).reminded).toBe(0);
  });

  it('reminds a reviewer who keeps review mail on', async () => {
    const dueDate = isoDay(new Date(Date.now() + 86_400_000));
    const { id } = await createCampaign(
      compliance(),
      createCampaignSchema.parse({
        name: 'Treasury again',
        scope: { systemIds: [systemId] },
        dueDate,
      }),
    );
    await launchCampaign(compliance(), { campaignId: id });
    await remindAndEscalateReviews(a.id);
    const reminders = (await outboxOf(a.id, ['access_review.reminder'])).filter(
      (r) => r.related_id === id,
    );
    expect(recipientsOf(reminders)).toEqual([a.users.manager.email]);
    expect(reminders[0]!.subject).toBe(`Reminder: 2 access-review items due ${dueDate}`);
  });
});

describe('invitations', () => {
  it('mails the accept link to the invitee only', async () => {
    const invited = await addMember(admin(), { email: 'newcomer@ntf.test', role: 'auditor' });
    const [mail] = (await outboxOf(a.id, ['member.invitation'])).filter(
      (r) => r.related_id === invited.invitationId,
    );
    expect(mail).toMatchObject({ to_address: 'newcomer@ntf.test', status: 'outbox' });
    expect(mail!.body_text).toContain(`/invite/${invited.token}`);
    expect(mail!.body_text).toContain(`${a.users.admin.email} invited you to join Org ntf`);
    expect(await describeInvitation(invited.token)).toMatchObject({ email: 'newcomer@ntf.test' });
  });

  it('mails an invitation the operator makes from the command line too', async () => {
    const invited = await addUserAsOperator(
      a.id,
      addUserCliSchema.parse({ email: 'cli-invitee@ntf.test', role: 'manager' }),
    );
    if (invited.kind !== 'invited') throw new Error('expected an invitation');
    const rows = (await outboxOf(a.id, ['member.invitation'])).filter(
      (r) => r.to_address === 'cli-invitee@ntf.test',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body_text).toContain(`/invite/${invited.token}`);
    expect(rows[0]!.body_text).toContain('An administrator invited you');
  });
});

describe('a delivery failing', () => {
  const failure = {
    what: 'Webhook https://siem.example.test/hook',
    detail: 'HTTP 500 after 8 attempts',
    link: '/settings/webhooks',
  };

  it('tells the admins who keep failure mail on, once a day per failing thing', async () => {
    await updateNotificationPreferences(
      { ...admin(), userId: (await userId(admin2))!, email: admin2 },
      { preferences: [{ category: 'delivery_failures', setting: 'off' }] },
    );
    const sent = await withTenant({ orgId: a.id, userId: null }, (tx) =>
      notifyAdminsOfFailure(tx, a.id, failure),
    );
    expect(sent).toBe(1);
    const rows = await outboxOf(a.id, ['delivery.failed']);
    expect(recipientsOf(rows)).toEqual([a.users.admin.email]);
    expect(rows[0]!.subject).toBe('Delivery failing: Webhook https://siem.example.test/hook');
    expect(rows[0]!.body_text).toContain('http://localhost:3000/settings/webhooks');
    // Again the same day: nothing new.
    const again = await withTenant({ orgId: a.id, userId: null }, (tx) =>
      notifyAdminsOfFailure(tx, a.id, { ...failure, detail: 'HTTP 502' }),
    );
    expect(again).toBe(0);
    expect(await outboxOf(a.id, ['delivery.failed'])).toHaveLength(1);
    expect(await outboxOf(b.id, ['delivery.failed'])).toEqual([]);
  });

  it('reports mail that went dead at a real SMTP server, and delivers the notice', async () => {
    const smtp = await startSmtpStandIn((address) => address === 'gone@ntf-b.test');
    try {
      vi.stubEnv('SMTP_URL', `smtp://127.0.0.1:${smtp.port}`);
      resetEnvForTests();
      const via = nodemailer.createTransport({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        ignoreTLS: true,
      });
      const doomed = await withTenant({ orgId: b.id, userId: null }, (tx) =>
        queueMail(tx, b.id, {
          to: 'gone@ntf-b.test',
          subject: 'A message nobody receives',
          body: 'Hello',
          category: 'attestation.request',
        }),
      );
      await rawRows(
        sql`update outbox_messages set attempts = ${MAX_MAIL_ATTEMPTS - 1} where id = ${doomed}`,
      );
      const run = await deliverQueuedMail(b.id, via);
      expect(run).toEqual({ sent: 0, failed: 1, retrying: 0, noticesQueued: 1 });
      const [dead] = await rawRows<{ status: string; last_error: string }>(
        sql`select status, last_error from outbox_messages where id = ${doomed}`,
      );
      expect(dead!.status).toBe('failed');
      expect(dead!.last_error).toMatch(/550/);
      const notices = await outboxOf(b.id, ['delivery.failed']);
      expect(recipientsOf(notices)).toEqual([b.users.admin.email]);
      expect(notices[0]!.body_text).toContain('gone@ntf-b.test');
      // The next run hands the notice to the server, which accepts it.
      expect(await deliverQueuedMail(b.id, via)).toMatchObject({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual([[b.users.admin.email]]);
      expect(smtp.received[0]!.data).toContain('Subject: Delivery failing: Mail delivery');
      via.close();
    } finally {
      await smtp.close();
    }
  });
});

async function userId(email: string) {
  const [row] = await rawRows<{ id: string }>(sql`select id from users where email = ${email}`);
  return row?.id;
}
