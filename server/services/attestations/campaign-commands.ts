import { and, eq } from 'drizzle-orm';
import {
  attestationCampaigns,
  attestationRequests,
  attestationTemplates,
  people,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  dueAtFromDate,
  dueDateProblem,
  resentTokenExpiry,
  splitAudience,
} from '@/server/domain/attestations/campaign';
import type {
  CampaignIdInput,
  LaunchCampaignInput,
  RequestIdInput,
} from '@/server/domain/attestations/inputs';
import { newSigningToken, signingTokenExpiry } from '@/server/domain/attestations/signing-token';
import type { AttestationTemplate } from '@/server/domain/attestations/template';
import { auditMemberChange } from '@/server/services/audit/log';
import { queueMails, requestMailDelivery } from '@/server/services/mail/outbox';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { audienceCandidates } from './audience';
import { completionByCampaign, EMPTY_COMPLETION } from './completion';
import { dateOf, orgName, signingLinkMail } from './signing-link-mail';
import { storedTemplate } from './templates';

/**
 * Launches a campaign in one transaction: the template snapshot, one request per person with a
 * fresh token (only its hash stored), and one mail each; people who cannot be asked are reported.
 */
export async function launchCampaign(actor: OrgActor, f: LaunchCampaignInput) {
  const now = new Date();
  const problem = dueDateProblem(f.dueDate, now);
  if (problem) throw new UserFacingError('BAD_REQUEST', problem);
  const dueAt = dueAtFromDate(f.dueDate);
  const expiresAt = signingTokenExpiry(dueAt);
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const [tpl] = await tx
      .select()
      .from(attestationTemplates)
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, f.templateId)),
      );
    if (!tpl) throw new UserFacingError('NOT_FOUND', 'That template does not exist.');
    const template: AttestationTemplate = storedTemplate(tpl);
    const { candidates, label } = await audienceCandidates(tx, actor.orgId, f.audience);
    const split = splitAudience(candidates, dateOf(now));
    if (split.recipients.length === 0)
      throw new UserFacingError(
        'BAD_REQUEST',
        candidates.length === 0
          ? 'Nobody is in this audience. Choose another audience.'
          : `Nobody in this audience can be asked: ${split.skipped.length} ${split.skipped.length === 1 ? 'person has' : 'people have'} left or have no usable email address.`,
      );
    const [campaign] = await tx
      .insert(attestationCampaigns)
      .values({
        orgId: actor.orgId,
        name: f.name,
        templateId: tpl.id,
        templateKey: tpl.key,
        templateVersion: tpl.version,
        template,
        audience: f.audience,
        audienceLabel: label,
        dueAt,
        skipped: split.skipped,
        launchedBy: actor.userId,
        launchedAt: now,
      })
      .returning({ id: attestationCampaigns.id });
    const campaignId = campaign!.id;
    const issued = split.recipients.map((p) => ({ person: p, ...newSigningToken() }));
    const ids: { id: string; personId: string }[] = [];
    for (let i = 0; i < issued.length; i += 1000) {
      const chunk = issued.slice(i, i + 1000);
      ids.push(
        ...(await tx
          .insert(attestationRequests)
          .values(
            chunk.map((x) => ({
              orgId: actor.orgId,
              campaignId,
              personId: x.person.id,
              recipientEmail: x.person.email.trim(),
              tokenHash: x.hash,
              tokenExpiresAt: expiresAt,
            })),
          )
          .returning({ id: attestationRequests.id, personId: attestationRequests.personId })),
      );
    }
    const requestOf = new Map(ids.map((r) => [r.personId, r.id]));
    const org = await orgName(tx, actor.orgId);
    await queueMails(
      tx,
      actor.orgId,
      issued.map((x) =>
        signingLinkMail(
          {
            requestId: requestOf.get(x.person.id)!,
            to: x.person.email.trim(),
            fullName: x.person.fullName,
            token: x.token,
            title: template.title,
            orgName: org,
            dueAt,
            expiresAt,
          },
          'request',
        ),
      ),
    );
    await auditMemberChange(tx, actor, {
      action: 'attestation_campaign.launched',
      entityType: 'attestation_campaign',
      entityId: campaignId,
      after: {
        name: f.name,
        template: { id: tpl.id, title: template.title, version: tpl.version },
        audience: f.audience,
        dueAt: dueAt.toISOString(),
        requested: issued.length,
        skipped: split.skipped,
      },
    });
    return { campaignId, requested: issued.length, skipped: split.skipped };
  });
  await requestMailDelivery(actor.orgId);
  return result;
}

/** Sends a new link to someone who has not answered; the old link stops working at once. */
export async function resendRequest(actor: OrgActor, input: RequestIdInput) {
  const { requestId } = input;
  const now = new Date();
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const [r] = await tx
      .select({
        id: attestationRequests.id,
        status: attestationRequests.status,
        email: attestationRequests.recipientEmail,
        personEmail: people.email,
        fullName: people.fullName,
        campaignStatus: attestationCampaigns.status,
        dueAt: attestationCampaigns.dueAt,
        template: attestationCampaigns.template,
      })
      .from(attestationRequests)
      .innerJoin(
        attestationCampaigns,
        and(
          eq(attestationCampaigns.orgId, attestationRequests.orgId),
          eq(attestationCampaigns.id, attestationRequests.campaignId),
        ),
      )
      .innerJoin(
        people,
        and(
          eq(people.orgId, attestationRequests.orgId),
          eq(people.id, attestationRequests.personId),
        ),
      )
      .where(and(eq(attestationRequests.orgId, actor.orgId), eq(attestationRequests.id, requestId)))
      .for('update', { of: attestationRequests });
    if (!r) throw new UserFacingError('NOT_FOUND', 'That request does not exist.');
    if (r.status === 'signed' || r.status === 'declined')
      throw new UserFacingError(
        'CONFLICT',
        `This request was already ${r.status}; there is nothing to resend.`,
      );
    if (r.campaignStatus !== 'active')
      throw new UserFacingError('CONFLICT', 'This campaign is closed; links are no longer sent.');
    const { token, hash } = newSigningToken();
    const expiresAt = resentTokenExpiry(r.dueAt, now);
    // A bounced launch is fixed on the person: the new link goes to their address as it is now,
    // and the request (and so the signed document) names that address from here on.
    const to = r.personEmail.trim();
    const readdressed = to.toLowerCase() !== r.email.toLowerCase();
    await tx
      .update(attestationRequests)
      .set({
        tokenHash: hash,
        tokenExpiresAt: expiresAt,
        updatedAt: now,
        ...(readdressed ? { recipientEmail: to } : {}),
      })
      .where(and(eq(attestationRequests.orgId, actor.orgId), eq(attestationRequests.id, r.id)));
    await queueMails(tx, actor.orgId, [
      signingLinkMail(
        {
          requestId: r.id,
          to,
          fullName: r.fullName,
          token,
          title: (r.template as { title: string }).title,
          orgName: await orgName(tx, actor.orgId),
          dueAt: r.dueAt,
          expiresAt,
        },
        'resend',
      ),
    ]);
    await auditMemberChange(tx, actor, {
      action: 'attestation_request.resent',
      entityType: 'attestation_request',
      entityId: r.id,
      before: readdressed ? { to: r.email } : null,
      after: { to, tokenExpiresAt: expiresAt.toISOString() },
    });
    return { requestId: r.id, to, previousTo: readdressed ? r.email : null, expiresAt };
  });
  await requestMailDelivery(actor.orgId);
  return result;
}

/**
 * Closes a campaign: links still out stop working ("withdrawn"), no more reminders, and its
 * unanswered requests no longer block the gate or count in risk. Answers already given stay.
 */
export async function closeCampaign(actor: OrgActor, input: CampaignIdInput) {
  const { campaignId } = input;
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const [c] = await tx
      .update(attestationCampaigns)
      .set({ status: 'closed' })
      .where(
        and(
          eq(attestationCampaigns.orgId, actor.orgId),
          eq(attestationCampaigns.id, campaignId),
          eq(attestationCampaigns.status, 'active'),
        ),
      )
      .returning({ id: attestationCampaigns.id, name: attestationCampaigns.name });
    if (!c) {
      const [exists] = await tx
        .select({ id: attestationCampaigns.id })
        .from(attestationCampaigns)
        .where(
          and(eq(attestationCampaigns.orgId, actor.orgId), eq(attestationCampaigns.id, campaignId)),
        );
      throw exists
        ? new UserFacingError('CONFLICT', 'This campaign is already closed.')
        : new UserFacingError('NOT_FOUND', 'That campaign does not exist.');
    }
    const completion =
      (await completionByCampaign(tx, actor.orgId, campaignId)).get(c.id) ?? EMPTY_COMPLETION;
    await auditMemberChange(tx, actor, {
      action: 'attestation_campaign.closed',
      entityType: 'attestation_campaign',
      entityId: c.id,
      before: { status: 'active' },
      after: { status: 'closed', completion },
    });
    return { campaignId: c.id, unanswered: completion.pending + completion.overdue };
  });
  await requestRiskRecompute(actor.orgId);
  return result;
}
