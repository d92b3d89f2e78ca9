import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { attestationCampaigns, attestationRequests, people } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import type {
  DeclineAttestationInput,
  SignAttestationInput,
} from '@/server/domain/attestations/inputs';
import {
  hashSignedAttestation,
  signedAttestationJson,
  typedSignatureMatches,
  type SignedAttestation,
} from '@/server/domain/attestations/signed-document';
import {
  checkSigningToken,
  SIGNING_TOKEN_MESSAGES,
  signingTokenSchema,
  type SigningTokenCheck,
} from '@/server/domain/attestations/signing-token';
import {
  findDisclosures,
  validateAnswers,
  type AttestationTemplate,
  type Disclosure,
  type DisclosureKind,
} from '@/server/domain/attestations/template';
import { sha256Hex } from '@/server/domain/auth/secrets';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { appBaseUrl, requestMailDelivery } from '@/server/services/mail/outbox';
import { notify } from '@/server/services/notifications/send';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import type { RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { upsertProductSignal } from '@/server/services/signals/product-signals';
import { orgName } from './signing-link-mail';
import { storedTemplate } from './templates';

/** After a change that moves risk (signing, overdue): scores and mail, once committed. */
async function afterAttestationChange(orgId: string): Promise<void> {
  await requestMailDelivery(orgId);
  await requestRiskRecompute(orgId);
}

/** Where a signer's answer came from, for the record (docs/PRODUCT.md §Signing links). */
export interface SignerMeta extends RequestMeta {
  userAgent: string | null;
}

type Reason = Exclude<SigningTokenCheck, { ok: true }>['reason'];

/**
 * The one lookup made before a tenant is known: the org and id of the request whose token hash
 * matches, nothing else. Every further read runs in that org's tenant transaction.
 */
async function locate(token: string): Promise<{ orgId: string; id: string } | null> {
  if (!signingTokenSchema.safeParse(token).success) return null;
  const hash = sha256Hex(token);
  const [row] = await withSystem((tx) =>
    tx
      .select({ orgId: attestationRequests.orgId, id: attestationRequests.id })
      .from(attestationRequests)
      .where(eq(attestationRequests.tokenHash, hash)),
  );
  return row ?? null;
}

async function loadRequest(tx: Tx, orgId: string, id: string, lock: boolean) {
  const q = tx
    .select({
      id: attestationRequests.id,
      personId: attestationRequests.personId,
      vendorId: people.vendorId,
      fullName: people.fullName,
      email: attestationRequests.recipientEmail,
      status: attestationRequests.status,
      tokenHash: attestationRequests.tokenHash,
      tokenExpiresAt: attestationRequests.tokenExpiresAt,
      tokenUsedAt: attestationRequests.tokenUsedAt,
      respondedAt: attestationRequests.respondedAt,
      signedSha256: attestationRequests.signedSha256,
      campaignId: attestationCampaigns.id,
      campaignName: attestationCampaigns.name,
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
      and(eq(people.orgId, attestationRequests.orgId), eq(people.id, attestationRequests.personId)),
    )
    .where(and(eq(attestationRequests.orgId, orgId), eq(attestationRequests.id, id)));
  const [row] = lock ? await q.for('update', { of: attestationRequests }) : await q;
  return row ?? null;
}
type LoadedRequest = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

function check(r: LoadedRequest, token: string, now: Date): SigningTokenCheck {
  return checkSigningToken(
    {
      tokenHash: r.tokenHash,
      expiresAt: r.tokenExpiresAt,
      usedAt: r.tokenUsedAt,
      withdrawn: r.campaignStatus !== 'active',
    },
    token,
    now,
  );
}

export type SigningPage =
  | { state: 'refused'; reason: Reason; message: string }
  | {
      state: 'done';
      status: 'signed' | 'declined';
      title: string;
      respondedAt: Date;
      sha256: string | null;
    }
  | {
      state: 'open';
      orgName: string;
      fullName: string;
      title: string;
      template: AttestationTemplate;
      dueAt: Date;
      overdue: boolean;
      expiresAt: Date;
    };

/**
 * What the signing page shows for a token: the holder's own request and nothing else. A link
 * already used shows its receipt; unknown, expired and withdrawn links say so, with no data.
 */
export async function describeSigningRequest(
  token: string,
  now = new Date(),
): Promise<SigningPage> {
  const refused = (reason: Reason): SigningPage => ({
    state: 'refused',
    reason,
    message: SIGNING_TOKEN_MESSAGES[reason],
  });
  const at = await locate(token);
  if (!at) return refused('invalid');
  return withTenant({ orgId: at.orgId, userId: null }, async (tx) => {
    const r = await loadRequest(tx, at.orgId, at.id, false);
    if (!r) return refused('invalid');
    const c = check(r, token, now);
    if (!c.ok) {
      if (c.reason === 'used' && (r.status === 'signed' || r.status === 'declined'))
        return {
          state: 'done',
          status: r.status,
          title: (r.template as { title: string }).title,
          respondedAt: r.respondedAt ?? r.tokenUsedAt!,
          sha256: r.signedSha256,
        };
      return refused(c.reason);
    }
    return {
      state: 'open',
      orgName: await orgName(tx, at.orgId),
      fullName: r.fullName,
      title: (r.template as { title: string }).title,
      template: storedTemplate(r.template as AttestationTemplate),
      dueAt: r.dueAt,
      overdue: r.dueAt.getTime() < now.getTime(),
      expiresAt: r.tokenExpiresAt,
    };
  });
}

const personActor = (r: LoadedRequest): AuditActor => ({
  type: 'person',
  id: r.personId,
  label: r.email,
});

/** Opens the request for an answer, or refuses with the reason the page would show. */
async function openForAnswer(tx: Tx, orgId: string, id: string, token: string, now: Date) {
  const r = await loadRequest(tx, orgId, id, true);
  if (!r) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES.invalid);
  const c = check(r, token, now);
  if (!c.ok) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES[c.reason]);
  return r;
}

/** The token still opens this request and nobody used it meanwhile (single use, race-safe). */
function unusedWith(orgId: string, id: string, tokenHash: string) {
  return and(
    eq(attestationRequests.orgId, orgId),
    eq(attestationRequests.id, id),
    eq(attestationRequests.tokenHash, tokenHash),
    isNull(attestationRequests.tokenUsedAt),
  );
}

const SEVERITY_OF: Record<DisclosureKind, 'low' | 'medium' | 'high'> = {
  offer: 'high',
  approach: 'high',
  conflict: 'medium',
  control_gap: 'low',
};
const RANK = { low: 0, medium: 1, high: 2 } as const;

/** One sentence per disclosure, quoting the question and the answer. */
export function describeDisclosures(fullName: string, title: string, found: Disclosure[]): string {
  const parts = found.map(
    (d) =>
      `to “${d.prompt}” they answered “${d.answer}”${d.details ? ` and wrote: “${d.details.slice(0, 300)}”` : ''}`,
  );
  return `${fullName} disclosed in the attestation “${title}”: ${parts.join('; ')}.`;
}

/**
 * Signs a request: the answers are checked against the template shown, the typed signature must
 * be the person's name, and the canonical document (what was shown and answered) is stored with
 * its SHA-256. An answer that discloses raises one `attestation_disclosure` signal and mails
 * compliance, in the same transaction.
 */
export async function signAttestation(f: SignAttestationInput, meta: SignerMeta, now = new Date()) {
  const at = await locate(f.token);
  if (!at) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES.invalid);
  const result = await withTenant({ orgId: at.orgId, userId: null }, async (tx) => {
    const r = await openForAnswer(tx, at.orgId, at.id, f.token, now);
    const template = storedTemplate(r.template as AttestationTemplate);
    const checked = validateAnswers(template, f.answers);
    if (!checked.ok) {
      const first = Object.keys(checked.errors)[0]!;
      const prompt = template.questions.find((q) => q.id === first)?.prompt ?? first;
      throw new UserFacingError('BAD_REQUEST', `${checked.errors[first]}: "${prompt}"`);
    }
    if (!typedSignatureMatches(f.typedSignature, r.fullName))
      throw new UserFacingError(
        'BAD_REQUEST',
        `Type your full name as it appears above (${r.fullName}) to sign.`,
      );
    const doc: SignedAttestation = {
      requestId: r.id,
      template,
      signer: { name: r.fullName, email: r.email },
      answers: checked.answers,
      typedSignature: f.typedSignature,
      signedAt: now.toISOString(),
    };
    const sha256 = hashSignedAttestation(doc);
    const found = findDisclosures(template, checked.answers);
    const updated = await tx
      .update(attestationRequests)
      .set({
        status: 'signed',
        tokenUsedAt: now,
        respondedAt: now,
        answers: checked.answers,
        typedSignature: f.typedSignature,
        signerIp: meta.ip,
        signerUserAgent: meta.userAgent?.slice(0, 500) ?? null,
        signedDocument: signedAttestationJson(doc),
        signedSha256: sha256,
        disclosures: found.length,
        updatedAt: now,
      })
      .where(unusedWith(at.orgId, r.id, r.tokenHash))
      .returning({ id: attestationRequests.id });
    if (updated.length === 0) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES.used);
    if (found.length > 0) {
      const severity = found
        .map((d) => SEVERITY_OF[d.kind])
        .reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'low' as 'low' | 'medium' | 'high');
      const explanation = describeDisclosures(r.fullName, template.title, found);
      await upsertProductSignal(tx, at.orgId, {
        kind: 'attestation_disclosure',
        personId: r.personId,
        vendorId: r.vendorId,
        severity,
        dedupeKey: `attestation_disclosure:${r.id}`,
        explanation,
        stats: {
          attestationRequestId: r.id,
          campaignId: r.campaignId,
          campaign: r.campaignName,
          disclosed: [...new Set(found.map((d) => d.kind))].join(', '),
        },
        at: now,
      });
      await notify(
        tx,
        at.orgId,
        {
          category: 'compliance_alerts',
          kind: 'attestation.disclosure',
          subject: `Disclosure in an attestation: ${r.fullName}`,
          lines: [
            explanation,
            '',
            `The campaign: ${appBaseUrl()}/attestations/${r.campaignId}`,
            'Review it in the signal queue:',
          ],
          link: `${appBaseUrl()}/signals?kind=attestation_disclosure`,
          related: { type: 'attestation_request', id: r.id },
        },
        { roles: ['compliance'] },
      );
      await recordOutboundEvent(
        tx,
        at.orgId,
        'attestation.disclosure',
        { type: 'attestation_request', id: r.id },
        {
          attestation: {
            requestId: r.id,
            campaign: r.campaignName,
            url: appLink(`/attestations/${r.campaignId}`),
          },
          person: { id: r.personId, name: r.fullName, email: r.email },
          disclosures: found.map((d) => ({
            question: d.prompt,
            answer: d.details ? `${String(d.answer)}: ${String(d.details)}` : String(d.answer),
          })),
        },
      );
    }
    await appendAudit(tx, {
      orgId: at.orgId,
      actor: personActor(r),
      action: 'attestation_request.signed',
      entityType: 'attestation_request',
      entityId: r.id,
      before: { status: r.status },
      after: {
        status: 'signed',
        signedAt: doc.signedAt,
        sha256,
        disclosures: found.map((d) => ({ question: d.questionId, kind: d.kind })),
      },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return { status: 'signed' as const, signedAt: now, sha256, disclosures: found.length };
  });
  await afterAttestationChange(at.orgId);
  return result;
}

/** Declines with a reason; compliance hears of it. The link is used up like a signature. */
export async function declineAttestation(
  f: DeclineAttestationInput,
  meta: SignerMeta,
  now = new Date(),
) {
  const at = await locate(f.token);
  if (!at) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES.invalid);
  const result = await withTenant({ orgId: at.orgId, userId: null }, async (tx) => {
    const r = await openForAnswer(tx, at.orgId, at.id, f.token, now);
    const updated = await tx
      .update(attestationRequests)
      .set({
        status: 'declined',
        tokenUsedAt: now,
        respondedAt: now,
        declineReason: f.reason,
        signerIp: meta.ip,
        signerUserAgent: meta.userAgent?.slice(0, 500) ?? null,
        updatedAt: now,
      })
      .where(unusedWith(at.orgId, r.id, r.tokenHash))
      .returning({ id: attestationRequests.id });
    if (updated.length === 0) throw new UserFacingError('BAD_REQUEST', SIGNING_TOKEN_MESSAGES.used);
    const title = (r.template as { title: string }).title;
    await notify(
      tx,
      at.orgId,
      {
        category: 'compliance_alerts',
        kind: 'attestation.declined',
        subject: `Attestation declined: ${r.fullName}`,
        lines: [`${r.fullName} declined to sign "${title}" and wrote: "${f.reason}"`],
        link: `${appBaseUrl()}/attestations/${r.campaignId}`,
        related: { type: 'attestation_request', id: r.id },
      },
      { roles: ['compliance'] },
    );
    await appendAudit(tx, {
      orgId: at.orgId,
      actor: personActor(r),
      action: 'attestation_request.declined',
      entityType: 'attestation_request',
      entityId: r.id,
      before: { status: r.status },
      after: { status: 'declined', reason: f.reason },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return { status: 'declined' as const, respondedAt: now };
  });
  await afterAttestationChange(at.orgId);
  return result;
}
