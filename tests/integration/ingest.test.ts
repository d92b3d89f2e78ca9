import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorIdentities } from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withTenant } from '@/db/tenant';
import { userActor } from '@/server/services/audit-service';
import { ingestEvents, type IngestActor } from '@/server/services/ingest-service';
import { listActorIdentities, resolveActorIdentity } from '@/server/services/identity-service';
import { createPerson } from '@/server/services/people-service';
import { createSystem } from '@/server/services/system-service';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
let actor: IngestActor;
let adaId: string;

const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/logs');

function canonicalLines(n: number, start = 0): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    return JSON.stringify({
      event_id: `evt-${k}`,
      occurred_at: new Date(Date.UTC(2026, 8 + (k % 3), 1 + (k % 27), k % 24)).toISOString(),
      actor: k % 10 === 0 ? 'ghost@elsewhere.example' : 'ADA@ing.test',
      system: 'Support Console',
      action: 'customer.view',
      resource: `cust-${k}`,
      record_count: 1 + (k % 5),
      ip: '203.0.113.7',
      country: 'GB',
    });
  });
}

async function* chunks(lines: string[], failAfter?: number): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i += 500) {
    if (failAfter !== undefined && i >= failAfter) throw new Error('process killed');
    yield `${lines.slice(i, i + 500).join('\n')}\n`;
  }
}

async function eventCount(orgId: string): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from access_events where org_id = ${orgId}`,
  );
  return row!.n;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('ing');
  other = await createTestOrg('oth');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  adaId = (
    await createPerson(compliance, {
      email: 'ada@ing.test',
      fullName: 'Ada Okafor',
      type: 'employee',
    })
  ).id;
  await createSystem(compliance, { name: 'Support Console', aliases: ['Zendesk SSO'] });
});
afterAll(() => teardown());

describe('ingest', () => {
  it('stores canonical events, resolves actors to people and systems, and lists the unknown', async () => {
    const lines = canonicalLines(50);
    const summary = await ingestEvents(actor, 'ndjson', chunks(lines), { channel: 'cli' });
    expect(summary).toMatchObject({
      received: 50,
      inserted: 50,
      duplicates: 0,
      rejected: 0,
      unresolvedActors: 1,
    });
    const rows = await withTenant({ orgId: org.id, userId: null }, (tx) =>
      tx.select().from(accessEvents).where(eq(accessEvents.sourceEventId, 'evt-1')),
    );
    expect(rows[0]).toMatchObject({
      personId: adaId,
      systemName: 'Support Console',
      country: 'GB',
    });
    expect(rows[0]!.systemId).not.toBeNull();
    const ids = await withTenant({ orgId: org.id, userId: null }, (tx) =>
      tx.select().from(actorIdentities).orderBy(actorIdentities.actorKey),
    );
    expect(ids.map((i) => [i.actorKey, i.status, i.eventCount])).toEqual([
      ['email:ada@ing.test', 'resolved', 45],
      ['email:ghost@elsewhere.example', 'unresolved', 5],
    ]);
  });

  it('re-ingesting the same file adds nothing, and counts stay right', async () => {
    const summary = await ingestEvents(actor, 'ndjson', chunks(canonicalLines(50)), {
      channel: 'cli',
    });
    expect(summary).toMatchObject({ inserted: 0, duplicates: 50 });
    expect(await eventCount(org.id)).toBe(50);
    const [ada] = await withTenant({ orgId: org.id, userId: null }, (tx) =>
      tx.select().from(actorIdentities).where(eq(actorIdentities.actorKey, 'email:ada@ing.test')),
    );
    expect(ada!.eventCount).toBe(45);
  });

  it('a run killed mid-file and re-run stores every event exactly once', async () => {
    const lines = canonicalLines(6000, 1000);
    await expect(
      ingestEvents(actor, 'ndjson', chunks(lines, 4500), { channel: 'cli', chunkSize: 2000 }),
    ).rejects.toThrow('process killed');
    const partial = await eventCount(org.id);
    expect(partial).toBe(50 + 4000); // two committed chunks of 2,000
    const rerun = await ingestEvents(actor, 'ndjson', chunks(lines), {
      channel: 'cli',
      chunkSize: 2000,
    });
    expect(rerun).toMatchObject({ inserted: 2000, duplicates: 4000 });
    expect(await eventCount(org.id)).toBe(6050);
    const [dupes] = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from (select source_event_id from access_events
      where org_id = ${org.id} group by source, source_event_id having count(*) > 1) d`);
    expect(dupes!.n).toBe(0);
  });

  it('resolves a system by an alias the logs use', async () => {
    const line = JSON.stringify({
      event_id: 'alias-1',
      occurred_at: '2026-10-02T10:00:00Z',
      actor: 'ada@ing.test',
      system: 'zendesk sso',
      action: 'login',
    });
    await ingestEvents(actor, 'ndjson', [line], { channel: 'cli' });
    const [row] = await withTenant({ orgId: org.id, userId: null }, (tx) =>
      tx.select().from(accessEvents).where(eq(accessEvents.sourceEventId, 'alias-1')),
    );
    expect(row!.systemId).not.toBeNull();
    expect(row!.systemName).toBe('zendesk sso');
  });

  it('rejects bad records with their line and keeps the rest', async () => {
    const good = canonicalLines(2, 90000);
    const text = [
      good[0],
      '{"event_id":"x","occurred_at":"yesterday","actor":"a","system":"s","action":"login"}',
      'not json',
      good[1],
    ].join('\n');
    const summary = await ingestEvents(actor, 'ndjson', [text], { channel: 'cli' });
    expect(summary).toMatchObject({ received: 4, inserted: 2, rejected: 2 });
    expect(summary.rejections.map((r) => r.line)).toEqual([2, 3]);
  });

  it('ingests the real Okta and CloudTrail samples', async () => {
    for (const [format, file] of [
      ['okta', 'okta/system-events.ndjson'],
      ['cloudtrail', 'cloudtrail/console-login.ndjson'],
    ] as const) {
      const summary = await ingestEvents(
        actor,
        format,
        fs.createReadStream(path.join(FIXTURES, file)),
        {
          channel: 'cli',
          fileName: file,
        },
      );
      // The published samples reuse some source ids, which dedupe (tests/fixtures/logs/README.md).
      expect(summary.inserted + summary.duplicates + summary.rejected).toBe(summary.received);
      expect(summary.inserted).toBeGreaterThan(0);
    }
  });

  it('linking an unresolved actor back-fills their events and resolves the next ones', async () => {
    const admin = actorFor(org, 'admin');
    const [ghost] = (await listActorIdentities(admin, {})).filter(
      (a) => a.actorKey === 'email:ghost@elsewhere.example',
    );
    expect(ghost).toBeDefined();
    const bea = await createPerson(admin, {
      email: 'bea@ing.test',
      fullName: 'Bea Lee',
      type: 'contractor',
    });
    await expect(
      resolveActorIdentity(actorFor(org, 'compliance'), {
        identityId: ghost!.id,
        decision: 'link',
        personId: bea.id,
      }),
    ).resolves.toBeDefined(); // the router limits this to admins; the service trusts its caller
    const [row] = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from access_events where org_id = ${org.id} and person_id = ${bea.id}`);
    expect(row!.n).toBeGreaterThan(0);
    const [left] = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from access_events where org_id = ${org.id} and actor_key = 'email:ghost@elsewhere.example' and person_id is null`);
    expect(left!.n).toBe(0);
    // The identifier is now the person's, so new events resolve on arrival.
    const next = await ingestEvents(
      actor,
      'ndjson',
      [
        JSON.stringify({
          event_id: 'ghost-new',
          occurred_at: '2026-10-05T10:00:00Z',
          actor: 'ghost@elsewhere.example',
          system: 'Support Console',
          action: 'login',
        }),
      ],
      { channel: 'cli' },
    );
    expect(next).toMatchObject({ inserted: 1, unresolvedActors: 0 });
  });

  it('keeps each organization to its own events (and partitions carry row-level security)', async () => {
    expect(await eventCount(other.id)).toBe(0);
    const seen = await withTenant({ orgId: other.id, userId: null }, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(accessEvents),
    );
    expect(seen[0]!.n).toBe(0);
    const parts = await rawRows<{ relname: string; rls: boolean; forced: boolean }>(sql`
      select c.relname, c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'access_events'::regclass order by 1`);
    expect(parts.length).toBeGreaterThanOrEqual(4); // default + Sep, Oct, Nov 2026
    expect(parts.every((p) => p.rls && p.forced)).toBe(true);
    const audit = await asOwner((tx) =>
      tx.execute(
        sql`select count(*)::int as n from audit_log where org_id = ${org.id} and action = 'ingest.batch'`,
      ),
    );
    expect(JSON.stringify(audit)).toMatch(/"n":\s*[5-9]/);
  });
});
