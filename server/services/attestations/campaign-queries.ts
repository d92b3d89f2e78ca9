import { and, desc, eq, sql } from 'drizzle-orm';
import { attestationCampaigns, attestationRequests, people, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  audienceSchema,
  completionPercent,
  type RequestStatus,
} from '@/server/domain/attestations/campaign';
import type {
  CampaignIdInput,
  ListCampaignRequestsInput,
  PersonAttestationsInput,
} from '@/server/domain/attestations/inputs';
import type { AttestationTemplate } from '@/server/domain/attestations/template';
import { isoDay } from '@/server/domain/time';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { escapeLike } from '@/server/services/shared/sql-helpers';
import { completionByCampaign, EMPTY_COMPLETION } from './completion';
import { listTemplates, storedTemplate } from './templates';

export async function listCampaigns(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: attestationCampaigns.id,
        name: attestationCampaigns.name,
        template: attestationCampaigns.template,
        templateVersion: attestationCampaigns.templateVersion,
        audienceLabel: attestationCampaigns.audienceLabel,
        dueAt: attestationCampaigns.dueAt,
        status: attestationCampaigns.status,
        launchedAt: attestationCampaigns.launchedAt,
      })
      .from(attestationCampaigns)
      .where(eq(attestationCampaigns.orgId, actor.orgId))
      .orderBy(desc(attestationCampaigns.launchedAt))
      .limit(200);
    const counts = await completionByCampaign(tx, actor.orgId);
    return rows.map(({ template, ...r }) => {
      const c = counts.get(r.id) ?? EMPTY_COMPLETION;
      return {
        ...r,
        templateTitle: (template as { title: string }).title,
        completion: c,
        percent: completionPercent(c),
      };
    });
  });
}

export async function getCampaign(actor: OrgActor, input: CampaignIdInput) {
  const { campaignId } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const [c] = await tx
      .select()
      .from(attestationCampaigns)
      .where(
        and(eq(attestationCampaigns.orgId, actor.orgId), eq(attestationCampaigns.id, campaignId)),
      );
    if (!c) throw new UserFacingError('NOT_FOUND', 'That campaign does not exist.');
    const completion =
      (await completionByCampaign(tx, actor.orgId, campaignId)).get(c.id) ?? EMPTY_COMPLETION;
    return {
      id: c.id,
      name: c.name,
      template: storedTemplate(c.template as AttestationTemplate),
      templateId: c.templateId,
      templateVersion: c.templateVersion,
      audience: audienceSchema.parse(c.audience),
      audienceLabel: c.audienceLabel,
      dueAt: c.dueAt,
      status: c.status,
      launchedAt: c.launchedAt,
      skipped: c.skipped as { personId: string; fullName: string; reason: 'left' | 'no_email' }[],
      completion,
      percent: completionPercent(completion),
    };
  });
}

export async function listCampaignRequests(actor: OrgActor, f: ListCampaignRequestsInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [c] = await tx
      .select({ dueAt: attestationCampaigns.dueAt })
      .from(attestationCampaigns)
      .where(
        and(eq(attestationCampaigns.orgId, actor.orgId), eq(attestationCampaigns.id, f.campaignId)),
      );
    if (!c) throw new UserFacingError('NOT_FOUND', 'That campaign does not exist.');
    const past = c.dueAt.getTime() < Date.now();
    // A pending request past the due date is shown (and filtered) as overdue.
    const statusFilter =
      f.status === 'all'
        ? undefined
        : f.status === 'overdue'
          ? past
            ? sql`${attestationRequests.status} in ('overdue', 'pending')`
            : eq(attestationRequests.status, 'overdue')
          : f.status === 'pending' && past
            ? sql`false`
            : eq(attestationRequests.status, f.status);
    const rows = await tx
      .select({
        id: attestationRequests.id,
        personId: attestationRequests.personId,
        fullName: people.fullName,
        email: attestationRequests.recipientEmail,
        status: attestationRequests.status,
        respondedAt: attestationRequests.respondedAt,
        tokenExpiresAt: attestationRequests.tokenExpiresAt,
        remindersSent: attestationRequests.remindersSent,
        lastRemindedAt: attestationRequests.lastRemindedAt,
        disclosures: attestationRequests.disclosures,
        signedSha256: attestationRequests.signedSha256,
        typedSignature: attestationRequests.typedSignature,
        declineReason: attestationRequests.declineReason,
        answers: attestationRequests.answers,
      })
      .from(attestationRequests)
      .innerJoin(
        people,
        and(
          eq(people.orgId, attestationRequests.orgId),
          eq(people.id, attestationRequests.personId),
        ),
      )
      .where(
        and(
          eq(attestationRequests.orgId, actor.orgId),
          eq(attestationRequests.campaignId, f.campaignId),
          statusFilter,
          f.q
            ? sql`(${people.fullName} ilike ${`%${escapeLike(f.q)}%`} or ${attestationRequests.recipientEmail} ilike ${`%${escapeLike(f.q)}%`})`
            : undefined,
        ),
      )
      .orderBy(people.fullName)
      .limit(1000);
    return rows.map((r) => ({
      ...r,
      status: (r.status === 'pending' && past ? 'overdue' : r.status) as RequestStatus,
      answers: (r.answers ?? null) as Record<string, string> | null,
    }));
  });
}

/** A person's attestation history (the person page). */
export async function personAttestations(actor: OrgActor, input: PersonAttestationsInput) {
  const { personId } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: attestationRequests.id,
        campaignId: attestationCampaigns.id,
        campaignName: attestationCampaigns.name,
        template: attestationCampaigns.template,
        dueAt: attestationCampaigns.dueAt,
        status: attestationRequests.status,
        respondedAt: attestationRequests.respondedAt,
        disclosures: attestationRequests.disclosures,
        signedSha256: attestationRequests.signedSha256,
      })
      .from(attestationRequests)
      .innerJoin(
        attestationCampaigns,
        and(
          eq(attestationCampaigns.orgId, attestationRequests.orgId),
          eq(attestationCampaigns.id, attestationRequests.campaignId),
        ),
      )
      .where(
        and(eq(attestationRequests.orgId, actor.orgId), eq(attestationRequests.personId, personId)),
      )
      .orderBy(desc(attestationCampaigns.dueAt))
      .limit(100);
    const now = Date.now();
    return rows.map(({ template, ...r }) => ({
      ...r,
      title: (template as { title: string }).title,
      status: (r.status === 'pending' && r.dueAt.getTime() < now
        ? 'overdue'
        : r.status) as RequestStatus,
    }));
  });
}

/** Templates and vendors the launch form offers. */
export async function launchOptions(actor: OrgActor) {
  const templates = await listTemplates(actor);
  const vendorRows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(eq(vendors.orgId, actor.orgId))
      .orderBy(vendors.name),
  );
  return {
    templates: templates.map((t) => ({ id: t.id, title: t.title, version: t.version })),
    vendors: vendorRows,
    // Two weeks is the usual window for a policy attestation.
    defaultDueDate: isoDay(new Date(Date.now() + 14 * 86_400_000)),
  };
}
