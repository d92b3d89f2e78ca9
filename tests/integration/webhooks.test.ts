import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCaseSchema, openCaseSchema } from '@/server/domain/cases/inputs';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import { addWebhookSchema } from '@/server/domain/webhooks/inputs';
import { MAX_DELIVERY_ATTEMPTS } from '@/server/domain/webhooks/retry';
import { resetEnvForTests } from '@/server/env';
import { closeCase, openCase } from '@/server/services/cases/case-commands';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { OUTBOUND_CONSUMERS } from '@/server/services/outbound/consumers';
import { dispatchOutbound } from '@/server/services/outbound/dispatch';
import { deliverDueWebhooks } from '@/server/services/webhooks/deliver';
import { redeliverWebhook, sendTestWebhook } from '@/server/services/webhooks/delivery-commands';
import {
  addWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookStatus,
  updateWebhookEndpoint,
  webhookActor,
} from '@/server/services/webhooks/endpoint-commands';
import { fanOutWebhooks } from '@/server/services/webhooks/fan-out';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/server/services/webhooks/queries';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { startReceiver } from '../helpers/webhook-receiver';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
let vendorId: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const admin = () => webhookActor(actorFor(org, 'admin'));
const allowPrivate = (on: boolean) => {
  process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = on ? '1' : '0';
  resetEnvForTests();
};

/** An outbound event through a real change: a case opened about the fixture vendor. */
async function openAndClose(title: string) {
  const compliance = actorFor(org, 'compliance');
  const opened = await openCase(
    compliance,
    openCaseSchema.parse({ title, severity: 'low', vendorIds: [vendorId] }),
  );
  await closeCase(
    compliance,
    closeCaseSchema.parse({
      caseId: opened.id,
      outcome: 'unsubstantiated',
      rationale: 'Nothing to see after review',
    }),
  );
  return opened.id;
}

async function addEndpoint(path: string, events: string[] = []) {
  const added = await addWebhookEndpoint(
    admin(),
    addWebhookSchema.parse({ url: receiver.url(path), events, description: path }),
  );
  receiver.knowSecret(path, added.secret!);
  return added;
}

const deliveriesOf = (endpointId: string) =>
  rawRows<{
    id: string;
    event_type: string;
    event_id: string;
    status: string;
    attempts: number;
    response_code: number | null;
    last_error: string | null;
    next_attempt_at: string | null;
  }>(
    sql`select * from webhook_deliveries where endpoint_id = ${endpointId} order by event_seq nulls last, created_at`,
  );

const dueNow = (endpointId: string) =>
  rawRows(sql`update webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpointId}
    and status in ('pending', 'failed')`);

const auditActions = async () =>
  (
    await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${org.id} and entity_type = 'webhook_endpoint' order by seq`,
    )
  ).map((r) => r.action);

beforeAll(async () => {
  process.env.VIGIL_SECRETS_KEY = randomBytes(32).toString('base64');
  allowPrivate(true);
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('hooks');
  other = await createTestOrg('hookz');
  vendorId = (
    await createVendor(
      actorFor(org, 'compliance'),
      vendorInputSchema.parse({ name: 'Hook Vendor', questionnaire: {} }),
    )
  ).id;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await teardown();
  delete process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE;
  delete process.env.VIGIL_SECRETS_KEY;
  resetEnvForTests();
});
beforeEach(() => allowPrivate(true));

describe('webhook delivery', () => {
  it('is a consumer of the outbound stream and delivers signed envelopes once per event', async () => {
    expect(OUTBOUND_CONSUMERS.map((c) => c.name)).toContain('webhooks');
    const ep = await addEndpoint('/all');
    expect(ep.secret).toMatch(/^whsec_/);
    const caseId = await openAndClose('Webhook journey');
    await dispatchOutbound(org.id);
    await dispatchOutbound(org.id); // twice: fan-out is idempotent
    await fanOutWebhooks(org.id);
    const rows = await deliveriesOf(ep.id);
    expect(rows.map((r) => [r.event_type, r.status, r.attempts])).toEqual([
      ['case.opened', 'succeeded', 1],
      ['case.closed', 'succeeded', 1],
    ]);
    const got = receiver.at('/all');
    expect(got).toHaveLength(2);
    expect(got.every((r) => r.signatureValid)).toBe(true);
    const first = got[0]!;
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['user-agent']).toBe('Vigil-Webhooks/1');
    expect(first.headers['vigil-event-type']).toBe('case.opened');
    expect(first.headers['vigil-event-id']).toBe(rows[0]!.event_id);
    expect(first.headers['vigil-delivery-id']).toBe(rows[0]!.id);
    const envelope = JSON.parse(first.body);
    expect(envelope).toMatchObject({
      id: rows[0]!.event_id,
      type: 'case.opened',
      version: 1,
      organization: { id: org.id, slug: 'hooks' },
      data: { case: { id: caseId } },
    });
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('respects the event filter', async () => {
    const ep = await addEndpoint('/closed-only', ['case.closed']);
    await openAndClose('Filter check');
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id);
    expect((await deliveriesOf(ep.id)).map((r) => r.event_type)).toEqual(['case.closed']);
    expect(receiver.at('/closed-only').map((r) => r.headers['vigil-event-type'])).toEqual([
      'case.closed',
    ]);
    await updateWebhookEndpoint(admin(), { endpointId: ep.id, description: 'all', events: [] });
    await openAndClose('Filter widened');
    await fanOutWebhooks(org.id);
    expect((await deliveriesOf(ep.id)).map((r) => r.event_type)).toEqual([
      'case.closed',
      'case.opened',
      'case.closed',
    ]);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    receiver.plan('/flaky', [500, 200]);
    const ep = await addEndpoint('/flaky', ['case.opened']);
    await openAndClose('Flaky receiver');
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id);
    let [row] = await deliveriesOf(ep.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, response_code: 500 });
    expect(row!.last_error).toBe('HTTP 500');
    expect(new Date(row!.next_attempt_at!).getTime()).toBeGreaterThan(Date.now());
    const job = await rawRows(
      sql`select run_at from jobs where kind = 'webhooks.deliver_org' and run_at > now()`,
    );
    expect(job.length).toBeGreaterThan(0);
    await dueNow(ep.id);
    await deliverDueWebhooks(org.id);
    [row] = await deliveriesOf(ep.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, response_code: 200 });
    expect(receiver.at('/flaky').map((r) => r.headers['vigil-event-id'])).toEqual([
      row!.event_id,
      row!.event_id,
    ]);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('counts a receiver that does not answer in time as a failed attempt, retried later', async () => {
    receiver.plan('/slow', ['hang']);
    const ep = await addEndpoint('/slow', ['case.opened']);
    await openAndClose('Slow receiver');
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id, { timeoutMs: 150 });
    const [row] = await deliveriesOf(ep.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, response_code: null });
    expect(row!.last_error).toMatch(/timed out/);
    expect(new Date(row!.next_attempt_at!).getTime()).toBeGreaterThan(Date.now());
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('dead-letters after the last attempt, tells admins, and redelivers on request', async () => {
    receiver.plan('/down', [503]);
    const ep = await addEndpoint('/down', ['case.opened']);
    await openAndClose('Receiver down');
    await fanOutWebhooks(org.id);
    await rawRows(sql`update webhook_deliveries set attempts = ${MAX_DELIVERY_ATTEMPTS - 1}
      where endpoint_id = ${ep.id}`);
    await deliverDueWebhooks(org.id);
    const [dead] = await deliveriesOf(ep.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(dead!.next_attempt_at).toBeNull();
    const [failed] = await rawRows<{ subject_id: string; data: Record<string, unknown> }>(
      sql`select subject_id, data from outbound_events where org_id = ${org.id}
        and type = 'connector.failed' order by seq desc limit 1`,
    );
    expect(failed!.subject_id).toBe(ep.id);
    expect(failed!.data).toMatchObject({
      connector: { id: ep.id, kind: 'webhook', name: new URL(receiver.url('/')).host },
      url: expect.stringMatching(/\/settings\/webhooks$/),
    });
    const mail = await rawRows<{ to_address: string; body_text: string }>(
      sql`select to_address, body_text from outbox_messages where org_id = ${org.id}
        and category = 'delivery.failed'`,
    );
    expect(mail.map((m) => m.to_address)).toEqual([org.users.admin.email]);
    expect(mail[0]!.body_text).not.toContain('whsec_');
    // The failing endpoint is not sent the notice about itself.
    await fanOutWebhooks(org.id);
    expect((await deliveriesOf(ep.id)).map((r) => r.event_type)).toEqual(['case.opened']);

    const deadLog = await listWebhookDeliveries(admin(), {
      endpointId: ep.id,
      status: 'dead',
      limit: 50,
    });
    expect(deadLog.items.map((d) => d.id)).toEqual([dead!.id]);

    receiver.plan('/down', [200]);
    await redeliverWebhook(admin(), { deliveryId: dead!.id });
    await deliverDueWebhooks(org.id);
    expect((await deliveriesOf(ep.id))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(receiver.at('/down').at(-1)!.signatureValid).toBe(true);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('sends a signed test event and signs with a rotated secret from then on', async () => {
    const ep = await addEndpoint('/test');
    await sendTestWebhook(admin(), { endpointId: ep.id });
    await deliverDueWebhooks(org.id);
    const [test] = receiver.at('/test');
    expect(test!.headers['vigil-event-type']).toBe('vigil.test');
    expect(test!.signatureValid).toBe(true);
    const rotated = await rotateWebhookSecret(admin(), { endpointId: ep.id });
    expect(rotated.secret).not.toBe(ep.secret);
    await sendTestWebhook(admin(), { endpointId: ep.id });
    await deliverDueWebhooks(org.id);
    expect(receiver.at('/test').at(-1)!.signatureValid).toBe(false); // old secret
    receiver.knowSecret('/test', rotated.secret);
    const [listed] = (await listWebhookEndpoints(admin())).filter((e) => e.id === ep.id);
    expect(listed!.secretHint).toBe(`••••${rotated.secret.slice(-4)}`);
    expect(JSON.stringify(listed)).not.toContain(rotated.secret);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('sends nothing to a paused endpoint and resumes from its checkpoint', async () => {
    const ep = await addEndpoint('/paused', ['case.opened']);
    await setWebhookStatus(admin(), { endpointId: ep.id, status: 'paused' });
    await openAndClose('While paused');
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id);
    expect(await deliveriesOf(ep.id)).toEqual([]);
    expect(receiver.at('/paused')).toEqual([]);
    await setWebhookStatus(admin(), { endpointId: ep.id, status: 'active' });
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id);
    expect((await deliveriesOf(ep.id)).map((r) => [r.event_type, r.status])).toEqual([
      ['case.opened', 'succeeded'],
    ]);
    expect(receiver.at('/paused')).toHaveLength(1);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('audits every change', async () => {
    const actions = await auditActions();
    for (const action of [
      'webhook.created',
      'webhook.updated',
      'webhook.paused',
      'webhook.resumed',
      'webhook.secret_rotated',
      'webhook.test_sent',
      'webhook.redelivered',
      'webhook.deleted',
    ])
      expect(actions).toContain(action);
  });
});

describe('webhook SSRF guard and bad input', () => {
  const snapshot = async () =>
    JSON.stringify([
      await rawRows(sql`select id, url from webhook_endpoints order by id`),
      await auditActions(),
    ]);

  it('refuses private, loopback, link-local and metadata targets when not allowed', async () => {
    allowPrivate(false);
    const before = await snapshot();
    const cases: [string, RegExp][] = [
      ['https://10.0.0.1/hook', /private network/],
      ['https://169.254.169.254/latest/meta-data/', /metadata/],
      ['https://[::1]/hook', /loopback/],
      ['https://localhost/hook', /loopback.*\(localhost resolves to/],
      ['http://hooks.example.com/hook', /must use https/],
    ];
    for (const [url, message] of cases) {
      const refused = await addWebhookEndpoint(admin(), addWebhookSchema.parse({ url })).then(
        () => null,
        (e: Error) => e.message,
      );
      expect({ url, refused }).toEqual({ url, refused: expect.stringMatching(message) });
    }
    expect(await snapshot()).toBe(before);
  });

  it('checks again at send time (the address may have changed since)', async () => {
    const ep = await addEndpoint('/rebound', ['case.opened']);
    allowPrivate(false);
    await openAndClose('Rebinding');
    await fanOutWebhooks(org.id);
    await deliverDueWebhooks(org.id);
    const [row] = await deliveriesOf(ep.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, response_code: null });
    // Plain http to 127.0.0.1 is refused as soon as private targets are no longer allowed.
    expect(row!.last_error).toMatch(/^refused: Webhook URLs must use https/);
    expect(receiver.at('/rebound')).toEqual([]);
    allowPrivate(true);
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });

  it('answers bad input with clear errors and changes nothing', async () => {
    const caller = await callerFor(org, 'admin');
    const before = await snapshot();
    const refuse = (input: unknown) =>
      caller.webhooks.add(input as never).then(
        () => null,
        (e: TRPCError) => ({ code: e.code, message: e.message }),
      );
    expect(await refuse({ url: 'not a url' })).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Enter a full URL starting with https://'),
    });
    expect(
      await refuse({ url: 'https://hooks.example.com/', events: ['case.exploded'] }),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Unknown event type "case.exploded"'),
    });
    expect(await snapshot()).toBe(before);
  });

  it('keeps one organization’s endpoints and deliveries from another', async () => {
    const ep = await addEndpoint('/mine');
    const theirs = webhookActor(actorFor(other, 'admin'));
    expect(await listWebhookEndpoints(theirs)).toEqual([]);
    expect((await listWebhookDeliveries(theirs, { limit: 50 })).items).toEqual([]);
    await expect(setWebhookStatus(theirs, { endpointId: ep.id, status: 'paused' })).rejects.toThrow(
      /No such webhook endpoint/,
    );
    await deleteWebhookEndpoint(admin(), { endpointId: ep.id });
  });
});
