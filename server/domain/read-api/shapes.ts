import type { GrantStatus } from '../access/grant';
import type { CaseOutcome, CaseSeverity, CaseStatus } from '../cases/case';
import type { Severity } from '../detectors/types';
import type { BACKGROUND_CHECK_STATUSES, PersonStatus, PersonType } from '../inventory/person';
import type { VendorStatus, VendorTier } from '../inventory/vendor';
import type { RiskBand } from '../risk/bands';
import type { SIGNAL_STATUSES } from '../risk/person-input';

// The read API's public shapes (docs/INTERFACES.md §HTTP read API). Stable: fields are added, never
// renamed or removed, within v1. Ids are UUIDs; instants are ISO 8601 UTC strings
// (`2026-09-17T22:14:03.123Z`); calendar days are `YYYY-MM-DD`; absent values are null. The
// OpenAPI document's schemas are keyed by these types, so the two cannot drift apart.

type Instant = string;
type Day = string;

export interface ReadPage<T> {
  data: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ReadPerson {
  id: string;
  email: string;
  fullName: string;
  type: PersonType;
  status: PersonStatus;
  vendorId: string | null;
  managerId: string | null;
  department: string | null;
  title: string | null;
  country: string | null;
  startDate: Day | null;
  endDate: Day | null;
  identityVerifiedAt: Instant | null;
  backgroundCheckStatus: (typeof BACKGROUND_CHECK_STATUSES)[number];
  createdAt: Instant;
  updatedAt: Instant;
}

export interface ReadVendor {
  id: string;
  name: string;
  country: string | null;
  services: string;
  tier: VendorTier;
  inherentTier: VendorTier;
  status: VendorStatus;
  dataCategories: string[];
  contractStart: Day | null;
  contractEnd: Day | null;
  lastReviewAt: Day | null;
  nextReviewAt: Day | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface ReadGrant {
  id: string;
  personId: string;
  systemId: string;
  systemName: string;
  privilegeId: string;
  privilegeName: string;
  status: GrantStatus;
  source: 'request' | 'import';
  durationDays: number | null;
  requestedAt: Instant;
  decidedAt: Instant | null;
  startsAt: Instant | null;
  expiresAt: Instant | null;
  endedAt: Instant | null;
  endReason: string | null;
  updatedAt: Instant;
}

export interface ReadSignal {
  id: string;
  kind: string;
  severity: Severity;
  status: (typeof SIGNAL_STATUSES)[number];
  personId: string;
  vendorId: string | null;
  caseId: string | null;
  explanation: string;
  windowStart: Instant;
  windowEnd: Instant;
  detectorVersion: string;
  statusAt: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface ReadCase {
  id: string;
  /** `CASE-0007`, as the app shows it. */
  reference: string;
  title: string;
  severity: CaseSeverity;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  /** email is null once the assignee is no longer a member of the organization. */
  assignee: { userId: string; email: string | null } | null;
  personIds: string[];
  vendorIds: string[];
  signalIds: string[];
  openedAt: Instant;
  closedAt: Instant | null;
  updatedAt: Instant;
}

export interface ReadPersonRisk {
  personId: string;
  fullName: string;
  email: string;
  /** The higher of the two scores (0–100): what lists sort and band on (docs/RISK.md). */
  risk: number;
  band: RiskBand;
  bribery: number;
  briberyBand: RiskBand;
  compromise: number;
  compromiseBand: RiskBand;
  computedAt: Instant;
}

export interface ReadAuditEntry {
  /** Position in the organization's hash chain, from 1. */
  seq: number;
  id: string;
  occurredAt: Instant;
  actor: { type: string; id: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  /** Version 2 entries (docs/SECURITY.md §Audit chain): what the hash covers instead of the payload. */
  payloadDigest: string | null;
  payloadNonce: string | null;
  /** Erasure removed the personal payload (docs/PRIVACY.md §Erasure). */
  redacted: boolean;
  prevHash: string;
  hash: string;
}
