import { z } from 'zod';

/**
 * Documented default thresholds (docs/DETECTORS.md explains each). A tenant may override any of
 * them through OrgContext.thresholds; the schema below validates such overrides.
 */
export const DEFAULT_THRESHOLDS = {
  /** Trailing window a baseline covers (docs/DETECTORS.md §Principles). */
  baselineWindowDays: 30,
  /**
   * docs/DETECTORS.md §Hygiene: no "new behaviour" findings before ≥ 7 days and ≥ 50 events of
   * baseline.
   */
  minBaselineDays: 7,
  minBaselineEvents: 50,
  /** docs/DETECTORS.md §Hygiene: peer groups of ≥ 5 people. */
  minPeerGroupSize: 5,
  /** Evidence kept per signal; the rest is reachable through the window and stats. */
  maxEvidenceEvents: 50,
  /** Floor under MAD so a perfectly regular baseline does not turn any change into z = ∞. */
  madFloor: 1,

  /** off_hours: an hour is "rare" when this share of baseline events or fewer fall in it. */
  offHoursRareShare: 0.02,
  /** off_hours: rare off-hours events needed in one day (one sensitive event is enough). */
  offHoursMinEvents: 3,
  /**
   * off_hours: sensitive records touched outside working hours that make it medium. A late look at
   * a customer or two is ordinary; a session's worth of sensitive records at night is not.
   */
  offHoursSensitiveRecords: 10,

  /** impossible_travel: airliner speed (docs/DETECTORS.md §Hygiene: ≈ 800 km/h). */
  travelMaxKmh: 800,
  /** impossible_travel: below this distance geolocation error dominates. */
  travelMinKm: 500,
  /** impossible_travel: same-country hops shorter than this are carrier NAT / egress noise. */
  travelSameCountryIgnoreKm: 2000,

  /** timezone_mismatch: declared zone explains at most this share of activity as working hours… */
  tzMaxDeclaredFit: 0.35,
  /** …while another offset explains at least this share… */
  tzMinBestFit: 0.75,
  /** …and the two offsets differ by at least this many hours. */
  tzMinOffsetHours: 3,

  /** volume_spike: robust z-score against the person's own daily records. */
  volumeSpikeZ: 6,
  /** volume_spike: and at least this multiple of the own median. */
  volumeSpikeMinRatio: 3,
  /** volume_spike: ignore days below this many records. */
  volumeSpikeMinRecords: 100,
  /** volume_spike: the peers' quantile the day must exceed when peers are known. */
  volumeSpikePeerQuantile: 0.99,

  /** bulk_record_access: distinct sensitive records in the sliding window. */
  bulkDistinctRecords: 200,
  bulkWindowMinutes: 60,
  /** bulk_record_access: any single export of at least this many records. */
  bulkExportRecords: 1000,

  /** access_without_ticket: unticketed sensitive accesses needed in a day. */
  noTicketMinEvents: 10,
  /** access_without_ticket: the day's unticketed rate exceeds the reference by this much… */
  noTicketMinExcess: 0.25,
  /** …and by this factor. */
  noTicketMinRatio: 2,
  /**
   * access_without_ticket with a ticket feed: a day with this many sensitive accesses citing a
   * ticket that does not justify them (missing, not open, someone else's), and this share of the
   * day's sensitive accesses, fires whatever the usual rate; twice as many is high.
   */
  noTicketMinInvalid: 5,
  noTicketMinInvalidShare: 0.2,

  /**
   * Ticket feed (docs/DETECTORS.md §Ticket feed): a lookup up to this long before its ticket was
   * opened still counts (the call comes first, the ticket is logged after it)…
   */
  ticketOpenGraceMinutes: 30,
  /** …and up to this long after it was solved or closed (wrap-up notes, a last check). */
  ticketCloseGraceMinutes: 60,
  /** ticket_mismatch: one mismatched lookup is low (linked accounts happen); this many is medium. */
  ticketMismatchMediumEvents: 2,
  /** ticket_mismatch: high at this many mismatched lookups in a day… */
  ticketMismatchHighEvents: 5,
  /** …or at this many distinct records opened outside their tickets. */
  ticketMismatchHighCustomers: 3,
  /** ticket_mismatch: critical at this many mismatched lookups… */
  ticketMismatchCriticalEvents: 20,
  /** …when they are more than this share of the day's sensitive lookups. */
  ticketMismatchCriticalShare: 0.5,

  /** access_without_grant / privilege change: provisioning lag tolerated around a grant. */
  grantGraceMinutes: 60,

  /** dormant_account_use: silence long enough to call the account dormant. */
  dormantDays: 45,

  /** shared_infrastructure: distinct people on one device or egress IP in one day. */
  sharedMinPeople: 2,
  /**
   * shared_infrastructure: an egress IP whose users mostly declare the country it sits in is a
   * local site (an office NAT, a co-working space, a carrier's shared address), not a farm: from
   * this many people and this share declaring its country, the IP is not flagged. Devices are.
   */
  /**
   * anonymizing_network: a mature baseline with proxy use on at least this many earlier days is
   * a VPN habit, learned like a routine (docs/DETECTORS.md §Routines): not flagged.
   */
  proxyHabitualDays: 3,
  sharedLocalSiteMinPeople: 5,
  sharedLocalSiteShare: 0.75,

  /** mfa_tampering: push denials that make a fatigue attack, within the window. */
  mfaPushDenials: 3,
  mfaPushWindowMinutes: 10,
  /** mfa_tampering: access within this long after tampering counts as "followed by access". */
  mfaFollowHours: 24,
  /** mfa_tampering: a push-fatigue burst must be followed by access this soon. */
  mfaPushFollowMinutes: 60,

  /**
   * code_exfiltration (docs/DETECTORS.md §GitHub): distinct repositories pulled in a day that may
   * fire at all, the multiple of the person's own p90 day it must reach, and the floor for a
   * person without a mature baseline.
   */
  codePullMinRepos: 10,
  codePullRatio: 4,
  codePullNewcomerRepos: 40,
  /** workflow_runs_deleted: runs deleted in a day that make it high. */
  workflowRunDeleteHigh: 5,
};

export type DetectorThresholds = typeof DEFAULT_THRESHOLDS;

const positive = z.number().positive();
export const detectorThresholdsSchema = z
  .object(
    Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, positive])) as Record<
      keyof DetectorThresholds,
      typeof positive
    >,
  )
  .partial()
  .strict();

/** Actions that grant administrative rights in a source system (privilege_change_outside_workflow). */
export const PRIVILEGE_GRANT_ACTIONS: Record<string, 'admin' | 'if-admin-resource'> = {
  // CloudTrail `${eventSource}:${eventName}`: admin only when the policy is an admin policy.
  'iam.amazonaws.com:AttachUserPolicy': 'if-admin-resource',
  'iam.amazonaws.com:AttachRolePolicy': 'if-admin-resource',
  'iam.amazonaws.com:AttachGroupPolicy': 'if-admin-resource',
  'iam.amazonaws.com:PutUserPolicy': 'if-admin-resource',
  'iam.amazonaws.com:PutRolePolicy': 'if-admin-resource',
  'iam.amazonaws.com:PutGroupPolicy': 'if-admin-resource',
  'iam.amazonaws.com:AddUserToGroup': 'if-admin-resource',
  // Okta eventType: administrator role assignments.
  'user.account.privilege.grant': 'admin',
  'group.privilege.grant': 'admin',
  // Google Workspace `${applicationName}.${eventName}`.
  'admin.ASSIGN_ROLE': 'admin',
  'admin.GRANT_ADMIN_PRIVILEGE': 'admin',
};

/** Policy / role / group names that amount to administrative rights. */
export const ADMIN_RESOURCE_PATTERN =
  /AdministratorAccess|IAMFullAccess|PowerUserAccess|"Action"\s*:\s*"\*"|\badmins?\b|administrator/i;

/** Okta / Google events that remove or reset a second factor. */
export const MFA_TAMPER_ACTIONS = new Set([
  'user.mfa.factor.deactivate',
  'user.mfa.factor.reset_all',
  'user.mfa.factor.suspend',
  'system.mfa.factor.deactivate',
  'user_accounts.2sv_disable',
]);
/** Okta push denials; a failed `user.authentication.auth_via_mfa` counts as one too. */
export const MFA_DENIAL_ACTIONS = new Set(['user.mfa.okta_verify.deny_push']);
export const MFA_CHALLENGE_ACTION = 'user.authentication.auth_via_mfa';

/** Remote-control software seen in user agents, resources or process data (remote_access_tool). */
export const REMOTE_ACCESS_TOOLS: { name: string; pattern: RegExp }[] = [
  { name: 'AnyDesk', pattern: /anydesk/i },
  { name: 'TeamViewer', pattern: /teamviewer/i },
  {
    name: 'Chrome Remote Desktop',
    pattern: /chrome remote desktop|remotedesktop\.google|chromoting/i,
  },
  { name: 'RustDesk', pattern: /rustdesk/i },
  { name: 'Splashtop', pattern: /splashtop/i },
  { name: 'ScreenConnect', pattern: /screenconnect|connectwise control/i },
  { name: 'LogMeIn', pattern: /logmein/i },
  { name: 'VNC', pattern: /\b(?:real|tight|ultra|tiger)?vnc\b/i },
  { name: 'IP-KVM', pattern: /pikvm|tinypilot|jetkvm|ip-?kvm|glkvm/i },
];
