import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { dueAtFromDate } from '@/server/domain/attestations/campaign';
import {
  campaignIdSchema,
  declineAttestationSchema,
  launchCampaignSchema,
  listCampaignRequestsSchema,
  requestIdSchema,
  signAttestationSchema,
} from '@/server/domain/attestations/inputs';
import { hashSignedAttestation } from '@/server/domain/attestations/signed-document';
import { sha256Hex } from '@/server/domain/auth/secrets';
import {
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { isoDay } from '@/server/domain/time';
import { requestAccess } from '@/server/services/access/requests';
import * as campaigns from '@/server/services/attestations/campaign-commands';
import * as campaignQueries from '@/server/services/attestations/campaign-queries';
import { loadOverdueAttestations } from '@/server/services/attestations/facts';
import { sendAttestationReminders } from '@/server/services/attestations/reminders';
import * as signing from '@/server/services/attestations/signing';
import { describeSigningRequest, type SignerMeta } from '@/server/services/attestations/signing';
import { listTemplates } from '@/server/services/attestations/templates';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { raiseScreeningGaps } from '@/server/services/screening/gaps';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { parsing } from '../helpers/parsed';

const launchCampaign = parsing(launchCampaignSchema, campaigns.launchCampaign);
const resendRequest = parsing(requestIdSchema, campaigns.resendRequest);
const closeCampaign = parsing(campaignIdSchema, campaigns.closeCampaign);
const listCampaignRequests = parsing(
  listCampaignRequestsSchema,
  campaignQueries.listCampaignRequests,
);
const signAttestation = async (
  input: z.input<typeof signAttestationSchema>,
  by: SignerMeta,
  now?: Date,
) => signing.signAttestation(signAttestationSchema.parse(input), by, now);
const declineAttestation = async (
  input: z.input<typeof declineAttestationSchema>,
  by: SignerMeta,
  now?: Date,
) => signing.declineAttestation(declineAttestationSchema.parse(input), by, now);

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const people: Record<string, string> = {};
let vendorId: string;
const meta = { requestId: 'test', ip: '203.0.113.9', userAgent: 'vitest' };

const DAY = 86_400_000;
const inDays = (n: number) => isoDay(new Date(Date.now() + n * DAY));

/** The signing links mailed for a campaign, by recipient (the only place a token exists). */
async function linksOf(orgId: string): Promise<Map<string, string>> {
  const rows = await rawRows<{ to_address: string; body_text: string }>(sql`
    select to_address, body_text from outbox_messages
    where org_id = ${orgId} and category in ('attestation.request', 'attestation.reminder')
    order by created_at, id`);
  const links = new Map<string, string>();
  for (const r of rows) {
    const m = /\/attest\/([A-Za-z0-9_-]{43})/.exec(r.body_text);
    if (m) links.set(r.to_address, m[1]!);
  }
  return links;
}

async function templateId(org: TestOrg, key: string): Promise<string> {
  const list = await listTemplates(actorFor(org, 'compliance'));
  return list.find((t) => t.key === key)!.id;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('attest-a');
  b = await createTestOrg('attest-b');
  const admin = actorFor(a, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Manila Support',
      country: 'PH',
      questionnaire: { productionAccess: true },
      ownerUserId: a.users.manager.id,
    }),
  );
  vendorId = vendor.id;
  for (const [key, fullName, extra] of [
    ['ada', 'Ada Okafor', {}],
    ['jun', 'Jun Reyes', { type: 'vendor_staff', vendorId: vendor.id }],
    ['lia', 'Lia Santos', { type: 'vendor_staff', vendorId: vendor.id }],
    ['old', 'Old Timer', { startDate: '2020-01-01', endDate: '2021-01-01' }],
  ] as const) {
    const p = await createPerson(
      admin,
      personInputSchema.parse({
        email: `${key}@attest-a.test`,
        fullName,
        type: 'employee',
        ...extra,
      }),
    );
    people[key] = p.id;
  }
  await createPerson(
    actorFor(b, 'admin'),
    personInputSchema.parse({
      email: 'bo@attest-b.test',
      fullName: 'Bo Bravo',
      type: 'employee',
    }),
  );
});
afterAll(() => teardown());

describe('attestation campaigns', () => {
  let campaignId: string;
  let links: Map<string, string>;

  it('seeds the four default templates per organization', async () => {
    const list = await listTemplates(actorFor(a, 'auditor'));
    expect(list.map((t) => t.key).sort()).toEqual([
      'acceptable_use',
      'anti_bribery',
      'conflict_of_interest',
      'vendor_security_controls',
    ]);
  });

  it('launches in one transaction: hashed tokens only, one mail each, leavers reported', async () => {
    const compliance = await callerFor(a, 'compliance');
    const preview = await compliance.attestations.previewAudience({
      audience: { kind: 'all_staff' },
    });
    expect(preview).toMatchObject({ recipients: 3, skippedCount: 1 });
    const launched = await launchCampaign(actorFor(a, 'compliance'), {
      name: 'Anti-bribery 2026',
      templateId: await templateId(a, 'anti_bribery'),
      audience: { kind: 'all_staff' },
      dueDate: inDays(10),
    });
    campaignId = launched.campaignId;
    expect(launched.requested).toBe(3);
    expect(launched.skipped).toEqual([
      { personId: people.old, fullName: 'Old Timer', reason: 'left' },
    ]);
    links = await linksOf(a.id);
    expect(links.size).toBe(3);
    const rows = await rawRows<Record<string, unknown>>(
      sql`select * from attestation_requests where campaign_id = ${campaignId}`,
    );
    const stored = JSON.stringify(rows);
    for (const [email, token] of links) {
      expect(stored).not.toContain(token);
      const row = rows.find((r) => r.recipient_email === email)!;
      expect(row.token_hash).toBe(sha256Hex(token));
      expect(row.status).toBe('pending');
    }
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${a.id} and entity_id = ${campaignId}`,
    );
    expect(audit.map((x) => x.action)).toEqual(['attestation_campaign.launched']);
  });

  it('refuses a past due date and an empty audience, writing nothing', async () => {
    const before = await rawRows(sql`select count(*)::int as n from attestation_campaigns`);
    await expect(
      launchCampaign(actorFor(a, 'compliance'), {
        name: 'Too late',
        templateId: await templateId(a, 'anti_bribery'),
        audience: { kind: 'all_staff' },
        dueDate: '2020-01-01',
      }),
    ).rejects.toThrow(/today or later/);
    await expect(
      launchCampaign(actorFor(a, 'compliance'), {
        name: 'Nobody',
        templateId: await templateId(a, 'anti_bribery'),
        audience: { kind: 'sensitivity', minLevel: 'critical' },
        dueDate: inDays(5),
      }),
    ).rejects.toThrow(/Nobody is in this audience/);
    expect(await rawRows(sql`select count(*)::int as n from attestation_campaigns`)).toEqual(
      before,
    );
  });

  it('shows the holder only their own request, and refuses unknown or expired links', async () => {
    const token = links.get('ada@attest-a.test')!;
    const page = await describeSigningRequest(token);
    expect(page).toMatchObject({ state: 'open', fullName: 'Ada Okafor' });
    expect(JSON.stringify(page)).not.toContain('Jun Reyes');
    expect(await describeSigningRequest('x'.repeat(43))).toMatchObject({
      state: 'refused',
      reason: 'invalid',
    });
    expect(await describeSigningRequest('not a token')).toMatchObject({ reason: 'invalid' });
    const late = new Date(dueAtFromDate(inDays(10)).getTime() + 15 * DAY);
    expect(await describeSigningRequest(token, late)).toMatchObject({ reason: 'expired' });
    await expect(
      signAttestation(
        {
          token,
          answers: { read_policy: 'yes', approached: 'no', offered: 'no' },
          typedSignature: 'Ada Okafor',
        },
        meta,
        late,
      ),
    ).rejects.toThrow(/expired/);
  });

  it('signs once: stores answers, signature and the SHA-256 of exactly what was shown', async () => {
    const token = links.get('ada@attest-a.test')!;
    const page = await describeSigningRequest(token);
    if (page.state !== 'open') throw new Error('expected an open request');
    const answers = { read_policy: 'yes', approached: 'no', offered: 'no' };
    await expect(
      signAttestation({ token, answers, typedSignature: 'A. O.' }, meta),
    ).rejects.toThrow(/Type your full name/);
    await expect(
      signAttestation(
        { token, answers: { read_policy: 'yes' }, typedSignature: 'Ada Okafor' },
        meta,
      ),
    ).rejects.toThrow(/Answer this question/);

    const signed = await signAttestation({ token, answers, typedSignature: 'Ada Okafor' }, meta);
    expect(signed.disclosures).toBe(0);
    const [row] = await rawRows<Record<string, unknown>>(
      sql`select * from attestation_requests where person_id = ${people.ada}`,
    );
    const expected = hashSignedAttestation({
      requestId: String(row!.id),
      template: page.template,
      signer: { name: 'Ada Okafor', email: 'ada@attest-a.test' },
      answers,
      typedSignature: 'Ada Okafor',
      signedAt: signed.signedAt.toISOString(),
    });
    expect(row).toMatchObject({
      status: 'signed',
      typed_signature: 'Ada Okafor',
      signed_sha256: expected,
      signer_ip: '203.0.113.9',
      signer_user_agent: 'vitest',
      answers,
    });
    expect(sha256Hex(String(row!.signed_document))).toBe(expected);

    // Single use: the link now shows the receipt and cannot sign again.
    expect(await describeSigningRequest(token)).toMatchObject({
      state: 'done',
      status: 'signed',
      sha256: expected,
    });
    await expect(
      signAttestation({ token, answers, typedSignature: 'Ada Okafor' }, meta),
    ).rejects.toThrow(/already been completed/);
    await expect(declineAttestation({ token, reason: 'changed my mind' }, meta)).rejects.toThrow(
      /already been completed/,
    );
    const [audit] = await rawRows<{ actor_type: string; actor_id: string }>(sql`
      select actor_type, actor_id from audit_log where action = 'attestation_request.signed'`);
    expect(audit).toEqual({ actor_type: 'person', actor_id: people.ada });
  });

  it('lets only one of two simultaneous submissions win', async () => {
    const token = links.get('lia@attest-a.test')!;
    const answers = { read_policy: 'yes', approached: 'no', offered: 'no' };
    const results = await Promise.allSettled([
      signAttestation({ token, answers, typedSignature: 'Lia Santos' }, meta),
      declineAttestation({ token, reason: 'I do not agree with this' }, meta),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('raises one attestation_disclosure signal and mails compliance for a disclosing answer', async () => {
    const token = links.get('jun@attest-a.test')!;
    const signed = await signAttestation(
      {
        token,
        answers: {
          read_policy: 'yes',
          approached: 'yes',
          approached_details: 'A recruiter on Telegram offered USDT for customer exports.',
          offered: 'no',
        },
        typedSignature: 'jun reyes',
      },
      meta,
    );
    expect(signed.disclosures).toBe(1);
    const signals = await rawRows<{
      kind: string;
      severity: string;
      explanation: string;
      person_id: string;
      vendor_id: string;
    }>(
      sql`select kind, severity, explanation, person_id, vendor_id from signals where org_id = ${a.id} and kind = 'attestation_disclosure'`,
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      severity: 'high',
      person_id: people.jun,
      vendor_id: vendorId,
    });
    expect(signals[0]!.explanation).toMatch(
      /has anyone asked you to share data.*” they answered “yes” and wrote: “A recruiter on Telegram/,
    );
    const mails = await rawRows<{ to_address: string }>(sql`
      select to_address from outbox_messages where org_id = ${a.id} and category = 'attestation.disclosure'`);
    expect(mails.map((m) => m.to_address)).toEqual([a.users.compliance.email]);
  });

  it('keeps campaigns from other organizations', async () => {
    const other = await callerFor(b, 'compliance');
    expect(await other.attestations.campaigns()).toEqual([]);
    await expect(other.attestations.campaign({ campaignId })).rejects.toBeInstanceOf(TRPCError);
    expect(await other.attestations.requests({ campaignId }).catch(() => 'refused')).toBe(
      'refused',
    );
    const ownCounts = await (await callerFor(a, 'auditor')).attestations.campaign({ campaignId });
    // Ada and Jun signed; Lia either signed or declined (the race above).
    expect(ownCounts.completion.total).toBe(3);
    expect(ownCounts.completion.signed + ownCounts.completion.declined).toBe(3);
  });
});

describe('reminders, overdue, gate and risk', () => {
  let campaignId: string;
  let dueAt: Date;
  let privilegeId: string;

  beforeAll(async () => {
    const compliance = actorFor(a, 'compliance');
    const dueDate = inDays(2);
    dueAt = dueAtFromDate(dueDate);
    const launched = await launchCampaign(compliance, {
      name: 'Vendor acceptable use',
      templateId: await templateId(a, 'acceptable_use'),
      audience: { kind: 'vendor_staff', vendorId },
      dueDate,
    });
    campaignId = launched.campaignId;
    const system = await createSystem(
      actorFor(a, 'admin'),
      systemInputSchema.parse({
        name: 'Ledger',
        ownerUserId: a.users.manager.id,
        privileges: [{ name: 'read', sensitivity: 'low' }],
      }),
    );
    privilegeId = (await getSystem(actorFor(a, 'admin'), { systemId: system.id })).privileges[0]!
      .id;
  });

  it('sends each reminder once, with a fresh link that replaces the old one', async () => {
    const oldLinks = await linksOf(a.id);
    const oldToken = oldLinks.get('jun@attest-a.test')!;
    const before = new Date(dueAt.getTime() - 2 * DAY);
    expect(await sendAttestationReminders(a.id, before)).toEqual({ markedOverdue: 0, reminded: 2 });
    expect(await sendAttestationReminders(a.id, before)).toEqual({ markedOverdue: 0, reminded: 0 });
    const newToken = (await linksOf(a.id)).get('jun@attest-a.test')!;
    expect(newToken).not.toBe(oldToken);
    expect(await describeSigningRequest(oldToken)).toMatchObject({ reason: 'invalid' });
    expect(await describeSigningRequest(newToken)).toMatchObject({ state: 'open' });

    const after = new Date(dueAt.getTime() + DAY);
    expect(await sendAttestationReminders(a.id, after)).toEqual({ markedOverdue: 2, reminded: 2 });
    expect(await sendAttestationReminders(a.id, after)).toEqual({ markedOverdue: 0, reminded: 0 });
    const reminders = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from outbox_messages where org_id = ${a.id} and category = 'attestation.reminder'`);
    expect(reminders[0]!.n).toBe(4);
    const statuses = await listCampaignRequests(actorFor(a, 'auditor'), {
      campaignId,
      status: 'overdue',
    });
    expect(statuses.map((s) => s.fullName)).toEqual(['Jun Reyes', 'Lia Santos']);
  });

  it('blocks the pre-access gate and adds a risk factor pointing at the request', async () => {
    // Make the campaign past due now (the reminder run above used a simulated clock).
    await rawRows(
      sql`update attestation_campaigns set due_at = now() - interval '1 day' where id = ${campaignId}`,
    );
    const { gate } = await requestAccess(actorFor(a, 'compliance'), {
      personId: people.jun!,
      privilegeId,
      justification: 'Support tickets for payment disputes',
      durationDays: 7,
    });
    expect(gate.map((g) => g.code)).toContain('attestation_overdue');
    expect(gate.find((g) => g.code === 'attestation_overdue')!.message).toMatch(
      /Jun Reyes has not signed the attestation "Acceptable use of systems and data"/,
    );
    await recomputeOrgRisk(a.id);
    const [request] = await rawRows<{ id: string }>(sql`
      select id from attestation_requests where campaign_id = ${campaignId} and person_id = ${people.jun}`);
    const factors = await rawRows<{ factor: string; evidence_id: string }>(sql`
      select factor, evidence_id from person_risk_factors where org_id = ${a.id} and person_id = ${people.jun} and factor like 'attestation:%'`);
    expect(factors).toContainEqual({ factor: 'attestation:overdue', evidence_id: request!.id });
    expect(factors.map((f) => f.factor)).toContain('attestation:disclosure');
  });

  it('raises a screening gap for privileged access held while an attestation is overdue', async () => {
    // Jun is verified and screened: what remains is the overdue attestation (and his vendor).
    await rawRows(sql`update people set identity_verified_at = now(), background_check_status = 'clear',
      last_screened_at = now() where id = ${people.jun}`);
    const [privilege] = await rawRows<{ id: string; system_id: string }>(sql`
      insert into privileges (org_id, system_id, name, sensitivity)
      select org_id, system_id, 'approve', 'critical' from privileges where id = ${privilegeId}
      returning id, system_id`);
    await rawRows(sql`insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification)
      values (${a.id}, ${people.jun}, ${privilege!.system_id}, ${privilege!.id}, 'active', 'import', 'test')`);
    expect(await raiseScreeningGaps(a.id)).toBeGreaterThanOrEqual(1);
    const [gap] = await rawRows<{ explanation: string; stats: Record<string, unknown> }>(sql`
      select explanation, stats from signals where org_id = ${a.id} and kind = 'screening_gap'
        and person_id = ${people.jun}`);
    expect(String(gap!.stats.reasons).split(', ')).toContain('attestation_overdue');
    expect(gap!.explanation).toMatch(
      /Jun Reyes has not signed the attestation "Acceptable use of systems and data"/,
    );
  });

  it('resends a new link and invalidates the old one; refuses once answered', async () => {
    const [request] = await rawRows<{ id: string }>(sql`
      select id from attestation_requests where campaign_id = ${campaignId} and person_id = ${people.lia}`);
    const oldToken = (await linksOf(a.id)).get('lia@attest-a.test')!;
    expect(
      await resendRequest(actorFor(a, 'compliance'), { requestId: request!.id }),
    ).toMatchObject({ to: 'lia@attest-a.test', previousTo: null });
    expect(await describeSigningRequest(oldToken)).toMatchObject({ reason: 'invalid' });
    // The address was wrong: fixed on the person, the next link goes to the new one.
    await rawRows(sql`update people set email = 'lia.cruz@attest-a.test' where id = ${people.lia}`);
    expect(
      await resendRequest(actorFor(a, 'compliance'), { requestId: request!.id }),
    ).toMatchObject({ to: 'lia.cruz@attest-a.test', previousTo: 'lia@attest-a.test' });
    const rows = await rawRows<{ body_text: string; to_address: string }>(sql`
      select body_text, to_address from outbox_messages where org_id = ${a.id} and related_id = ${request!.id} order by created_at desc, id desc limit 1`);
    expect(rows[0]!.to_address).toBe('lia.cruz@attest-a.test');
    const [readdressed] = await rawRows<{ recipient_email: string }>(sql`
      select recipient_email from attestation_requests where id = ${request!.id}`);
    expect(readdressed!.recipient_email).toBe('lia.cruz@attest-a.test');
    const [audit] = await rawRows<{ before: { to: string }; after: { to: string } }>(sql`
      select before, after from audit_log where org_id = ${a.id} and entity_id = ${request!.id}
        and action = 'attestation_request.resent' order by seq desc limit 1`);
    expect(audit).toMatchObject({
      before: { to: 'lia@attest-a.test' },
      after: { to: 'lia.cruz@attest-a.test' },
    });
    const newToken = /\/attest\/([A-Za-z0-9_-]{43})/.exec(rows[0]!.body_text)![1]!;
    await declineAttestation({ token: newToken, reason: 'I no longer work on this account' }, meta);
    await expect(
      resendRequest(actorFor(a, 'compliance'), { requestId: request!.id }),
    ).rejects.toThrow(/already declined/);
    await expect(
      resendRequest(actorFor(b, 'compliance'), { requestId: request!.id }),
    ).rejects.toThrow(/does not exist/);
  });

  it('closing withdraws the links still out and lifts the gate', async () => {
    const junToken = (await linksOf(a.id)).get('jun@attest-a.test')!;
    expect(await describeSigningRequest(junToken)).toMatchObject({ state: 'open' });
    const closed = await closeCampaign(actorFor(a, 'compliance'), { campaignId });
    expect(closed.unanswered).toBe(1);
    expect(await describeSigningRequest(junToken)).toMatchObject({ reason: 'withdrawn' });
    await expect(closeCampaign(actorFor(a, 'compliance'), { campaignId })).rejects.toThrow(
      /already closed/,
    );
    // What the gate and the scorer read: nothing overdue once the campaign is closed.
    const overdue = await withTenant({ orgId: a.id, userId: null }, (tx) =>
      loadOverdueAttestations(tx, a.id, new Date(), people.jun),
    );
    expect(overdue).toEqual([]);
  });
});
