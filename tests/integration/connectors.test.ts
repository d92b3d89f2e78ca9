import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorSchema } from '@/server/domain/connectors/inputs';
import { resetEnvForTests } from '@/server/env';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import {
  createConnector,
  pauseConnector,
  replaceConnectorSecret,
  resumeConnector,
} from '@/server/services/connectors/connector-commands';
import { listConnectorRuns, listConnectors } from '@/server/services/connectors/connector-queries';
import { connectorActor } from '@/server/services/connectors/connector-rows';
import { testConnector } from '@/server/services/connectors/connector-test';
import { sweepConnectors } from '@/server/services/connectors/jobs';
import { runConnector, type RunOptions } from '@/server/services/connectors/run';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { oktaEvents, startFakeOkta } from '../helpers/fake-okta';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { outboxOf } from '../helpers/outbox';

let teardown: () => Promise<void>;
const closers: (() => Promise<void>)[] = [];
let orgCount = 0;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  process.env.VIGIL_SECRETS_KEY = Buffer.alloc(32, 9).toString('base64');
  // The fake Okta listens on 127.0.0.1; the SSRF policy's own tests keep this off.
  process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = '1';
  resetEnvForTests();
});
afterAll(async () => {
  for (const close of closers) await close();
  await teardown();
});

async function fakeOkta(events: unknown[]) {
  const fake = await startFakeOkta({ events });
  closers.push(fake.close);
  return fake;
}

async function setup(events: unknown[], pageSize = 10) {
  const org = await createTestOrg(`conn${++orgCount}`);
  const fake = await fakeOkta(events);
  const admin = connectorActor(actorFor(org, 'admin'));
  const created = await createConnector(
    admin,
    createConnectorSchema.parse({
      kind: 'okta',
      name: 'Okta prod',
      secret: fake.token,
      settings: { url: fake.url, pageSize },
    }),
  );
  return { org, fake, admin, id: created.id };
}

const FAST: RunOptions['retry'] = { baseMs: 5, sleep: async () => {} };
const run = (o: TestOrg, id: string, extra: Partial<RunOptions> = {}) =>
  runConnector(o.id, id, { trigger: 'cli', retry: FAST, ...extra });

async function storedEventIds(orgId: string): Promise<string[]> {
  const rows = await rawRows<{ source_event_id: string }>(
    sql`select source_event_id from access_events where org_id = ${orgId} order by source_event_id`,
  );
  return rows.map((r) => r.source_event_id);
}

async function connectorState(orgId: string, id: string) {
  const [row] = await rawRows<{ status: string; cursor: string | null; last_error: string | null }>(
    sql`select status, cursor, last_error from connectors where org_id = ${orgId} and id = ${id}`,
  );
  return row!;
}

describe('Okta connector runs', () => {
  it('pulls every page through the Okta parser, checkpoints, and counts', async () => {
    const events = oktaEvents(25);
    const { org, fake, id } = await setup(events);
    const summary = await run(org, id);
    expect(summary).toMatchObject({
      outcome: 'succeeded',
      pages: 3,
      received: 25,
      inserted: 25,
      duplicates: 0,
      errors: 0,
    });
    expect(await storedEventIds(org.id)).toHaveLength(25);
    // First request: a polling query (since, ascending); then Okta's next links; the empty
    // fourth page says it caught up.
    const first = new URL(fake.requests[0]!.url, fake.url);
    expect(first.searchParams.get('sortOrder')).toBe('ASCENDING');
    expect(first.searchParams.get('since')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.every((r) => r.authorization === `SSWS ${fake.token}`)).toBe(true);
    // A later poll starts at the stored cursor and brings only what is new.
    fake.events.push(...oktaEvents(3, new Date(), 'late'));
    const again = await run(org, id);
    expect(again).toMatchObject({ outcome: 'succeeded', received: 3, inserted: 3 });
    expect(await storedEventIds(org.id)).toHaveLength(28);
    // Detection runs as after an upload: one detect job per page's batch.
    const jobs = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from jobs where kind = 'detect.batch' and payload->>'orgId' = ${org.id}`,
    );
    expect(jobs[0]!.n).toBe(4);
    const runs = await listConnectorRuns({ orgId: org.id, userId: null }, { id, limit: 10 });
    expect(runs.map((r) => [r.outcome, r.inserted])).toEqual([
      ['succeeded', 3],
      ['succeeded', 25],
    ]);
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${org.id} and entity_type = 'connector' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'connector.created',
      'connector.run',
      'connector.run',
    ]);
  });

  it('waits out a 429 with Retry-After and a 500, then succeeds', async () => {
    const { org, fake, id } = await setup(oktaEvents(12));
    fake.failures.push({ status: 429, retryAfter: '2' }, { status: 500, body: '{}' });
    const waits: number[] = [];
    const summary = await run(org, id, {
      retry: { baseMs: 5, sleep: async (ms) => void waits.push(ms) },
    });
    expect(summary).toMatchObject({ outcome: 'succeeded', inserted: 12 });
    expect(waits).toEqual([2000, 10]);
  });

  it('gives up after bounded retries; the next run resumes', async () => {
    const { org, fake, id } = await setup(oktaEvents(5));
    fake.failures.push(...Array.from({ length: 4 }, () => ({ status: 503 })));
    const failed = await run(org, id);
    expect(failed.outcome).toBe('failed');
    expect(failed.message).toMatch(/503.*Gave up after 4 tries/);
    expect((await connectorState(org.id, id)).status).toBe('active');
    expect(await run(org, id)).toMatchObject({ outcome: 'succeeded', inserted: 5 });
  });

  it('counts a malformed record as an error and keeps the rest', async () => {
    const events: unknown[] = oktaEvents(6);
    events.splice(2, 0, { eventType: 'user.session.start', published: 'yesterday' });
    const { org, id } = await setup(events);
    expect(await run(org, id)).toMatchObject({ outcome: 'succeeded', inserted: 6, errors: 1 });
  });

  it('an expired token sets needs_attention, mails admins once, and stops the schedule', async () => {
    const { org, fake, id, admin } = await setup(oktaEvents(4));
    fake.token = '00rotated-token-987654321';
    const summary = await run(org, id);
    expect(summary.outcome).toBe('needs_attention');
    expect(summary.message).toMatch(/refused the API token \(401\).*expired/);
    const state = await connectorState(org.id, id);
    expect(state.status).toBe('needs_attention');
    const mails = await outboxOf(org.id, ['connector.needs_attention']);
    expect(mails.map((m) => m.to_address)).toEqual([`admin@${org.slug}.test`]);
    expect(mails[0]!.body_text).not.toContain(fake.token);
    const events = await rawRows<{ type: string }>(
      sql`select type from outbound_events where org_id = ${org.id} and type = 'connector.failed'`,
    );
    expect(events).toHaveLength(1);
    // The schedule leaves it alone until an admin acts.
    expect(await run(org, id, { trigger: 'schedule' })).toMatchObject({ outcome: 'skipped' });
    // A new token resumes it.
    await replaceConnectorSecret(admin, { id, secret: fake.token });
    expect((await connectorState(org.id, id)).status).toBe('active');
    expect(await run(org, id)).toMatchObject({ outcome: 'succeeded', inserted: 4 });
    expect(await outboxOf(org.id, ['connector.needs_attention'])).toHaveLength(1);
  });

  it('a crash between pages resumes from the last checkpoint: nothing lost, nothing doubled', async () => {
    const events = oktaEvents(30);
    const { org, id } = await setup(events);
    const crashed = await run(org, id, {
      afterIngest: (page) => {
        if (page === 2) throw new Error('worker killed');
      },
    });
    // Page 2 was stored, its checkpoint was not.
    expect(crashed).toMatchObject({ outcome: 'failed', pages: 2, inserted: 20 });
    const resumed = await run(org, id);
    expect(resumed).toMatchObject({ outcome: 'succeeded', received: 20, duplicates: 10 });
    expect(resumed.inserted).toBe(10);
    const ids = await storedEventIds(org.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('a run its worker never finished is closed and the next one takes over', async () => {
    const { org, id } = await setup(oktaEvents(3));
    await rawRows(sql`update connectors set lease_until = now() - interval '1 minute',
      lease_owner = gen_random_uuid() where id = ${id}`);
    await rawRows(sql`insert into connector_runs (org_id, connector_id, trigger)
      values (${org.id}, ${id}, 'schedule')`);
    expect(await run(org, id)).toMatchObject({ outcome: 'succeeded', inserted: 3 });
    const runs = await listConnectorRuns({ orgId: org.id, userId: null }, { id, limit: 10 });
    expect(runs.map((r) => r.outcome).sort()).toEqual(['failed', 'succeeded']);
  });

  it('a run in progress is not started twice', async () => {
    const { org, id } = await setup(oktaEvents(3));
    await rawRows(
      sql`update connectors set lease_until = now() + interval '5 minutes' where id = ${id}`,
    );
    expect(await run(org, id)).toMatchObject({ outcome: 'skipped' });
  });
});

describe('connector management', () => {
  it('keeps the secret sealed and never returns it', async () => {
    const { org, fake, id } = await setup([]);
    const [row] = await rawRows<{ secret_sealed: string; secret_hint: string }>(
      sql`select secret_sealed, secret_hint from connectors where id = ${id}`,
    );
    expect(row!.secret_sealed).not.toContain(fake.token);
    expect(row!.secret_hint).toBe(`••••${fake.token.slice(-4)}`);
    const listed = await listConnectors({ orgId: org.id, userId: null });
    expect(JSON.stringify(listed)).not.toContain(fake.token);
    const audit = await rawRows<{ after: unknown }>(
      sql`select after from audit_log where org_id = ${org.id} and entity_type = 'connector'`,
    );
    expect(JSON.stringify(audit)).not.toContain(fake.token);
  });

  it('refuses to store a secret without VIGIL_SECRETS_KEY, saying so', async () => {
    const org = await createTestOrg(`conn${++orgCount}`);
    const key = process.env.VIGIL_SECRETS_KEY;
    delete process.env.VIGIL_SECRETS_KEY;
    resetEnvForTests();
    try {
      await expect(
        createConnector(
          connectorActor(actorFor(org, 'admin')),
          createConnectorSchema.parse({
            kind: 'okta',
            name: 'Okta',
            secret: '00abcdefghijklmn',
            settings: { url: 'http://127.0.0.1:9' },
          }),
        ),
      ).rejects.toThrow(/VIGIL_SECRETS_KEY is not set/);
    } finally {
      process.env.VIGIL_SECRETS_KEY = key;
      resetEnvForTests();
    }
    expect(await listConnectors({ orgId: org.id, userId: null })).toEqual([]);
  });

  it('refuses a private address unless allowed, and a duplicate name', async () => {
    const { org, fake, admin } = await setup([]);
    const input = createConnectorSchema.parse({
      kind: 'okta',
      name: 'okta PROD',
      secret: fake.token,
      settings: { url: fake.url },
    });
    await expect(createConnector(admin, input)).rejects.toThrow(/already exists/);
    process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = '0';
    resetEnvForTests();
    try {
      await expect(createConnector(admin, { ...input, name: 'other' })).rejects.toThrow(
        /https|loopback|private/i,
      );
    } finally {
      process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = '1';
      resetEnvForTests();
    }
    expect(await listConnectors({ orgId: org.id, userId: null })).toHaveLength(1);
  });

  it('tests the connection without ingesting or moving the cursor', async () => {
    const { org, id, admin, fake } = await setup(oktaEvents(37), 1000);
    expect(await testConnector(admin, { id })).toEqual({
      ok: true,
      message: 'Fetched 1 page, 37 events.',
    });
    expect(await storedEventIds(org.id)).toHaveLength(0);
    expect((await connectorState(org.id, id)).cursor).toBeNull();
    fake.token = 'changed-token-000000';
    expect(await testConnector(admin, { id })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/401/),
    });
    // A test never changes the status.
    expect((await connectorState(org.id, id)).status).toBe('active');
  });

  it('pauses, resumes, and the sweep queues only due, active connectors', async () => {
    const { org, id, admin } = await setup(oktaEvents(2));
    expect(SCHEDULE.map((s) => s.kind)).toContain('connectors.sweep');
    await pauseConnector(admin, { id });
    await sweepConnectors();
    const queued = async () =>
      rawRows<{ n: number }>(
        sql`select count(*)::int as n from jobs where kind = 'connectors.run' and payload->>'connectorId' = ${id} and status = 'queued'`,
      );
    expect((await queued())[0]!.n).toBe(0);
    await resumeConnector(admin, { id });
    await sweepConnectors();
    await sweepConnectors();
    expect((await queued())[0]!.n).toBe(1);
    const result = (await JOB_HANDLERS['connectors.run']!({
      orgId: org.id,
      connectorId: id,
      trigger: 'schedule',
    })) as { outcome: string };
    expect(result.outcome).toBe('succeeded');
  });
});
