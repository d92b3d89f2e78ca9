import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as interactionsRoute from '@/app/api/integrations/slack/interactions/route';
import { people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { connectSlackSchema } from '@/server/domain/chat/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { resetEnvForTests } from '@/server/env';
import { requestAccess } from '@/server/services/access/requests';
import { connectSlack, disconnectChat } from '@/server/services/chat/connection-commands';
import { listChatConnections } from '@/server/services/chat/connection-queries';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { dispatchOutbound } from '@/server/services/outbound/dispatch';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import {
  buttonPayload,
  signedInteraction,
  startFakeSlack,
  type FakeSlack,
} from '../helpers/fake-slack';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let fake: FakeSlack;
let org: TestOrg;
let adaId: string;
let mgrId: string;
let people_ = 0;
let mediumPriv: string;
let criticalPriv: string;

const manager = () => actorFor(org, 'manager');
const compliance = () => actorFor(org, 'compliance');
const admin = () => actorFor(org, 'admin');

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  return interactionsRoute.POST(
    new Request('http://vigil.test/api/integrations/slack/interactions', {
      method: 'POST',
      headers,
      body,
    }),
  );
}

async function click(slackUser: string, action: 'vigil_approve' | 'vigil_deny', value: string) {
  const { body, headers } = signedInteraction(
    fake.signingSecret,
    buttonPayload(fake, slackUser, action, value),
  );
  return post(body, headers);
}

async function grantState(grantId: string) {
  const [g] = await rawRows<{ status: string }>(
    sql`select status from access_grants where id = ${grantId}`,
  );
  const steps = await rawRows<{ kind: string; status: string; decided_by: string | null }>(
    sql`select kind, status, decided_by from approval_steps where grant_id = ${grantId} order by seq`,
  );
  return { status: g!.status, steps };
}

async function auditActions(): Promise<{ action: string; after: unknown }[]> {
  return rawRows(sql`select action, after from audit_log where org_id = ${org.id} order by seq`);
}

/** The DM buttons' value from the newest DM Vigil posted to a Slack user. */
function buttonValueFor(slackUser: string): string {
  const dm = fake
    .callsOf('chat.postMessage')
    .filter((c) => c.args.channel === `D${slackUser}`)
    .at(-1);
  const actions = (dm!.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
    (b) => b.type === 'actions',
  );
  return actions!.elements![0]!.value;
}

/** A new report of Mona's for each request (one open request per person and privilege). */
async function newPerson(screened = true): Promise<string> {
  people_ += 1;
  const person = await createPerson(
    compliance(),
    personInputSchema.parse({
      email: `report${people_}@slk.test`,
      fullName: screened ? `Ada Okafor ${people_}` : `Bo Unscreened ${people_}`,
      type: 'employee',
      managerId: mgrId,
      ...(screened ? { identityVerified: true, backgroundCheckStatus: 'clear' } : {}),
    }),
  );
  return person.id;
}

async function request(personId: Promise<string> | string, privilegeId: string) {
  return requestAccess(manager(), {
    personId: await personId,
    privilegeId,
    justification: 'Investigate payment incidents this week',
    durationDays: 7,
  });
}

beforeAll(async () => {
  process.env.VIGIL_SECRETS_KEY = randomBytes(32).toString('base64');
  process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = '1';
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('slk');
  fake = await startFakeSlack({
    users: [
      { id: 'UADMIN', email: org.users.admin.email },
      { id: 'UCOMP', email: org.users.compliance.email.toUpperCase() },
      { id: 'UMGR', email: org.users.manager.email },
      { id: 'USTRANGER', email: 'stranger@elsewhere.test' },
      { id: 'UNOMAIL', email: null },
    ],
  });
  process.env.VIGIL_SLACK_API_URL = fake.apiUrl;
  resetEnvForTests();
  const mgr = await createPerson(
    compliance(),
    personInputSchema.parse({
      email: org.users.manager.email,
      fullName: 'Mona Manager',
      type: 'employee',
      identityVerified: true,
      backgroundCheckStatus: 'clear',
    }),
  );
  await asOwner((tx) =>
    tx.update(people).set({ userId: org.users.manager.id }).where(eq(people.id, mgr.id)),
  );
  adaId = (
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'ada@slk.test',
        fullName: 'Ada Okafor',
        type: 'employee',
        managerId: mgr.id,
        identityVerified: true,
        backgroundCheckStatus: 'clear',
      }),
    )
  ).id;
  mgrId = mgr.id;
  const system = await createSystem(
    compliance(),
    systemInputSchema.parse({
      name: 'Treasury Payments',
      ownerUserId: org.users.admin.id,
      criticality: 'high',
      privileges: [
        { name: 'view_payments', sensitivity: 'medium' },
        { name: 'release_payments', sensitivity: 'critical' },
      ],
    }),
  );
  const privs = (await getSystem(compliance(), { systemId: system.id })).privileges;
  mediumPriv = privs.find((p) => p.name === 'view_payments')!.id;
  criticalPriv = privs.find((p) => p.name === 'release_payments')!.id;
});

afterAll(async () => {
  await fake?.close();
  await teardown();
  delete process.env.VIGIL_SLACK_API_URL;
  delete process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE;
  resetEnvForTests();
});

async function connectBot(channelId: string | null = null) {
  return connectSlack(
    admin(),
    connectSlackSchema.parse({
      mode: 'bot',
      botToken: fake.token,
      signingSecret: fake.signingSecret,
      teamId: fake.teamId,
      channelId,
    }),
  );
}

describe('Slack connection', () => {
  beforeEach(() => fake.reset());

  it('checks the token with auth.test, seals the secrets and shows only hints', async () => {
    const view = await connectBot();
    expect(fake.callsOf('auth.test')).toHaveLength(1);
    expect(view.botTokenHint).toMatch(/^xoxb-••••/);
    expect(view.status).toBe('active');
    const listed = JSON.stringify(await listChatConnections(admin()));
    const stored = JSON.stringify(await rawRows(sql`select * from chat_connections`));
    const audit = JSON.stringify(await auditActions());
    for (const text of [listed, stored, audit]) {
      expect(text).not.toContain(fake.token);
      expect(text).not.toContain(fake.signingSecret);
    }
    expect(audit).toContain('chat.connected');
  });

  it('refuses a token of another workspace and malformed input, changing nothing', async () => {
    const before = await rawRows(sql`select * from chat_connections`);
    await expect(
      connectSlack(
        admin(),
        connectSlackSchema.parse({
          mode: 'bot',
          botToken: fake.token,
          signingSecret: fake.signingSecret,
          teamId: 'TOTHER01',
        }),
      ),
    ).rejects.toThrow(/belongs to workspace TFAKE0001/);
    expect(
      connectSlackSchema.safeParse({
        mode: 'bot',
        botToken: 'xoxp-user',
        signingSecret: 'x',
        teamId: 'T1',
      }).success,
    ).toBe(false);
    expect(await rawRows(sql`select * from chat_connections`)).toEqual(before);
  });
});

describe('approvals in Slack', () => {
  beforeAll(() => connectBot());
  beforeEach(() => fake.reset());

  it('DMs the approver once with the request and Approve / Deny buttons, however often dispatch runs', async () => {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    await dispatchOutbound(org.id);
    expect(fake.callsOf('users.lookupByEmail').map((c) => c.args.email)).toEqual([
      org.users.admin.email,
    ]);
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe('DUADMIN');
    const text = JSON.stringify(posts[0]!.args.blocks);
    for (const part of [
      'Ada Okafor',
      'Treasury Payments',
      'view_payments',
      'Investigate payment incidents',
      '7 days',
      `/access/${grantId}`,
    ])
      expect(text).toContain(part);
    expect(buttonValueFor('UADMIN')).toMatch(new RegExp(`^${grantId}:`));
  });

  it('approves from a signed click as the member with that email; the grant becomes active', async () => {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    const response = await click('UADMIN', 'vigil_approve', buttonValueFor('UADMIN'));
    expect(response.status).toBe(200);
    const state = await grantState(grantId);
    expect(state.status).toBe('active');
    expect(state.steps.find((s) => s.kind === 'system_owner')).toMatchObject({
      status: 'approved',
      decided_by: org.users.admin.id,
    });
    const reply = fake.responses.at(-1)!.body;
    expect(reply.replace_original).toBe(true);
    expect(String(reply.text)).toContain(`Approved by`);
    expect(String(reply.text)).toContain(org.users.admin.email);
    // The same click again is answered, and changes nothing.
    await click('UADMIN', 'vigil_approve', buttonValueFor('UADMIN'));
    expect(String(fake.responses.at(-1)!.body.text)).toMatch(/already active/);
  });

  it('moves a critical request to its compliance step and DMs every compliance officer', async () => {
    const { grantId } = await request(newPerson(), criticalPriv);
    await dispatchOutbound(org.id);
    await click('UADMIN', 'vigil_approve', buttonValueFor('UADMIN'));
    expect((await grantState(grantId)).steps.map((s) => s.status)).toEqual([
      'skipped',
      'approved',
      'pending',
    ]);
    expect(String(fake.responses.at(-1)!.body.text)).toMatch(/next step waits/);
    await dispatchOutbound(org.id);
    // The email Slack holds differs in case only: still the compliance officer.
    expect(fake.callsOf('chat.postMessage').at(-1)!.args.channel).toBe('DUCOMP');
    await click('UCOMP', 'vigil_approve', buttonValueFor('UCOMP'));
    expect((await grantState(grantId)).status).toBe('active');
  });

  it('refuses a Slack user who is not a member, and answers why in Slack', async () => {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    const value = buttonValueFor('UADMIN');
    for (const user of ['USTRANGER', 'UNOMAIL']) {
      expect((await click(user, 'vigil_approve', value)).status).toBe(200);
      const reply = fake.responses.at(-1)!.body;
      expect(reply.response_type).toBe('ephemeral');
      expect(String(reply.text)).toMatch(/cannot (act for you|tell who you are)/);
    }
    expect((await grantState(grantId)).status).toBe('pending');
    const refusals = (await auditActions()).filter((a) => a.action === 'slack.interaction_refused');
    expect(refusals.map((r) => (r.after as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['no_member_with_email', 'no_verified_email']),
    );
  });

  it('runs the same policy: a member who may not decide the step is refused with the reason', async () => {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    await click('UMGR', 'vigil_approve', buttonValueFor('UADMIN'));
    expect(String(fake.responses.at(-1)!.body.text)).toMatch(/Nobody approves their own request/);
    expect((await grantState(grantId)).status).toBe('pending');
  });

  it('answers a pre-access gate refusal with its reasons and changes nothing', async () => {
    const { grantId } = await request(newPerson(false), mediumPriv);
    await dispatchOutbound(org.id);
    const dm = JSON.stringify(fake.callsOf('chat.postMessage').at(-1)!.args.blocks);
    expect(dm).toContain('pre-access gate blocks approval');
    await click('UADMIN', 'vigil_approve', buttonValueFor('UADMIN'));
    const reply = fake.responses.at(-1)!.body;
    expect(reply.response_type).toBe('ephemeral');
    expect(String(reply.text)).toContain('The pre-access gate refuses approval');
    expect(String(reply.text)).toContain('identity');
    expect((await grantState(grantId)).status).toBe('pending');
  });

  it('denies through the dialog, which needs a reason of five characters', async () => {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    const value = buttonValueFor('UADMIN');
    await click('UADMIN', 'vigil_deny', value);
    const opened = fake.callsOf('views.open').at(-1)!;
    expect(opened.args.trigger_id).toBe('123.456.abc');
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    const submit = (reason: string) => {
      const { body, headers } = signedInteraction(fake.signingSecret, {
        type: 'view_submission',
        team: { id: fake.teamId },
        user: { id: 'UADMIN', team_id: fake.teamId },
        view: {
          id: 'VFAKE',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: {
            values: { reason: { reason_input: { type: 'plain_text_input', value: reason } } },
          },
        },
      });
      return post(body, headers);
    };
    const short = await submit('no');
    expect(await short.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why you deny the request (at least 5 characters)' },
    });
    expect((await grantState(grantId)).status).toBe('pending');
    const ok = await submit('Not needed for this role');
    expect(await ok.json()).toEqual({ response_action: 'clear' });
    expect((await grantState(grantId)).status).toBe('denied');
    expect(String(fake.responses.at(-1)!.body.text)).toContain('Denied by');
  });
});

describe('refused interactions', () => {
  beforeEach(() => fake.reset());

  async function pendingValue() {
    const { grantId } = await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    return { grantId, value: buttonValueFor('UADMIN') };
  }

  it('answers a forged signature and an old timestamp with 401, audits them, and changes nothing', async () => {
    const { grantId, value } = await pendingValue();
    const payload = buttonPayload(fake, 'UADMIN', 'vigil_approve', value);
    const forged = signedInteraction('not-the-signing-secret-000000', payload);
    expect((await post(forged.body, forged.headers)).status).toBe(401);
    const old = signedInteraction(fake.signingSecret, payload, Math.floor(Date.now() / 1000) - 600);
    expect((await post(old.body, old.headers)).status).toBe(401);
    const good = signedInteraction(fake.signingSecret, payload);
    expect((await post(`${good.body}&x=1`, good.headers)).status).toBe(401);
    expect(
      (await post(good.body, { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(401);
    expect((await grantState(grantId)).status).toBe('pending');
    expect(fake.responses).toEqual([]);
    const reasons = (await auditActions())
      .filter((a) => a.action === 'slack.interaction_refused')
      .map((a) => (a.after as { reason: string }).reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['signature_mismatch', 'stale_timestamp', 'signature_missing']),
    );
  });

  it('answers an unknown workspace or a body that is no interaction with 401', async () => {
    const unknown = signedInteraction(
      fake.signingSecret,
      buttonPayload({ ...fake, teamId: 'TNOBODY' }, 'UADMIN', 'vigil_approve', 'x'),
    );
    expect((await post(unknown.body, unknown.headers)).status).toBe(401);
    expect((await post('hello', {})).status).toBe(401);
  });
});

describe('channel posts, notify-only and Teams', () => {
  beforeEach(() => fake.reset());

  async function criticalSignal(key: string) {
    const { upsertProductSignal } = await import('@/server/services/signals/product-signals');
    await withTenant({ orgId: org.id, userId: null }, (tx) =>
      upsertProductSignal(tx, org.id, {
        kind: 'watchlist_match',
        personId: adaId,
        vendorId: null,
        severity: 'critical',
        dedupeKey: key,
        explanation: 'Phone matches a watchlist entry',
        stats: {},
        at: new Date(),
      }),
    );
  }

  it('posts a critical signal to the chosen channel with a deep link', async () => {
    await connectBot('CSECURITY1');
    await criticalSignal('slack:1');
    await dispatchOutbound(org.id);
    const post = fake.callsOf('chat.postMessage').at(-1)!;
    expect(post.args.channel).toBe('CSECURITY1');
    expect(String(post.args.text)).toMatch(/Critical signal/);
    expect(JSON.stringify(post.args.blocks)).toMatch(/\/signals\/[0-9a-f-]{36}\|Open in Vigil/);
  });

  it('notify-only Slack posts approvals and signals to its webhook, without buttons', async () => {
    await connectSlack(
      admin(),
      connectSlackSchema.parse({ mode: 'webhook', webhookUrl: fake.webhookUrl('slack') }),
    );
    await request(newPerson(), mediumPriv);
    await criticalSignal('slack:2');
    await dispatchOutbound(org.id);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    const posts = fake.webhooks.filter((w) => w.name === 'slack');
    expect(posts.map((p) => String(p.body.text).split(':')[0])).toEqual([
      'Access request waiting for system owner',
      'Critical signal',
    ]);
    expect(JSON.stringify(posts)).not.toContain('"actions"');
  });

  it('Teams gets an Adaptive Card; a deleted webhook needs attention and records connector.failed', async () => {
    const { connectTeams } = await import('@/server/services/chat/connection-commands');
    await connectTeams(admin(), { webhookUrl: fake.webhookUrl('teams') });
    await criticalSignal('teams:1');
    await dispatchOutbound(org.id);
    const card = fake.webhooks.find((w) => w.name === 'teams')!.body as {
      type: string;
      attachments: { contentType: string; content: { type: string } }[];
    };
    expect(card.type).toBe('message');
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card)).toContain('Critical signal');

    fake.webhookStatus.teams = 404;
    await criticalSignal('teams:2');
    await dispatchOutbound(org.id);
    const teams = (await listChatConnections(admin())).connections.find((c) => c.kind === 'teams')!;
    expect(teams.connection!.status).toBe('needs_attention');
    expect(teams.connection!.lastError).toMatch(/HTTP 404/);
    const failed = await rawRows<{ data: { connector: { kind: string } } }>(
      sql`select data from outbound_events where org_id = ${org.id} and type = 'connector.failed'`,
    );
    expect(failed.map((f) => f.data.connector.kind)).toContain('teams');
    await disconnectChat(admin(), { kind: 'teams' });
  });

  it('retries a failed DM on the next dispatch, and a revoked token needs attention', async () => {
    await connectBot(null);
    fake.failNext['chat.postMessage'] = 'internal_error';
    await request(newPerson(), mediumPriv);
    await dispatchOutbound(org.id);
    let slack = (await listChatConnections(admin())).connections.find((c) => c.kind === 'slack')!;
    expect(slack.connection!.status).toBe('failing');
    expect(slack.connection!.lastError).toMatch(/internal_error/);
    await dispatchOutbound(org.id);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
    slack = (await listChatConnections(admin())).connections.find((c) => c.kind === 'slack')!;
    expect(slack.connection!.status).toBe('active');

    fake.revokedTokens.add(fake.token);
    await request(newPerson(false), criticalPriv);
    await dispatchOutbound(org.id);
    slack = (await listChatConnections(admin())).connections.find((c) => c.kind === 'slack')!;
    expect(slack.connection!.status).toBe('needs_attention');
    expect(slack.connection!.lastError).toMatch(/invalid_auth/);
    const failed = await rawRows<{ data: { connector: { kind: string } } }>(
      sql`select data from outbound_events where org_id = ${org.id} and type = 'connector.failed'`,
    );
    expect(failed.map((f) => f.data.connector.kind)).toContain('slack');
    const notices = await rawRows<{ subject: string }>(
      sql`select subject from outbox_messages where org_id = ${org.id} and related_type = 'delivery_failure'`,
    );
    expect(notices.map((n) => n.subject)).toContain('Delivery failing: Slack connection');
  });

  it('sends other notices (here a failure notice) as a Slack DM too, once, beside the mail', async () => {
    await connectBot(null);
    await withTenant({ orgId: org.id, userId: null }, (tx) =>
      notifyAdminsOfFailure(tx, org.id, {
        what: 'Webhook hooks.example.test',
        detail: 'HTTP 500 eight times',
        link: '/settings/webhooks',
      }),
    );
    await dispatchOutbound(org.id);
    await dispatchOutbound(org.id);
    const dms = fake
      .callsOf('chat.postMessage')
      .filter((c) => String(c.args.text).includes('Delivery failing: Webhook hooks.example.test'));
    expect(dms).toHaveLength(1);
    expect(dms[0]!.args.channel).toBe('DUADMIN');
    const mail = await rawRows<{ to: string }>(
      sql`select to_address as "to" from outbox_messages where org_id = ${org.id} and subject = 'Delivery failing: Webhook hooks.example.test'`,
    );
    expect(mail.map((m) => m.to)).toEqual([org.users.admin.email]);
  });
});
