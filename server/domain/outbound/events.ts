import { z } from 'zod';
import { signedAuditHeadSchema } from '@/server/domain/audit/anchor';

/**
 * The events Vigil sends out (docs/INTEGRATIONS.md §Events). Webhooks, Slack, Teams and SIEM
 * streams all read the same numbered stream; each type's `data` is version 1 below. Adding a
 * field is compatible; renaming or removing one makes version 2.
 */
export const OUTBOUND_EVENT_TYPES = [
  'signal.created',
  'signal.escalated',
  'case.opened',
  'case.closed',
  'access.requested',
  'access.step_waiting',
  'access.approved',
  'access.denied',
  'access.revoked',
  'review.decided',
  'attestation.disclosure',
  'evidence.generated',
  'connector.failed',
  'audit.head_anchored',
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];
export const outboundEventTypeSchema = z.enum(OUTBOUND_EVENT_TYPES);

export const OUTBOUND_EVENT_VERSION = 1;

const personRef = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable() })
  .nullable();

const signalData = z.object({
  signal: z.object({
    id: z.uuid(),
    kind: z.string(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    status: z.string(),
    explanation: z.string(),
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    url: z.string(),
  }),
  person: personRef,
  case: z.object({ id: z.uuid(), reference: z.string(), url: z.string() }).optional(),
});

const caseData = z.object({
  case: z.object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    severity: z.string(),
    status: z.string(),
    outcome: z.string().nullable(),
    url: z.string(),
  }),
  signals: z.number().int(),
  by: z.string().nullable(),
});

const accessData = z.object({
  grant: z.object({
    id: z.uuid(),
    status: z.string(),
    system: z.string(),
    privilege: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    url: z.string(),
  }),
  person: personRef,
  // The approval step now waiting, if any: who must decide (a member, or anyone in a role).
  step: z
    .object({
      id: z.uuid(),
      seq: z.number().int(),
      kind: z.string(),
      approverUserId: z.uuid().nullable(),
      approverRole: z.string().nullable(),
    })
    .nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});

const reviewData = z.object({
  review: z.object({
    type: z.enum(['access_review', 'vendor_review']),
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
  }),
  decisions: z.array(
    z.object({ subject: z.string(), decision: z.string(), comment: z.string().nullable() }),
  ),
  by: z.string().nullable(),
});

const attestationData = z.object({
  attestation: z.object({ requestId: z.uuid(), campaign: z.string(), url: z.string() }),
  person: personRef,
  disclosures: z.array(z.object({ question: z.string(), answer: z.string() })),
});

const evidenceData = z.object({
  package: z.object({
    id: z.uuid(),
    periodStart: z.string(),
    periodEnd: z.string(),
    manifestSha256: z.string().nullable(),
    url: z.string(),
  }),
  by: z.string().nullable(),
});

const connectorData = z.object({
  connector: z.object({ id: z.string(), kind: z.string(), name: z.string() }),
  error: z.string(),
  url: z.string(),
});

// The signed head exactly as the anchor file holds it, so a SIEM can keep and check it as is.
const anchorData = z.object({ anchor: signedAuditHeadSchema });

/** Each type's `data`, version 1: the OpenAPI document's `webhooks` section is built from these. */
export const OUTBOUND_EVENT_DATA = {
  'signal.created': signalData,
  'signal.escalated': signalData,
  'case.opened': caseData,
  'case.closed': caseData,
  'access.requested': accessData,
  'access.step_waiting': accessData,
  'access.approved': accessData,
  'access.denied': accessData,
  'access.revoked': accessData,
  'review.decided': reviewData,
  'attestation.disclosure': attestationData,
  'evidence.generated': evidenceData,
  'connector.failed': connectorData,
  'audit.head_anchored': anchorData,
} as const satisfies Record<OutboundEventType, z.ZodType>;

export type OutboundEventData<T extends OutboundEventType> = z.input<
  (typeof OUTBOUND_EVENT_DATA)[T]
>;

export const OUTBOUND_EVENT_DESCRIPTIONS: Record<OutboundEventType, string> = {
  'signal.created': 'A detector or screening raised a new signal.',
  'signal.escalated': 'A signal was escalated into a case.',
  'case.opened': 'An investigation case was opened.',
  'case.closed': 'A case was closed with its outcome.',
  'access.requested': 'Someone requested access; approval steps follow.',
  'access.step_waiting': 'An approval step of an access request waits on its approver.',
  'access.approved': 'An access request passed its last approval step.',
  'access.denied': 'An approver denied an access request.',
  'access.revoked': 'A grant was revoked (by a person, a review, a case or the lifecycle).',
  'review.decided': 'Access-review items or a vendor review were decided.',
  'attestation.disclosure': 'A signed attestation disclosed something (a conflict, an approach).',
  'evidence.generated': 'An evidence package finished generating.',
  'connector.failed': 'A connector or delivery needs attention.',
  'audit.head_anchored': "Daily: the audit chain's head, signed, to keep outside Vigil.",
};

/** A stored event as every destination sends it (the webhook body, the SIEM record). */
export interface OutboundEnvelope {
  id: string;
  type: OutboundEventType;
  version: number;
  sequence: number;
  occurredAt: string;
  organization: { id: string; slug: string };
  data: Record<string, unknown>;
}

export interface StoredOutboundEvent {
  orgId: string;
  seq: number;
  id: string;
  type: OutboundEventType;
  subjectType: string;
  subjectId: string;
  data: unknown;
  occurredAt: Date;
}

export function outboundEnvelope(e: StoredOutboundEvent, orgSlug: string): OutboundEnvelope {
  return {
    id: e.id,
    type: e.type,
    version: OUTBOUND_EVENT_VERSION,
    sequence: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    organization: { id: e.orgId, slug: orgSlug },
    data: (e.data ?? {}) as Record<string, unknown>,
  };
}

/** Whether an endpoint's filter takes an event: an empty filter takes every type. */
export function eventMatchesFilter(
  type: OutboundEventType,
  filter: readonly OutboundEventType[],
): boolean {
  return filter.length === 0 || filter.includes(type);
}
