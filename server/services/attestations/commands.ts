import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  attestationCampaigns,
  attestationRequests,
  attestationTemplates,
  organizations,
  people,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  audienceSchema,
  campaignIdSchema,
  completionPercent,
  describeAudience,
  dueAtFromDate,
  dueDateProblem,
  launchCampaignSchema,
  listCampaignRequestsSchema,
  personAttestationsSchema,
  previewAudienceSchema,
  requestIdSchema,
  resentTokenExpiry,
  saveTemplateSchema,
  sensitivitiesAtLeast,
  splitAudience,
  templateIdSchema,
  type Audience,
  type AudienceCandidate,
  type Completion,
  type RequestStatus,
} from '@/server/domain/attestations/campaign';
import {
  DEFAULT_TEMPLATES,
  DEFAULT_TEMPLATE_KEYS,
} from '@/server/domain/attestations/default-templates';
import { newSigningToken, signingTokenExpiry } from '@/server/domain/attestations/signing-token';
import { templateSchema, type AttestationTemplate } from '@/server/domain/attestations/template';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { appendAudit, auditMemberChange, type AuditActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  appBaseUrl,
  queueMails,
  requestMailDelivery,
  type MailMessage,
} from '@/server/services/mail/outbox';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { escapeLike, rowsOf } from '@/server/services/shared/sql-helpers';
import { isoDay } from '@/server/domain/time';

const SYSTEM: AuditActor = { type: 'system', id: null, label: 'attestations' };

/** The template as stored, read back through its schema (a stored one is always valid). */
export function storedTemplate(row: { title: string; body: string; questions: unknown }) {
  return templateSchema.parse({ title: row.title, body: row.body, questions: row.questions });
}

/**
 * Every organization starts with the shipped templates (issue 6); inserted once, by key, the first
 * time anyone looks, so organizations created before attestations existed get them too.
 */
export async function ensureDefaultTemplates(tx: Tx, orgId: string): Promise<number> {
  const [present] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(attestationTemplates)
    .where(and(eq(attestationTemplates.orgId, orgId), sql`key is not null`));
  if ((present?.n ?? 0) >= DEFAULT_TEMPLATE_KEYS.length) return 0;
  const inserted = await tx
    .insert(attestationTemplates)
    .values(
      DEFAULT_TEMPLATE_KEYS.map((key) => ({
        orgId,
        key,
        title: DEFAULT_TEMPLATES[key].title,
        body: DEFAULT_TEMPLATES[key].body,
        questions: DEFAULT_TEMPLATES[key].questions,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: attestationTemplates.id, key: attestationTemplates.key });
  if (inserted.length > 0)
    await appendAudit(tx, {
      orgId,
      actor: SYSTEM,
      action: 'attestation_template.defaults_added',
      entityType: 'attestation_template',
      after: { keys: inserted.map((r) => r.key) },
      requestId: null,
      ip: null,
    });
  return inserted.length;
}

export async function listTemplates(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    await ensureDefaultTemplates(tx, actor.orgId);
    const rows = rowsOf<{
      id: string;
      key: string | null;
      title: string;
      version: number;
      questions: number;
      updated_at: string;
      campaigns: number;
    }>(
      await tx.execute(sql`
        select t.id, t.key, t.title, t.version, jsonb_array_length(t.questions)::int as questions,
          t.updated_at::text, (select count(*)::int from attestation_campaigns c
            where c.org_id = t.org_id and c.template_id = t.id) as campaigns
        from attestation_templates t where t.org_id = ${actor.orgId}
        order by t.key is null, t.title`),
    );
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      title: r.title,
      version: r.version,
      questions: r.questions,
      updatedAt: new Date(r.updated_at),
      campaigns: r.campaigns,
    }));
  });
}

export async function getTemplate(actor: OrgActor, input: z.input<typeof templateIdSchema>) {
  const { templateId } = templateIdSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select()
      .from(attestationTemplates)
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, templateId)),
      );
    if (!row) throw new UserFacingError('NOT_FOUND', 'That template does not exist.');
    return {
      id: row.id,
      key: row.key,
      version: row.version,
      updatedAt: row.updatedAt,
      template: storedTemplate(row),
    };
  });
}

/** Creates a template, or edits one (a new version; campaigns keep the version they launched). */
export async function saveTemplate(actor: OrgActor, input: z.input<typeof saveTemplateSchema>) {
  const f = saveTemplateSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    if (!f.templateId) {
      const [row] = await tx
        .insert(attestationTemplates)
        .values({
          orgId: actor.orgId,
          title: f.template.title,
          body: f.template.body,
          questions: f.template.questions,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: attestationTemplates.id });
      await auditMemberChange(tx, actor, {
        action: 'attestation_template.created',
        entityType: 'attestation_template',
        entityId: row!.id,
        after: f.template,
      });
      return { id: row!.id, version: 1 };
    }
    const [before] = await tx
      .select()
      .from(attestationTemplates)
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, f.templateId)),
      )
      .for('update');
    if (!before) throw new UserFacingError('NOT_FOUND', 'That template does not exist.');
    const version = before.version + 1;
    await tx
      .update(attestationTemplates)
      .set({
        title: f.template.title,
        body: f.template.body,
        questions: f.template.questions,
        version,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, f.templateId)),
      );
    await auditMemberChange(tx, actor, {
      action: 'attestation_template.updated',
      entityType: 'attestation_template',
      entityId: f.templateId,
      before: { version: before.version, ...storedTemplate(before) },
      after: { version, ...f.template },
    });
    return { id: f.templateId, version };
  });
}

/** Everyone the audience names (one set-based read), before who cannot be asked is set aside. */
async function audienceCandidates(
  tx: Tx,
  orgId: string,
  audience: Audience,
): Promise<{ candidates: AudienceCandidate[]; label: string }> {
  const base = and(eq(people.orgId, orgId), sql`${people.type} <> 'candidate'`);
  const select = {
    id: people.id,
    fullName: people.fullName,
    email: people.email,
    endDate: people.endDate,
  };
  if (audience.kind === 'all_staff') {
    const candidates = await tx.select(select).from(people).where(base).orderBy(people.fullName);
    return { candidates, label: describeAudience(audience) };
  }
  if (audience.kind === 'vendor_staff') {
    const [vendor] = await tx
      .select({ name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.orgId, orgId), eq(vendors.id, audience.vendorId)));
    if (!vendor) throw new UserFacingError('NOT_FOUND', 'That vendor does not exist.');
    const candidates = await tx
      .select(select)
      .from(people)
      .where(and(base, eq(people.vendorId, audience.vendorId)))
      .orderBy(people.fullName);
    return { candidates, label: describeAudience(audience, vendor.name) };
  }
  const levels = sensitivitiesAtLeast(audience.minLevel);
  const candidates = await tx
    .select(select)
    .from(people)
    .where(
      and(
        base,
        sql`exists (select 1 from access_grants g join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
          where g.org_id = ${people.orgId} and g.person_id = ${people.id} and g.status = 'active'
            and pr.sensitivity in (${sql.join(
              levels.map((l) => sql`${l}`),
              sql`, `,
            )}))`,
      ),
    )
    .orderBy(people.fullName);
  return { candidates, label: describeAudience(audience) };
}

/** The live count behind the launch form: who would be asked, who could not be, and why. */
export async function previewAudience(
  actor: OrgActor,
  input: z.input<typeof previewAudienceSchema>,
) {
  const { audience } = previewAudienceSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const { candidates, label } = await audienceCandidates(tx, actor.orgId, audience);
    const split = splitAudience(candidates, isoDay(new Date()));
    return {
      label,
      recipients: split.recipients.length,
      sample: split.recipients.slice(0, 5).map((r) => r.fullName),
      skipped: split.skipped.slice(0, 50),
      skippedCount: split.skipped.length,
    };
  });
}

function dateOf(d: Date): string {
  return isoDay(d);
}

interface LinkMail {
  requestId: string;
  to: string;
  fullName: string;
  token: string;
  title: string;
  orgName: string;
  dueAt: Date;
  expiresAt: Date;
}

/** The message carrying a signing link (the link is only ever in mail, never stored). */
export function signingLinkMail(m: LinkMail, kind: 'request' | 'resend' | 'reminder', note = '') {
  const link = `${appBaseUrl()}/attest/${m.token}`;
  const subject =
    kind === 'reminder'
      ? `Reminder: please sign "${m.title}" (due ${dateOf(m.dueAt)})`
      : `Please sign: ${m.title} (due ${dateOf(m.dueAt)})`;
  const body = [
    `Hello ${m.fullName},`,
    '',
    `${m.orgName} asks you to read and sign "${m.title}" by ${dateOf(m.dueAt)}.${note ? ` ${note}` : ''}`,
    '',
    `Your personal link works once, needs no account, and expires on ${dateOf(m.expiresAt)}:`,
    link,
    '',
    kind === 'request'
      ? 'Do not forward this message: the link is yours alone.'
      : 'Earlier links you were sent no longer work; use this one. Do not forward it.',
    'If you did not expect this message, tell your compliance team.',
  ].join('\n');
  return {
    to: m.to,
    subject,
    body,
    category: kind === 'reminder' ? 'attestation.reminder' : 'attestation.request',
    relatedType: 'attestation_request',
    relatedId: m.requestId,
  } satisfies MailMessage;
}

export async function orgName(tx: Tx, orgId: string): Promise<string> {
  const [org] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.name ?? 'Your organization';
}

/**
 * Launches a campaign in one transaction: the template snapshot, one request per person with a
 * fresh token (only its hash stored), and one mail each; people who cannot be asked are reported.
 */
export async function launchCampaign(actor: OrgActor, input: z.input<typeof launchCampaignSchema>) {
  const f = launchCampaignSchema.parse(input);
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

interface CountRow {
  campaign_id: string;
  total: number;
  signed: number;
  declined: number;
  overdue: number;
  pending: number;
}

/** Counts per campaign; `overdue` includes pending requests past the due date. */
async function completionByCampaign(
  tx: Tx,
  orgId: string,
  campaignId?: string,
): Promise<Map<string, Completion>> {
  const rows = rowsOf<CountRow>(
    await tx.execute(sql`
      select r.campaign_id, count(*)::int as total,
        count(*) filter (where r.status = 'signed')::int as signed,
        count(*) filter (where r.status = 'declined')::int as declined,
        count(*) filter (where r.status = 'overdue' or (r.status = 'pending' and c.due_at < now()))::int as overdue,
        count(*) filter (where r.status = 'pending' and c.due_at >= now())::int as pending
      from attestation_requests r
      join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
      where r.org_id = ${orgId} ${campaignId ? sql`and r.campaign_id = ${campaignId}` : sql``}
      group by r.campaign_id`),
  );
  return new Map(
    rows.map((r) => [
      r.campaign_id,
      {
        total: r.total,
        signed: r.signed,
        declined: r.declined,
        overdue: r.overdue,
        pending: r.pending,
      },
    ]),
  );
}

const EMPTY: Completion = { total: 0, signed: 0, declined: 0, overdue: 0, pending: 0 };

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
      const c = counts.get(r.id) ?? EMPTY;
      return {
        ...r,
        templateTitle: (template as { title: string }).title,
        completion: c,
        percent: completionPercent(c),
      };
    });
  });
}

export async function getCampaign(actor: OrgActor, input: z.input<typeof campaignIdSchema>) {
  const { campaignId } = campaignIdSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [c] = await tx
      .select()
      .from(attestationCampaigns)
      .where(
        and(eq(attestationCampaigns.orgId, actor.orgId), eq(attestationCampaigns.id, campaignId)),
      );
    if (!c) throw new UserFacingError('NOT_FOUND', 'That campaign does not exist.');
    const completion = (await completionByCampaign(tx, actor.orgId, campaignId)).get(c.id) ?? EMPTY;
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

export async function listCampaignRequests(
  actor: OrgActor,
  input: z.input<typeof listCampaignRequestsSchema>,
) {
  const f = listCampaignRequestsSchema.parse(input);
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

/** Sends a new link to someone who has not answered; the old link stops working at once. */
export async function resendRequest(actor: OrgActor, input: z.input<typeof requestIdSchema>) {
  const { requestId } = requestIdSchema.parse(input);
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
export async function closeCampaign(actor: OrgActor, input: z.input<typeof campaignIdSchema>) {
  const { campaignId } = campaignIdSchema.parse(input);
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
    const completion = (await completionByCampaign(tx, actor.orgId, campaignId)).get(c.id) ?? EMPTY;
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

/** A person's attestation history (the person page). */
export async function personAttestations(
  actor: OrgActor,
  input: z.input<typeof personAttestationsSchema>,
) {
  const { personId } = personAttestationsSchema.parse(input);
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

/** The overview's attestation figure: completion across active campaigns, newest first. */
export async function attestationCompletion(tx: Tx, orgId: string) {
  const rows = await tx
    .select({
      id: attestationCampaigns.id,
      name: attestationCampaigns.name,
      dueAt: attestationCampaigns.dueAt,
    })
    .from(attestationCampaigns)
    .where(and(eq(attestationCampaigns.orgId, orgId), eq(attestationCampaigns.status, 'active')))
    .orderBy(desc(attestationCampaigns.launchedAt))
    .limit(5);
  const counts = await completionByCampaign(tx, orgId);
  const campaigns = rows.map((r) => {
    const c = counts.get(r.id) ?? EMPTY;
    return { ...r, completion: c, percent: completionPercent(c) };
  });
  const total = campaigns.reduce(
    (a, c) => ({
      total: a.total + c.completion.total,
      signed: a.signed + c.completion.signed,
      overdue: a.overdue + c.completion.overdue,
    }),
    { total: 0, signed: 0, overdue: 0 },
  );
  return { campaigns, ...total, percent: completionPercent(total) };
}

/** After a change that moves risk (signing, overdue): scores and mail, once committed. */
export async function afterAttestationChange(orgId: string): Promise<void> {
  await requestMailDelivery(orgId);
  await requestRiskRecompute(orgId);
}
