import { z } from 'zod';
import { isoDay } from '@/server/domain/time';
import { allOrganizationIds, sweepOrganizationGrants } from '@/server/services/access/lifecycle';
import {
  remindAndEscalateReviews,
  verifyReviewRemediations,
} from '@/server/services/access-reviews/jobs';
import { sendAttestationReminders } from '@/server/services/attestations/reminders';
import { anchorAuditHead } from '@/server/services/audit/anchors';
import { runConnectorJob, sweepConnectors } from '@/server/services/connectors/jobs';
import { detectEvents } from '@/server/services/detectors/run';
import { runEvidencePackageJob } from '@/server/services/evidence/package-generation';
import { enqueueJob, pruneFinishedJobs } from '@/server/services/jobs/queue';
import { deliverQueuedMail } from '@/server/services/mail/delivery-job';
import { requestMailDelivery, smtpConfigured } from '@/server/services/mail/outbox';
import { noticeCriticalSignals } from '@/server/services/notifications/critical-signals';
import { sendCriticalDigests } from '@/server/services/notifications/digest-job';
import {
  dispatchOutbound,
  hasRecentOutboundEvents,
  pruneOutboundEvents,
} from '@/server/services/outbound/dispatch';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { runRetention } from '@/server/services/retention/apply';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { rescreenOrganization } from '@/server/services/screening/daily-rescreen';
import { raiseScreeningGaps } from '@/server/services/screening/gaps';
import { runIdentityReuse } from '@/server/services/screening/identity-reuse';
import {
  hasLiveSiemDestinations,
  requestSiemStream,
  runSiemStreamJob,
} from '@/server/services/siem/jobs';
import { scheduleVendorReviews } from '@/server/services/vendor-reviews/scheduler';
import { deliverDueWebhooks } from '@/server/services/webhooks/deliver';

const DETECTOR = { type: 'system' as const, id: null, label: 'detector' };

export type JobHandler = (payload: Record<string, unknown>) => Promise<unknown>;

/**
 * Every job kind and what runs it. Handlers are idempotent: the queue is at-least-once (a worker
 * that dies mid-job leaves it to be claimed again).
 */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  // Fans out one job per organization, so one tenant's failure retries alone.
  'access.sweep': async () => {
    const orgIds = await allOrganizationIds();
    const minute = new Date().toISOString().slice(0, 16);
    for (const orgId of orgIds)
      await enqueueJob(
        'access.sweep_org',
        { orgId },
        { dedupeKey: `access.sweep_org:${orgId}:${minute}` },
      );
    await pruneFinishedJobs(7);
    return { organizations: orgIds.length };
  },
  // Hourly: privileged access held by people the gate would refuse today (screening_gap).
  'screening.gaps': async () => {
    const orgIds = await allOrganizationIds();
    const hour = new Date().toISOString().slice(0, 13);
    for (const orgId of orgIds)
      await enqueueJob(
        'screening.gaps_org',
        { orgId },
        { dedupeKey: `screening.gaps_org:${orgId}:${hour}` },
      );
    return { organizations: orgIds.length };
  },
  'screening.gaps_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    const raised = await raiseScreeningGaps(orgId);
    if (raised > 0) await requestRiskRecompute(orgId);
    return { raised };
  },
  // Daily: everyone re-screened against the whole watchlist, one job per organization.
  'screening.rescreen': async () => {
    const orgIds = await allOrganizationIds();
    const day = new Date().toISOString().slice(0, 10);
    for (const orgId of orgIds)
      await enqueueJob(
        'screening.rescreen_org',
        { orgId },
        { dedupeKey: `screening.rescreen_org:${orgId}:${day}` },
      );
    return { organizations: orgIds.length };
  },
  'screening.rescreen_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    const run = await rescreenOrganization(orgId);
    if (run.newMatches > 0) await requestRiskRecompute(orgId);
    return run;
  },
  // Hourly: attestation reminders before and after the due date; past-due requests turn overdue.
  'attestations.remind': async () => {
    const orgIds = await allOrganizationIds();
    const hour = new Date().toISOString().slice(0, 13);
    for (const orgId of orgIds)
      await enqueueJob(
        'attestations.remind_org',
        { orgId },
        { dedupeKey: `attestations.remind_org:${orgId}:${hour}` },
      );
    return { organizations: orgIds.length };
  },
  'attestations.remind_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    const run = await sendAttestationReminders(orgId);
    if (run.reminded > 0) await requestMailDelivery(orgId);
    // Overdue attestations weigh in risk and the pre-access gate.
    if (run.markedOverdue > 0) await requestRiskRecompute(orgId);
    return run;
  },
  'detect.batch': async (payload) => {
    const parsed = z.object({ orgId: z.uuid(), batchId: z.uuid() }).parse(payload);
    const run = await detectEvents(parsed.orgId, { batchId: parsed.batchId }, DETECTOR);
    // Identifiers shared across people: cheap, set-based, beside the event detectors.
    await runIdentityReuse(parsed.orgId, DETECTOR);
    // docs/RISK.md §Triggers: scores are recomputed after ingest.
    await requestRiskRecompute(parsed.orgId);
    // New signals move the overview's charts: regroup them once this batch is judged.
    await enqueueJob(
      'dashboard.refresh_org',
      { orgId: parsed.orgId },
      { dedupeKey: `dashboard.refresh_org:${parsed.orgId}:${parsed.batchId}` },
    );
    // Critical signals this batch raised are mailed once its transaction committed.
    await enqueueJob(
      'notifications.signals_org',
      { orgId: parsed.orgId },
      { dedupeKey: `notifications.signals_org:${parsed.orgId}:${parsed.batchId}` },
    );
    return run;
  },
  // Every ten minutes as well, for critical signals raised outside detection (screening, reuse).
  'notifications.signals': async () => {
    const orgIds = await allOrganizationIds();
    const slot = Math.floor(Date.now() / 600_000);
    for (const orgId of orgIds)
      await enqueueJob(
        'notifications.signals_org',
        { orgId },
        { dedupeKey: `notifications.signals_org:${orgId}:${slot}` },
      );
    return { organizations: orgIds.length };
  },
  'notifications.signals_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return noticeCriticalSignals(orgId);
  },
  // Hourly: each organization's digest goes out once its local day reaches the digest hour; the
  // (member, day) row makes later runs that day send nothing (docs/NOTIFICATIONS.md §Daily digest).
  'notifications.digest': async () => {
    const orgIds = await allOrganizationIds();
    const hour = new Date().toISOString().slice(0, 13);
    for (const orgId of orgIds)
      await enqueueJob(
        'notifications.digest_org',
        { orgId },
        { dedupeKey: `notifications.digest_org:${orgId}:${hour}` },
      );
    return { organizations: orgIds.length };
  },
  'notifications.digest_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    // Claim what detection raised since the last sweep first, so the digest is complete.
    const noticed = await noticeCriticalSignals(orgId);
    return { ...noticed, ...(await sendCriticalDigests(orgId)) };
  },
  // Every ten minutes as well, for signals raised outside detection (screening, triage).
  'dashboard.refresh': async () => {
    const orgIds = await allOrganizationIds();
    const slot = Math.floor(Date.now() / 600_000);
    for (const orgId of orgIds)
      await enqueueJob(
        'dashboard.refresh_org',
        { orgId },
        { dedupeKey: `dashboard.refresh_org:${orgId}:${slot}` },
      );
    return { organizations: orgIds.length };
  },
  // Enqueued after mail is queued (SMTP only); retries with backoff, the outbox shows the error.
  'mail.deliver_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return deliverQueuedMail(orgId);
  },
  // Picks up mail whose delivery request was lost (a crash right after commit).
  'mail.sweep': async () => {
    if (!smtpConfigured()) return { skipped: 'no SMTP_URL' };
    const orgIds = await allOrganizationIds();
    for (const orgId of orgIds) await requestMailDelivery(orgId);
    return { organizations: orgIds.length };
  },
  'dashboard.refresh_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return refreshSignalDailyCounts(orgId);
  },
  'access.sweep_org': async (payload) => {
    const orgId = typeof payload.orgId === 'string' ? payload.orgId : null;
    if (!orgId) throw new Error('access.sweep_org needs an orgId');
    const swept = await sweepOrganizationGrants(orgId);
    if (Object.values(swept).some((n) => n > 0)) await requestRiskRecompute(orgId);
    return swept;
  },
  // An evidence package requested on the evidence page
  // (docs/EVIDENCE.md §Generation and downloads).
  'evidence.generate': (payload) => runEvidencePackageJob(payload),
  // Soon after review decisions: re-read the live grants their revocations ended.
  'access_review.verify_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return verifyReviewRemediations(orgId);
  },
  // Hourly: verification again (catches a grant re-activated or a lost job), then reminders before
  // the due date and escalation after it, each sent once per item.
  'access_review.sweep': async () => {
    const orgIds = await allOrganizationIds();
    const hour = new Date().toISOString().slice(0, 13);
    for (const orgId of orgIds)
      await enqueueJob(
        'access_review.sweep_org',
        { orgId },
        { dedupeKey: `access_review.sweep_org:${orgId}:${hour}` },
      );
    return { organizations: orgIds.length };
  },
  'access_review.sweep_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    const verified = await verifyReviewRemediations(orgId);
    const mailed = await remindAndEscalateReviews(orgId);
    return { ...verified, ...mailed };
  },
  'risk.recompute_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return recomputeOrgRisk(orgId);
  },
  // Daily: every org recomputed once, so decay shows and each day has a history row.
  'risk.snapshot': async () => {
    const orgIds = await allOrganizationIds();
    const day = isoDay(new Date());
    for (const orgId of orgIds)
      await enqueueJob(
        'risk.recompute_org',
        { orgId },
        { dedupeKey: `risk.recompute_org:${orgId}:snapshot:${day}` },
      );
    return { organizations: orgIds.length };
  },
  // Daily: periodic vendor reviews for vendors whose next review falls due
  // (docs/PRODUCT.md §Vendor reviews).
  'vendor_reviews.schedule': async () => {
    const orgIds = await allOrganizationIds();
    const day = isoDay(new Date());
    for (const orgId of orgIds)
      await enqueueJob(
        'vendor_reviews.schedule_org',
        { orgId },
        { dedupeKey: `vendor_reviews.schedule_org:${orgId}:${day}` },
      );
    return { organizations: orgIds.length };
  },
  'vendor_reviews.schedule_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return scheduleVendorReviews(orgId);
  },
  // Events leave through webhooks, Slack, Teams and SIEM streams (docs/INTEGRATIONS.md §Events).
  'outbound.dispatch_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return dispatchOutbound(orgId);
  },
  // Every minute: a safety net for events whose change committed after its dispatch job ran,
  // and for destinations waiting to retry.
  'outbound.sweep': async () => {
    const minute = new Date().toISOString().slice(0, 16);
    let dispatched = 0;
    for (const orgId of await allOrganizationIds()) {
      if (!(await hasRecentOutboundEvents(orgId))) continue;
      dispatched += 1;
      await enqueueJob(
        'outbound.dispatch_org',
        { orgId },
        { dedupeKey: `outbound.dispatch_org:${orgId}:sweep:${minute}`, maxAttempts: 3 },
      );
    }
    return { organizations: dispatched };
  },
  // SIEM streaming (docs/INTEGRATIONS.md §SIEM streaming): one organization's destinations.
  'siem.stream_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return runSiemStreamJob(orgId);
  },
  // Every minute, for every organization with a live destination: audit entries are written
  // everywhere, so waiting for outbound events would leave audit-only destinations behind.
  'siem.sweep': async () => {
    const minute = new Date().toISOString().slice(0, 16);
    let requested = 0;
    for (const orgId of await allOrganizationIds()) {
      if (!(await hasLiveSiemDestinations(orgId))) continue;
      requested += 1;
      await requestSiemStream(orgId, new Date(), `sweep:${minute}`);
    }
    return { organizations: requested };
  },
  // Webhook retries and redeliveries, at the time the next one falls due
  // (docs/INTEGRATIONS.md §Webhooks).
  'webhooks.deliver_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return deliverDueWebhooks(orgId);
  },
  // Daily: every organization's retention limits, whole partitions first (docs/PRIVACY.md
  // §Retention); idempotent, so a retried run deletes nothing twice.
  'retention.apply': async () => {
    const run = await runRetention();
    return {
      organizations: run.organizations.length,
      partitionsDropped: run.partitionsDropped.length,
    };
  },
  // Daily: each organization's audit chain head, signed, to a file under VIGIL_DATA_DIR and the
  // outbound stream (docs/SECURITY.md §Audit chain).
  'audit.anchor': async () => {
    const orgIds = await allOrganizationIds();
    const day = isoDay(new Date());
    for (const orgId of orgIds)
      await enqueueJob(
        'audit.anchor_org',
        { orgId },
        { dedupeKey: `audit.anchor_org:${orgId}:${day}` },
      );
    return { organizations: orgIds.length };
  },
  'audit.anchor_org': async (payload) => {
    const { orgId } = z.object({ orgId: z.uuid() }).parse(payload);
    return anchorAuditHead(orgId);
  },
  // Connectors (docs/CONNECTORS.md §Runs): every minute, queue the runs that fall due.
  'connectors.sweep': () => sweepConnectors(),
  // One pass of one connector; its outcome is recorded on the connector, never thrown.
  'connectors.run': async (payload) => {
    const { orgId, connectorId, trigger } = z
      .object({
        orgId: z.uuid(),
        connectorId: z.uuid(),
        trigger: z.enum(['schedule', 'manual']).default('schedule'),
      })
      .parse(payload);
    const run = await runConnectorJob(orgId, connectorId, trigger);
    return { outcome: run.outcome, pages: run.pages, inserted: run.inserted };
  },
  'outbound.prune': async () => {
    let pruned = 0;
    for (const orgId of await allOrganizationIds()) pruned += await pruneOutboundEvents(orgId);
    return { pruned };
  },
};

/** Recurring work: kind and period. A dedupe key per period makes two schedulers enqueue once. */
export const SCHEDULE: { kind: string; everyMs: number }[] = [
  { kind: 'access.sweep', everyMs: 60_000 },
  { kind: 'screening.gaps', everyMs: 3_600_000 },
  { kind: 'screening.rescreen', everyMs: 86_400_000 },
  { kind: 'dashboard.refresh', everyMs: 600_000 },
  { kind: 'risk.snapshot', everyMs: 86_400_000 },
  { kind: 'mail.sweep', everyMs: 900_000 },
  { kind: 'vendor_reviews.schedule', everyMs: 86_400_000 },
  { kind: 'access_review.sweep', everyMs: 3_600_000 },
  { kind: 'attestations.remind', everyMs: 3_600_000 },
  { kind: 'outbound.sweep', everyMs: 60_000 },
  { kind: 'outbound.prune', everyMs: 86_400_000 },
  { kind: 'notifications.signals', everyMs: 600_000 },
  { kind: 'notifications.digest', everyMs: 3_600_000 },
  { kind: 'siem.sweep', everyMs: 60_000 },
  { kind: 'connectors.sweep', everyMs: 60_000 },
  { kind: 'retention.apply', everyMs: 86_400_000 },
  { kind: 'audit.anchor', everyMs: 86_400_000 },
];
