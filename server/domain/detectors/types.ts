import type { DetectorThresholds } from './defaults';
import type { TicketFeed } from './tickets';

// docs/DETECTORS.md §Signal kinds: every kind a signal can have, including the three that other
// parts of the product raise (screening, attestations) so storage and UI share one list.
export const SIGNAL_KINDS = [
  'off_hours',
  'new_country',
  'impossible_travel',
  'anonymizing_network',
  'timezone_mismatch',
  'volume_spike',
  'bulk_record_access',
  'access_without_ticket',
  'access_without_grant',
  'access_after_termination',
  'dormant_account_use',
  'shared_infrastructure',
  'remote_access_tool',
  'privilege_change_outside_workflow',
  'mfa_tampering',
  // Issue 13 (docs/DETECTORS.md §Signal kinds): ticket truth, identity reuse, joined chains.
  'ticket_mismatch',
  'identity_reuse',
  'incident_chain',
  'watchlist_match',
  'attestation_disclosure',
  'screening_gap',
  // GitHub audit log (docs/DETECTORS.md §GitHub).
  'credential_outside_workflow',
  'repository_exposure',
  'security_control_disabled',
  'workflow_runs_deleted',
  'code_exfiltration',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One normalized event as the detectors see it, whatever the source (decoupled from storage). */
export interface DetectorEvent {
  id: string;
  personId: string;
  occurredAt: Date;
  system: string | null;
  /** CloudTrail `${eventSource}:${eventName}`, Okta eventType, Google `${app}.${eventName}`. */
  action: string;
  /** The record or object touched; for privilege changes the policy / role granted. */
  resource: string | null;
  recordCount: number;
  ticketId: string | null;
  ip: string | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  deviceId: string | null;
  userAgent: string | null;
  outcome: 'success' | 'failure';
  /** Okta `securityContext.isProxy` or an equivalent anonymizer / hosting-provider flag. */
  isProxy: boolean;
  /** The action touches sensitive records (customers, KYC documents): decided upstream. */
  sensitive: boolean;
  /** The log it came from (`okta`, `cloudtrail`, `canonical`…); absent where none is known. */
  source?: string;
}

export interface DetectorGrant {
  system: string;
  privilege: string | null;
  from: Date;
  to: Date | null;
}

export interface PersonContext {
  id: string;
  /** IANA time zone; null when the person declared none. */
  timezone: string | null;
  /** ISO 3166 alpha-2 of the declared location. */
  declaredCountry: string | null;
  workMode: 'office' | 'remote' | null;
  /** YYYY-MM-DD, the last day of work (inclusive, in the person's time zone). */
  endDate: string | null;
  vendorOffboardedAt: Date | null;
  /** Same vendor / department / title; null when unknown. */
  peerGroupKey: string | null;
  grants: DetectorGrant[];
}

export interface OrgContext {
  highRiskCountries: string[];
  workingHours: { start: string; end: string };
  officeIps: string[];
  officeCidrs: string[];
  /** Systems whose access Vigil governs; when absent, every system someone holds a grant on. */
  governedSystems?: string[];
  /** Overrides of the documented defaults in defaults.ts. */
  thresholds?: Partial<DetectorThresholds>;
  /** The tickets the judged events cite; absent when no ticket feed is connected. */
  tickets?: TicketFeed;
  /**
   * Log source → when it starts in the history detection loaded (epoch ms), for sources that
   * began inside the baseline window: days before a log reported are not the person's usual in
   * it (docs/DETECTORS.md §Hygiene). Absent: every source always reported.
   */
  sourcesSince?: ReadonlyMap<string, number>;
  /**
   * Addresses some log marked as a proxy or VPN exit (Okta `isProxy`), so events from a log that
   * cannot tell (a console) on the same address are not taken for a shared home network.
   */
  knownProxyIps?: ReadonlySet<string>;
}

export interface Signal {
  kind: SignalKind;
  personId: string;
  severity: Severity;
  windowStart: Date;
  windowEnd: Date;
  /** Stable: the same data gives the same key, so re-running a detector is idempotent. */
  dedupeKey: string;
  /** Plain words and numbers: why it fired. */
  explanation: string;
  /** In time order, at most `maxEvidenceEvents` (stats.evidenceEvents gives the full count). */
  evidenceEventIds: string[];
  /** Numbers and words for the UI; an incident_chain also lists its parts (docs/DETECTORS.md §Chains). */
  stats: Record<string, number | string | ChainPartStat[] | TicketMismatchStat[]>;
}

/** One mismatched lookup in a ticket_mismatch signal's `stats.mismatches` (docs/DETECTORS.md §Ticket feed). */
export interface TicketMismatchStat {
  /** The ticket id the lookup cited, as the ticketing tool writes it. */
  ticket: string;
  /** The records the ticket is about (the first few; `aboutCount` counts them all). */
  about: string[];
  aboutCount: number;
  /** The record the lookup opened. */
  opened: string;
  /** ISO 8601. */
  at: string;
}

/** One part of an incident_chain signal, in its `stats.parts` (docs/DETECTORS.md §Chains). */
export interface ChainPartStat {
  signalId?: string;
  kind: SignalKind;
  severity: Severity;
  dedupeKey: string;
  /** ISO 8601. */
  windowStart: string;
  /** ISO 8601; absent on chains stored before it was kept. */
  windowEnd?: string;
  /** The story's roles this part fills; absent on chains stored before they were kept. */
  roles?: string[];
}
