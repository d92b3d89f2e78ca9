import { z } from 'zod';

// docs/PRODUCT.md §Roles and permissions.
export const ROLES = ['admin', 'compliance', 'manager', 'auditor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  compliance: 'Compliance officer',
  manager: 'Manager',
  auditor: 'Auditor',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages members, roles, API keys, tenant settings and scoring weights.',
  compliance: 'Runs reviews and campaigns, triages signals, opens cases, imports data.',
  manager: 'Requests and approves access for reports and owned systems; certifies access.',
  auditor: 'Reads everything, downloads evidence, verifies the audit chain. Changes nothing.',
};

/** Role sets procedures and pages are gated on; one place so the UI and server agree. */
export const ANY_ROLE: readonly Role[] = ROLES;
export const TENANT_ADMIN: readonly Role[] = ['admin'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const MEMBER_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const KEY_READERS: readonly Role[] = ['admin', 'auditor'];
// Messages carry single-use signing links: only admins read the outbox
// (docs/PRODUCT.md §Mail and the outbox).
export const OUTBOX_READERS: readonly Role[] = ['admin'];

export function canAccess(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

export interface MemberState {
  userId: string;
  role: Role;
  status: 'active' | 'disabled';
}

/**
 * An organization must always keep one active admin: refuse a change that would leave none.
 * Returns the reason it is refused, or null when allowed.
 */
export function lastAdminGuard(
  members: readonly MemberState[],
  change: { userId: string; role?: Role; status?: 'active' | 'disabled' },
): string | null {
  const after = members.map((m) =>
    m.userId === change.userId
      ? { ...m, role: change.role ?? m.role, status: change.status ?? m.status }
      : m,
  );
  const activeAdmins = after.filter((m) => m.role === 'admin' && m.status === 'active').length;
  return activeAdmins === 0
    ? 'This is the last active admin: make another member admin first.'
    : null;
}

// Inventory (vendors, people, systems): everyone reads (managers only their own people);
// compliance officers and admins maintain it.
export const INVENTORY_READERS: readonly Role[] = ROLES;
export const INVENTORY_EDITORS: readonly Role[] = ['admin', 'compliance'];
// The roles whose reads are scoped to themselves, their reports and what they own.
export const SCOPED_READERS: readonly Role[] = ['manager'];

// Watchlist matches are sensitive: not for managers (docs/SECURITY.md §Privacy).
export const SCREENING_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const SCREENING_REVIEWERS: readonly Role[] = ['admin', 'compliance'];

// Access requests: everyone reads (managers their own scope); auditors never act.
export const ACCESS_READERS: readonly Role[] = ROLES;
export const ACCESS_ACTORS: readonly Role[] = ['admin', 'compliance', 'manager'];

// Access reviews: compliance and admins run campaigns, auditors read them; every role opens the
// reviewer inbox (managers see only items assigned to them) and reviewers decide there.
export const REVIEW_INBOX_READERS: readonly Role[] = ROLES;
export const ACCESS_REVIEWERS: readonly Role[] = ['admin', 'compliance', 'manager'];
export const CAMPAIGN_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const CAMPAIGN_RUNNERS: readonly Role[] = ['admin', 'compliance'];

// Log actors: compliance and auditors read them; an admin links them to people
// (docs/INGEST.md §Identity resolution).
export const IDENTITY_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const IDENTITY_RESOLVERS: readonly Role[] = ['admin'];

// Signals: compliance triages, auditors read; managers do not see detector findings about people.
export const SIGNAL_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const SIGNAL_TRIAGERS: readonly Role[] = ['admin', 'compliance'];
// The signal queue and a signal's page also let managers in, to be refused unless the organization
// lets managers see their reports' signals (docs/PRIVACY.md §Pseudonymized investigation).
export const SIGNAL_QUEUE_READERS: readonly Role[] = ROLES;

// Cases: compliance and admins open, act and close; auditors read; managers never see them
// (docs/PRODUCT.md §Managers' scope).
export const CASE_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const INVESTIGATORS: readonly Role[] = ['admin', 'compliance'];

// Uploading access logs: the people who run the program (API keys with scope `ingest` also can).
export const LOG_UPLOADERS: readonly Role[] = ['admin', 'compliance'];

// Risk scores: compliance, auditors and admins read them; managers only of the people they see
// (themselves and their reports), without the signal detail behind them. Admins tune the weights.
export const RISK_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const PERSON_RISK_READERS: readonly Role[] = ROLES;
export const RISK_WEIGHT_EDITORS: readonly Role[] = ['admin'];

// Evidence packages: auditors download evidence (docs/PRODUCT.md §Roles and permissions), and
// compliance and admins prepare it for them. Generating one changes no business data (it adds the
// package and an audit entry), so it is the one action an auditor takes. Managers see only their
// scope.
export const EVIDENCE_EXPORTERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
// Vendor reviews: compliance and admins run and decide them (never the same person for one
// review); auditors read everything; managers read the reviews of the vendors they own.
export const VENDOR_REVIEW_READERS: readonly Role[] = ROLES;
export const VENDOR_REVIEWERS: readonly Role[] = ['admin', 'compliance'];
export const QUESTIONNAIRE_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
// Attestations: compliance and admins run campaigns and edit templates; auditors read everything;
// managers see none (answers can disclose conflicts about their reports:
// docs/SECURITY.md §Privacy).
export const ATTESTATION_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const ATTESTATION_RUNNERS: readonly Role[] = ['admin', 'compliance'];
// SIEM streaming: admins configure destinations; compliance and auditors read their status
// (docs/INTEGRATIONS.md §SIEM streaming).
export const SIEM_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const SIEM_ADMINS: readonly Role[] = ['admin'];
// Connectors hold credentials to the organization's identity provider and cloud: admins only
// (docs/CONNECTORS.md).
export const CONNECTOR_ADMINS: readonly Role[] = ['admin'];

// Retention limits and erasure (docs/PRIVACY.md): admins decide; compliance and auditors may read
// the limits (a works council's questions go to them).
export const RETENTION_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const PRIVACY_ADMINS: readonly Role[] = ['admin'];
// Candidates (docs/IMPOSTORS.md §Who sees candidates): compliance and admins screen them and
// convert them to staff (only an admin may override the hire gate); auditors read. Managers do
// not: the checklist carries watchlist and identity-reuse findings (docs/SECURITY.md §Privacy).
export const CANDIDATE_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];
export const CANDIDATE_SCREENERS: readonly Role[] = ['admin', 'compliance'];
export const HIRE_GATE_OVERRIDERS: readonly Role[] = ['admin'];
