import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { openCaseSchema, closeCaseSchema } from '@/server/domain/cases/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import {
  OUTBOUND_EVENT_DATA,
  outboundEnvelope,
  type OutboundEventType,
  type StoredOutboundEvent,
} from '@/server/domain/outbound/events';
import { revokeAccessGrant } from '@/server/services/access/grant-changes';
import { decideAccessStep, requestAccess } from '@/server/services/access/requests';
import { closeCase, openCase } from '@/server/services/cases/case-commands';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { flushOutboundDispatch } from '@/server/services/outbound/dispatch';
import { readOutboundEvents, recordOutboundEvent } from '@/server/services/outbound/events';
import { upsertProductSignal } from '@/server/services/signals/product-signals';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
let adaId: string;
let privilegeId: string;

const compliance = () => actorFor(org, 'compliance');
const manager = () => actorFor(org, 'manager');
const admin = () => actorFor(org, 'admin');

async function eventsOf(o: TestOrg, after = 0): Promise<StoredOutboundEvent[]> {
  return withTenant({ orgId: o.id, userId: null }, (tx) =>
    readOutboundEvents(tx, o.id, after, 1000),
  );
}

async function latestSeq(o: TestOrg): Promise<number> {
  const all = await eventsOf(o);
  return all.at(-1)?.seq ?? 0;
}

async function productSignal(key: string, severity: 'high' | 'critical' = 'critical') {
  return withTenant({ orgId: org.id, userId: null }, (tx) =>
    upsertProductSignal(tx, org.id, {
      kind: 'watchlist_match',
      personId: adaId,
      vendorId: null,
      severity,
      dedupeKey: key,
      explanation: 'Phone matches a watchlist entry',
      stats: {},
      at: new Date('2026-12-01T10:00:00Z'),
    }),
  );
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('outb');
  other = await createTestOrg('outc');
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
        email: 'ada@outb.test',
        fullName: 'Ada Okafor',
        type: 'employee',
        managerId: mgr.id,
        identityVerified: true,
        backgroundCheckStatus: 'clear',
      }),
    )
  ).id;
  const system = await createSystem(
    compliance(),
    systemInputSchema.parse({
      name: 'Treasury Payments',
      ownerUserId: org.users.admin.id,
      criticality: 'high',
      privileges: [{ name: 'view_payments', sensitivity: 'medium' }],
    }),
  );
  privilegeId = (await getSystem(compliance(), { systemId: system.id })).privileges[0]!.id;
});
afterAll(() => teardown());

describe('outbound events', () => {
  it('numbers an access request, its waiting step, approval and revocation in order', async () => {
    const start = await latestSeq(org);
    const { grantId } = await requestAccess(manager(), {
      personId: adaId,
      privilegeId,
      justification: 'Triage of payment incidents',
      durationDays: 30,
    });
    await decideAccessStep(admin(), { grantId, decision: 'approve', comment: 'ok' });
    await revokeAccessGrant(compliance(), { grantId, reason: 'No longer needed' });
    const events = await eventsOf(org, start);
    expect(events.map((e) => e.type)).toEqual([
      'access.requested',
      'access.step_waiting',
      'access.approved',
      'access.revoked',
    ]);
    expect(events.map((e) => e.seq)).toEqual([start + 1, start + 2, start + 3, start + 4]);
    const waiting = events[1]!.data as { step: { kind: string; approverUserId: string } };
    expect(waiting.step.kind).toBe('system_owner');
    expect(waiting.step.approverUserId).toBe(org.users.admin.id);
    const revoked = events[3]!.data as { grant: { system: string; url: string }; reason: string };
    expect(revoked.grant.system).toBe('Treasury Payments');
    expect(revoked.grant.url).toMatch(new RegExp(`/access/${grantId}$`));
    expect(revoked.reason).toBe('No longer needed');
    for (const e of events) expect(() => OUTBOUND_EVENT_DATA[e.type].parse(e.data)).not.toThrow();
  });

  it('records a new signal once, not when a re-run refreshes it', async () => {
    const start = await latestSeq(org);
    await productSignal('watch:ada');
    await productSignal('watch:ada');
    const events = await eventsOf(org, start);
    expect(events.map((e) => e.type)).toEqual(['signal.created']);
    const data = OUTBOUND_EVENT_DATA['signal.created'].parse(events[0]!.data);
    expect(data.signal.severity).toBe('critical');
    expect(data.person?.name).toBe('Ada Okafor');
    expect(data.signal.windowStart).toBe('2026-12-01T10:00:00.000Z');
  });

  it('records escalation, case opened and case closed', async () => {
    await productSignal('watch:ada:2', 'high');
    const [sig] = await rawRows<{ id: string }>(
      sql`select id from signals where org_id = ${org.id} and dedupe_key = 'watch:ada:2'`,
    );
    const start = await latestSeq(org);
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Phone on a watchlist',
        severity: 'high',
        signalIds: [sig!.id],
      }),
    );
    await closeCase(
      compliance(),
      closeCaseSchema.parse({
        caseId: opened.id,
        outcome: 'unsubstantiated',
        rationale: 'The number was recycled by the carrier',
      }),
    );
    const events = await eventsOf(org, start);
    const types: OutboundEventType[] = events.map((e) => e.type);
    expect(types).toEqual(['signal.escalated', 'case.opened', 'case.closed']);
    const escalated = OUTBOUND_EVENT_DATA['signal.escalated'].parse(events[0]!.data);
    expect(escalated.case?.reference).toBe(opened.reference);
    const closed = OUTBOUND_EVENT_DATA['case.closed'].parse(events[2]!.data);
    expect(closed.case.outcome).toBe('unsubstantiated');
    const envelope = outboundEnvelope(events[1]!, 'outb');
    expect(envelope).toMatchObject({
      type: 'case.opened',
      version: 1,
      organization: { slug: 'outb' },
    });
  });

  it('records nothing when the change fails, and asks for one dispatch per window', async () => {
    const start = await latestSeq(org);
    await expect(
      requestAccess(manager(), {
        personId: adaId,
        privilegeId: '00000000-0000-4000-8000-000000000000',
        justification: 'No such privilege here',
        durationDays: 5,
      }),
    ).rejects.toThrow();
    expect(await eventsOf(org, start)).toEqual([]);
    await flushOutboundDispatch();
    const jobs = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from jobs where kind = 'outbound.dispatch_org' and payload->>'orgId' = ${org.id}`,
    );
    expect(jobs[0]!.n).toBeGreaterThan(0);
  });

  it('numbers concurrent writers in commit order, with no gap', async () => {
    const start = await latestSeq(org);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recordedA!: () => void;
    const aRecorded = new Promise<void>((resolve) => (recordedA = resolve));
    const a = withTenant({ orgId: org.id, userId: null }, async (tx) => {
      await recordOutboundEvent(
        tx,
        org.id,
        'connector.failed',
        { type: 'connector', id: 'a' },
        {
          connector: { id: 'a', kind: 'test', name: 'first' },
          error: 'first',
          url: 'http://localhost/settings',
        },
      );
      recordedA();
      await held;
    });
    await aRecorded;
    const b = withTenant({ orgId: org.id, userId: null }, (tx) =>
      recordOutboundEvent(
        tx,
        org.id,
        'connector.failed',
        { type: 'connector', id: 'b' },
        {
          connector: { id: 'b', kind: 'test', name: 'second' },
          error: 'second',
          url: 'http://localhost/settings',
        },
      ),
    );
    release();
    await Promise.all([a, b]);
    const events = await eventsOf(org, start);
    expect(events.map((e) => [e.seq, e.subjectId])).toEqual([
      [start + 1, 'a'],
      [start + 2, 'b'],
    ]);
  });

  it('keeps each organization to its own stream', async () => {
    expect(await eventsOf(other)).toEqual([]);
    const leaked = await withTenant({ orgId: other.id, userId: null }, (tx) =>
      readOutboundEvents(tx, org.id, 0, 10),
    );
    expect(leaked).toEqual([]);
  });
});
