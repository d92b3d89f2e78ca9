import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { detectEvents } from '@/server/services/detectors/run';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { listSignals } from '@/server/services/signals/queries';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;

const AT = Date.UTC(2026, 9, 14, 9, 0);
const OFFICE_IP = '203.0.113.10';
const FARM_IP = '198.51.100.77';
const COUNTRIES = ['GB', 'US', 'IN', 'PH'];
const SYSTEM_ACTOR = { type: 'system' as const, id: null, label: 'test' };

/** Four people declaring four countries behind each address: the same shape both times. */
const peopleBehind = (tag: string) => COUNTRIES.map((c) => ({ email: `${tag}-${c}@off.test`, c }));

function event(id: string, email: string, ip: string, minutes: number) {
  return JSON.stringify({
    event_id: id,
    occurred_at: new Date(AT + minutes * 60_000).toISOString(),
    actor: email,
    system: 'Support Console',
    action: 'ticket.view',
    ticket_id: 'T-1',
    ip,
  });
}

async function sharedIpsFlagged(): Promise<Map<string, number>> {
  const page = await listSignals(
    actorFor(org, 'compliance'),
    listSignalsSchema.parse({ status: 'all', kind: 'shared_infrastructure', limit: 100 }),
  );
  const byIp = new Map<string, number>();
  for (const s of page.items) {
    const ip = /egress IP (\S+)/i.exec(s.explanation)?.[1] ?? 'device';
    byIp.set(ip, (byIp.get(ip) ?? 0) + 1);
  }
  return byIp;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('off');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  for (const tag of ['office', 'farm'])
    for (const p of peopleBehind(tag))
      await createPerson(
        compliance,
        personInputSchema.parse({
          email: p.email,
          fullName: `${tag} ${p.c}`,
          type: 'contractor',
          country: p.c,
          timezone: 'UTC',
        }),
      );
});
afterAll(() => teardown());

describe('office networks in organization settings', () => {
  it('are validated, audited, and exempt office egress from shared_infrastructure', async () => {
    const admin = await callerFor(org, 'admin');
    const before = await admin.organization.get();
    expect(before.settings.officeNetworks).toEqual([]);

    // A whole-internet range is refused with the schema's message and changes nothing.
    await expect(
      admin.organization.update({
        name: before.name,
        settings: { ...before.settings, officeNetworks: [{ cidr: '0.0.0.0/0', label: 'All' }] },
      }),
    ).rejects.toThrow(/\/0 is too wide/);
    expect((await admin.organization.get()).settings.officeNetworks).toEqual([]);

    // Saved normalized (host bits cleared), and audited like every settings change.
    await admin.organization.update({
      name: before.name,
      settings: {
        ...before.settings,
        officeNetworks: [{ cidr: '203.0.113.99/24', label: 'London office' }],
      },
    });
    expect((await admin.organization.get()).settings.officeNetworks).toEqual([
      { cidr: '203.0.113.0/24', label: 'London office' },
    ]);
    const [audit] = await asOwner((tx) =>
      tx
        .select({ before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'org.settings_updated')))
        .orderBy(desc(auditLog.seq)),
    );
    expect(audit?.before).toMatchObject({ settings: { officeNetworks: [] } });
    expect(audit?.after).toMatchObject({
      settings: { officeNetworks: [{ cidr: '203.0.113.0/24', label: 'London office' }] },
    });

    // One morning: four people in four declared countries behind the office address, four
    // more behind another address.
    const lines = [
      ...peopleBehind('office').map((p, i) => event(`o-${i}`, p.email, OFFICE_IP, i * 5)),
      ...peopleBehind('farm').map((p, i) => event(`f-${i}`, p.email, FARM_IP, i * 5)),
    ];
    const summary = await ingestEvents(actor, 'ndjson', [lines.join('\n')], { channel: 'cli' });
    expect(summary.inserted).toBe(8);
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);

    const flagged = await sharedIpsFlagged();
    expect(flagged.get(FARM_IP)).toBe(4);
    expect(flagged.has(OFFICE_IP)).toBe(false);

    // The setting is what kept the office quiet: without it the same events are flagged.
    await admin.organization.update({
      name: before.name,
      settings: { ...before.settings, officeNetworks: [] },
    });
    await detectEvents(org.id, { batchId: summary.batchId }, SYSTEM_ACTOR);
    expect((await sharedIpsFlagged()).get(OFFICE_IP)).toBe(4);
  });
});
