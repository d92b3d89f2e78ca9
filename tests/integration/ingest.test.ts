import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorIdentities } from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withTenant } from '@/db/tenant';
import {
  listActorsSchema,
  personInputSchema,
  systemInputSchema,
} from '@/server/domain/inventory/inputs';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { listActorIdentities } from '@/server/services/inventory/identity-queries';
import { resolveActorIdentity } from '@/server/services/inventory/identity-resolution';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { rawRows, setupTestDatabase } from '../helpers/db';
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
    await createPerson(
      compliance,
      personInputSchema.parse({
        email: 'ada@ing.test',
        fullName: 'Ada Okafor',
        type: 'employee',
      }),
    )
  ).id;
  await createSystem(
    compliance,
    systemInputSchema.parse({ name: 'Support Console', aliases: ['Zendesk SSO'] }),
  );
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

  it('writes chunks concurrently: a source id repeated across chunks is stored once and counts add up', async () => {
    // Each event twice, the copy 60 lines later: with chunks of 50 the copies land in adjacent
    // chunks, which PostgreSQL writes at the same time (they may even deadlock and be retried).
    const unique = canonicalLines(400, 20_000);
    const lines: string[] = [];
    unique.forEach((line, i) => {
      lines.push(line);
      if (i >= 60) lines.push(unique[i - 60]!);
    });
    lines.push(...unique.slice(-60));
    const before = await eventCount(org.id);
    const [adaBefore] = await rawRows<{ n: number }>(
      sql`select event_count::int as n from actor_identities where org_id = ${org.id} and actor_key = 'email:ada@ing.test'`,
    );
    const summary = await ingestEvents(actor, 'ndjson', chunks(lines), {
      channel: 'cli',
      chunkSize: 50,
    });
    expect(summary).toMatchObject({ received: 800, inserted: 400, duplicates: 400 });
    // Unknown actors are counted once per run, not once per chunk they appear in.
    expect(summary.unresolvedActors).toBe(1);
    expect(await eventCount(org.id)).toBe(before + 400);
    const [batch] = await rawRows<{ received: number; inserted: number; duplicates: number }>(
      sql`select received, inserted, duplicates from ingest_batches where id = ${summary.batchId}`,
    );
    expect(batch).toEqual({ received: 800, inserted: 400, duplicates: 400 });
    const [adaAfter] = await rawRows<{ n: number }>(
      sql`select event_count::int as n from actor_identities where org_id = ${org.id} and actor_key = 'email:ada@ing.test'`,
    );
    expect(adaAfter!.n - adaBefore!.n).toBe(360); // every event but each tenth (the ghost's)
  });

  it('two runs needing the same new month both land (its partition is created once)', async () => {
    const month = (prefix: string) =>
      Array.from({ length: 30 }, (_, i) =>
        JSON.stringify({
          event_id: `${prefix}-${i}`,
          occurred_at: `2031-03-${String(1 + i).padStart(2, '0')}T09:00:00Z`,
          actor: 'ada@ing.test',
          system: 'Support Console',
          action: 'customer.view',
        }),
      );
    const [a, b] = await Promise.all([
      ingestEvents(actor, 'ndjson', [month('race-a').join('\n')], { channel: 'cli' }),
      ingestEvents(actor, 'ndjson', [month('race-b').join('\n')], { channel: 'cli' }),
    ]);
    expect([a.inserted, b.inserted]).toEqual([30, 30]);
    const [row] = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from access_events
      where org_id = ${org.id} and occurred_at >= '2031-03-01' and occurred_at < '2031-04-01'`);
    expect(row!.n).toBe(60);
  });

  it('linking an unresolved actor back-fills their events and resolves the next ones', async () => {
    const admin = actorFor(org, 'admin');
    const [ghost] = (await listActorIdentities(admin, listActorsSchema.parse({}))).filter(
      (a) => a.actorKey === 'email:ghost@elsewhere.example',
    );
    expect(ghost).toBeDefined();
    const bea = await createPerson(
      admin,
      personInputSchema.parse({
        email: 'bea@ing.test',
        fullName: 'Bea Lee',
        type: 'contractor',
      }),
    );
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
    const [audit] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where org_id = ${org.id} and action = 'ingest.batch'`,
    );
    expect(audit!.n).toBeGreaterThanOrEqual(5); // one entry per run of this file
  });
});
