import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postTickets } from '@/app/api/v1/ingest/tickets/route';
import { auditLog, tickets } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { userActor } from '@/server/services/audit/log';
import { createApiKey } from '@/server/services/auth/api-keys';
import { detectEvents } from '@/server/services/detectors/run';
import { loadTicketFeed } from '@/server/services/detectors/tickets';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { importTickets } from '@/server/services/import/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { listSignals } from '@/server/services/signals/queries';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
let actor: ImportActor;
let otherActor: ImportActor;

const HEADER = 'ticket_id,system,assignee_email,resource_ids,opened_at,closed_at,status';
const TICKETS = `${HEADER}
SUP-1042,Support Console,agent@tix.test,C-77,2026-10-05T08:00:00Z,,open
SUP-1043,Support Console,Agent@Tix.test,C-12;C-13,2026-10-05T08:00:00Z,2026-10-05T18:00:00Z,Resolved
SUP-1044,Support Console,not-an-email,C-1,2026-10-05T08:00:00Z,,open
SUP-1045,,agent@tix.test,C-2,2026-10-05T08:00:00Z,2026-10-04T08:00:00Z,closed
sup-1042,Support Console,agent@tix.test,C-77,2026-10-05T08:00:00Z,,open
`;

const importer = (o: TestOrg): ImportActor => {
  const compliance = actorFor(o, 'compliance');
  return { ...compliance, audit: userActor(compliance) };
};

async function ticketsOf(orgId: string) {
  return asOwner((tx) => tx.select().from(tickets).where(eq(tickets.orgId, orgId)));
}

async function auditCount(orgId: string) {
  return (await asOwner((tx) => tx.select().from(auditLog).where(eq(auditLog.orgId, orgId))))
    .length;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('tix');
  other = await createTestOrg('tixother');
  actor = importer(org);
  otherActor = importer(other);
  for (const [o, email] of [
    [org, 'agent@tix.test'],
    [other, 'agent@tix.test'],
  ] as const)
    await createPerson(
      actorFor(o, 'compliance'),
      personInputSchema.parse({
        email,
        fullName: 'Ana Agent',
        type: 'employee',
        country: 'GB',
        timezone: 'Europe/London',
      }),
    );
});
afterAll(() => teardown());

describe('tickets import', () => {
  it('previews without writing, with every bad row named by line and column', async () => {
    const before = await auditCount(org.id);
    const preview = await importTickets(actor, TICKETS, { dryRun: true });
    expect(preview).toMatchObject({ kind: 'tickets', dryRun: true, created: 2, updated: 0 });
    expect(preview.rejected).toEqual([
      { line: 4, reason: 'assignee_email "not-an-email" is not an email address' },
      { line: 5, reason: 'closed_at is before opened_at' },
      { line: 6, reason: 'the same ticket is on line 2' },
    ]);
    expect(await ticketsOf(org.id)).toEqual([]);
    expect(await auditCount(org.id)).toBe(before);
  });

  it('imports, normalizes, resolves the assignee, and re-imports idempotently', async () => {
    const first = await importTickets(actor, TICKETS, { dryRun: false });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const stored = (await ticketsOf(org.id)).sort((a, b) => a.ticketId.localeCompare(b.ticketId));
    expect(stored.map((t) => [t.ticketId, t.status, t.resourceIds, t.assigneeEmail])).toEqual([
      ['SUP-1042', 'open', ['C-77'], 'agent@tix.test'],
      ['SUP-1043', 'solved', ['C-12', 'C-13'], 'agent@tix.test'],
    ]);
    expect(stored[0]!.assigneePersonId).not.toBeNull();
    const again = await importTickets(actor, TICKETS, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const audits = await asOwner((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'import.tickets'))),
    );
    expect(audits).toHaveLength(2);
  });

  it('updates status and closing time from a later export, remembering an earlier assignee', async () => {
    const later = `${HEADER}
SUP-1043,Support Console,lead@tix.test,C-12;C-13,2026-10-05T08:00:00Z,2026-10-05T18:00:00Z,closed
`;
    const report = await importTickets(actor, later, { dryRun: false });
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect(report.rows[0]!.changes).toEqual(
      expect.arrayContaining(['status', 'assigneeEmail', 'earlierAssigneeEmails']),
    );
    const t = (await ticketsOf(org.id)).find((x) => x.ticketId === 'SUP-1043')!;
    expect([t.status, t.assigneeEmail, t.earlierAssigneeEmails]).toEqual([
      'closed',
      'lead@tix.test',
      ['agent@tix.test'],
    ]);
  });

  it('reads NDJSON, rejecting a broken line on its own', async () => {
    const ndjson = [
      '{"ticket_id":"SUP-2001","assignee_email":"agent@tix.test","resource_ids":["C-5"],"opened_at":"2026-10-01T08:00:00Z"}',
      '{"ticket_id":"SUP-2002",',
    ].join('\n');
    const report = await importTickets(actor, ndjson, { dryRun: true });
    expect(report).toMatchObject({
      created: 1,
      rejected: [{ line: 2, reason: 'not a JSON object' }],
    });
  });

  it('refuses a file with an unknown column as a whole', async () => {
    await expect(
      importTickets(actor, 'ticket_id,opened_at,priority\nX,2026-10-01,high\n', { dryRun: true }),
    ).rejects.toThrow(/Unknown column "priority"/);
  });
});

describe('tickets over HTTP', () => {
  const post = (body: string, key: string | null, query = '') =>
    postTickets(
      new Request(`http://vigil.test/api/v1/ingest/tickets${query}`, {
        method: 'POST',
        headers: key ? { authorization: `Bearer ${key}` } : {},
        body,
      }),
    );
  const BODY = [
    '{"ticket_id":"WEB-1","assignee_email":"agent@tix.test","resource_ids":"C-8;C-9","opened_at":"2026-10-05T08:00:00Z","status":"new"}',
    '{"ticket_id":"WEB-2","opened_at":"yesterday"}',
  ].join('\n');

  it('needs a key with the ingest scope', async () => {
    expect((await post(BODY, null)).status).toBe(401);
    const readOnly = await createApiKey(
      actorFor(org, 'admin'),
      createApiKeySchema.parse({ name: 'reader', scopes: ['read'] }),
    );
    expect((await post(BODY, readOnly.key)).status).toBe(403);
  });

  it('upserts idempotently, answers per-row errors, and writes nothing on a dry run', async () => {
    const { key } = await createApiKey(
      actorFor(org, 'admin'),
      createApiKeySchema.parse({ name: 'tickets feed', scopes: ['ingest'] }),
    );
    const dry = await post(BODY, key, '?dry_run=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, received: 2, created: 1 });
    expect((await ticketsOf(org.id)).some((t) => t.ticketId === 'WEB-1')).toBe(false);

    const first = await post(BODY, key);
    expect(await first.json()).toEqual({
      dryRun: false,
      received: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          line: 2,
          reason: 'opened_at "yesterday" is not a time (YYYY-MM-DD or ISO 8601 with offset)',
        },
      ],
    });
    const again = await post(BODY, key);
    expect(await again.json()).toMatchObject({ created: 0, unchanged: 1 });
    const web1 = (await ticketsOf(org.id)).find((t) => t.ticketId === 'WEB-1')!;
    expect([web1.status, web1.resourceIds]).toEqual(['open', ['C-8', 'C-9']]);
    expect((await post('not json, not a csv header', key)).status).toBe(400);
  });
});

describe('ticket truth in detection', () => {
  const at = (hhmm: string, day = '2026-10-05') => `${day}T${hhmm}:00Z`;
  const lookup = (id: string, time: string, ticketId: string, resource: string) =>
    JSON.stringify({
      event_id: id,
      occurred_at: time,
      actor: 'agent@tix.test',
      system: 'Support Console',
      action: 'customer.view',
      resource,
      ticket_id: ticketId,
    });

  it('raises ticket_mismatch for lookups of other customers under a real ticket, never using another tenant’s tickets', async () => {
    // The other organization has a ticket SUP-9000 about C-500 assigned to the same address.
    await importTickets(
      otherActor,
      `${HEADER}\nSUP-9000,Support Console,agent@tix.test,C-500,2026-10-01T08:00:00Z,,open\n`,
      { dryRun: false },
    );
    const events = [
      // Right ticket, right customer: nothing.
      lookup('ok-1', at('09:00'), 'SUP-1042', 'C-77'),
      lookup('ok-2', at('09:05'), 'sup-1042', 'Customer C-77'),
      // A real, open ticket of hers, about C-77, used to open three other customers.
      lookup('mm-1', at('10:00'), 'SUP-1042', 'C-913'),
      lookup('mm-2', at('10:05'), 'SUP-1042', 'C-914'),
      lookup('mm-3', at('10:10'), 'SUP-1042', 'C-915'),
      // A ticket that exists only in the other organization: not hers, not a mismatch here.
      lookup('x-1', at('10:20'), 'SUP-9000', 'C-501'),
      // The next day only right lookups.
      lookup('ok-3', at('09:00', '2026-10-06'), 'SUP-1042', 'C-77'),
    ];
    const batch = await ingestEvents(actor, 'ndjson', [events.join('\n')], { channel: 'cli' });
    expect(batch.inserted).toBe(events.length);
    await detectEvents(
      org.id,
      { batchId: batch.batchId },
      { type: 'system', id: null, label: 't' },
    );

    const found = await listSignals(
      actorFor(org, 'compliance'),
      listSignalsSchema.parse({ status: 'all', kind: 'ticket_mismatch' }),
    );
    expect(found.items).toHaveLength(1);
    const [signal] = found.items;
    expect(signal!.severity).toBe('high');
    expect(signal!.explanation).toContain(
      'ticket SUP-1042 is about C-77 but the lookup opened C-913',
    );
    expect(signal!.explanation).not.toContain('SUP-9000');
    expect(signal!.windowStart).toEqual(new Date(at('10:00')));

    // The feed is read with the organization named (as the owner, so RLS cannot cover for a
    // missing filter) and under RLS: another tenant's SUP-9000, cited by these events, is absent.
    const cited = sql`org_id = ${org.id}`;
    for (const feed of [
      await asOwner((tx) => loadTicketFeed(tx, org.id, cited)),
      await withTenant({ orgId: org.id, userId: null }, (tx) => loadTicketFeed(tx, org.id, cited)),
    ])
      expect([...feed!.byId.keys()].sort()).toEqual(['sup-1042']);
  });
});
