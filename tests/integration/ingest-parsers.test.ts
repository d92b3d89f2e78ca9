import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// The ingest summary and the stored rows agree, over the shapes real logs carry
// (docs/INGEST.md §Idempotency and rejections, §Per-source decisions).

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('prs');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
});
afterAll(() => teardown());

const ndjson = (records: unknown[]) => [`${records.map((r) => JSON.stringify(r)).join('\n')}\n`];

async function stored(sourceEventId: string) {
  return rawRows<{ occurred_at: Date | string }>(
    sql`select occurred_at from access_events
        where org_id = ${org.id} and source_event_id = ${sourceEventId} order by occurred_at`,
  );
}

async function batchCounts(batchId: string) {
  const [row] = await rawRows<{ received: number; inserted: number; duplicates: number }>(
    sql`select received, inserted, duplicates from ingest_batches where id = ${batchId}`,
  );
  return row;
}

describe('ingest summary', () => {
  const event = (hour: number) => ({
    event_id: 'ticket-export-77',
    occurred_at: `2026-10-05T${String(hour).padStart(2, '0')}:00:00Z`,
    actor: 'ana@prs.test',
    system: 'Support Console',
    action: 'customer.view',
  });
  // One source id at two times, each copy repeated: 7 records, 2 distinct stored rows.
  const records = [event(9), event(9), event(10), event(9), event(10), event(10), event(9)];

  it.each([
    ['one chunk', 100],
    ['chunks of 2', 2],
  ])('counts one source id at two times exactly (%s)', async (_label, chunkSize) => {
    const summary = await ingestEvents(actor, 'ndjson', ndjson(records), {
      channel: 'cli',
      chunkSize,
    });
    const rows = await stored('ticket-export-77');
    expect(rows).toHaveLength(2);
    const firstRun = chunkSize === 100;
    const expected = firstRun
      ? { received: 7, inserted: 2, duplicates: 5 }
      : { received: 7, inserted: 0, duplicates: 7 }; // the second run finds both stored
    expect(summary).toMatchObject(expected);
    expect(await batchCounts(summary.batchId)).toEqual(expected);
  });

  it('counts a fresh id at two times across chunks exactly', async () => {
    const fresh = records.map((r) => ({ ...r, event_id: 'ticket-export-78' }));
    const summary = await ingestEvents(actor, 'ndjson', ndjson(fresh), {
      channel: 'cli',
      chunkSize: 3,
    });
    expect(await stored('ticket-export-78')).toHaveLength(2);
    expect(summary).toMatchObject({ received: 7, inserted: 2, duplicates: 5 });
    expect(await batchCounts(summary.batchId)).toEqual({ received: 7, inserted: 2, duplicates: 5 });
    const [actorRow] = await rawRows<{ n: number }>(
      sql`select event_count::int as n from actor_identities
          where org_id = ${org.id} and actor_key = 'email:ana@prs.test'`,
    );
    // 2 rows from the first file, 2 from this one: the actor count matches what is stored.
    expect(actorRow!.n).toBe(4);
  });
});

describe('CloudTrail actors as stored', () => {
  const base = (id: string, userIdentity: Record<string, unknown>) => ({
    eventVersion: '1.09',
    eventTime: '2026-10-06T08:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    sourceIPAddress: '198.51.100.7',
    eventID: id,
    recipientAccountId: '111122223333',
    userIdentity,
  });
  const iamUser = (account: string) => ({
    type: 'IAMUser',
    arn: `arn:aws:iam::${account}:user/alice`,
    accountId: account,
    userName: 'alice',
  });

  it('records machine identities as service accounts and IAM users per account', async () => {
    const summary = await ingestEvents(
      actor,
      'cloudtrail',
      [
        JSON.stringify({
          Records: [
            base('ct-1', iamUser('111122223333')),
            base('ct-2', iamUser('444455556666')),
            base('ct-3', { type: 'AWSService', invokedBy: 'config.amazonaws.com' }),
            base('ct-4', {
              type: 'AssumedRole',
              arn: 'arn:aws:sts::111122223333:assumed-role/app-server/i-0a1b2c3d4e5f67890',
              accountId: '111122223333',
            }),
          ],
        }),
      ],
      { channel: 'cli' },
    );
    expect(summary).toMatchObject({ received: 4, inserted: 4, duplicates: 0 });
    // The two alices; machines are not people waiting to be linked.
    expect(summary.unresolvedActors).toBe(2);
    const identities = await rawRows<{ actor_key: string; kind: string; status: string }>(
      sql`select actor_key, kind, status from actor_identities
          where org_id = ${org.id} and kind in ('aws', 'machine') order by actor_key`,
    );
    expect(identities).toEqual([
      { actor_key: 'aws:arn:aws:iam::111122223333:user/alice', kind: 'aws', status: 'unresolved' },
      { actor_key: 'aws:arn:aws:iam::444455556666:user/alice', kind: 'aws', status: 'unresolved' },
      {
        actor_key: 'machine:arn:aws:sts::111122223333:assumed-role/app-server/i-0a1b2c3d4e5f67890',
        kind: 'machine',
        status: 'service_account',
      },
      { actor_key: 'machine:config.amazonaws.com', kind: 'machine', status: 'service_account' },
    ]);
  });
});

describe('Google Workspace activities split one event per record', () => {
  it('stores both same-name events of one activity, and re-ingesting adds nothing', async () => {
    const activity = (docId: string) => ({
      kind: 'admin#reports#activity',
      id: {
        time: '2026-10-07T10:00:00.000Z',
        uniqueQualifier: '-77',
        applicationName: 'drive',
      },
      actor: { email: 'ana@prs.test', profileId: '1001' },
      events: [
        { type: 'access', name: 'download', parameters: [{ name: 'doc_id', value: docId }] },
      ],
    });
    const body = ndjson([activity('doc-A'), activity('doc-B')]);
    const first = await ingestEvents(actor, 'gworkspace', body, { channel: 'cli' });
    expect(first).toMatchObject({ received: 2, inserted: 2, duplicates: 0 });
    const again = await ingestEvents(actor, 'gworkspace', body, { channel: 'cli' });
    expect(again).toMatchObject({ received: 2, inserted: 0, duplicates: 2 });
    const rows = await rawRows<{ resource: string }>(
      sql`select resource from access_events
          where org_id = ${org.id} and source = 'gworkspace' order by resource`,
    );
    expect(rows.map((r) => r.resource)).toEqual(['doc-A', 'doc-B']);
  });
});
