import { z } from 'zod';
import { SENSITIVITIES, type Sensitivity } from '../inventory/system';
import type { Role } from '../tenancy/roles';
import { isoDay } from '../time';

// docs/PRODUCT.md §Access reviews.
export const CAMPAIGN_STATUSES = ['draft', 'active', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const ITEM_STATUSES = ['pending', 'decided'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const REVIEW_DECISIONS = ['keep', 'revoke', 'modify'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
/** Why the item went to its reviewer; `fallback` = nobody eligible, compliance must assign one. */
export const REVIEWER_BASES = ['manager', 'system_owner', 'fallback', 'reassigned'] as const;
export type ReviewerBasisStored = (typeof REVIEWER_BASES)[number];
export const VERIFICATION_RESULTS = ['gone', 'shortened', 'still_active'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/** Reminders go out this many days before the due date (once per item). */
export const REMINDER_DAYS_BEFORE_DUE = 3;
/** No events on the system for this long counts as unused access. */
export const UNUSED_AFTER_DAYS = 90;

const DAY_MS = 86_400_000;

export const campaignScopeSchema = z.object({
  systemIds: z.array(z.uuid()).max(200, 'At most 200 systems').default([]),
  vendorIds: z.array(z.uuid()).max(200, 'At most 200 vendors').default([]),
  minSensitivity: z.enum(SENSITIVITIES).default('low'),
});
export type CampaignScope = z.output<typeof campaignScopeSchema>;

/** Decisions shown in a campaign's history (newest first); all of them go into evidence. */
export const CAMPAIGN_HISTORY_SHOWN = 200;

/** Sensitivity rank, for "at least this sensitive" scopes. */
export function sensitivityRank(s: Sensitivity): number {
  return SENSITIVITIES.indexOf(s);
}

export function dueDateRefusal(dueDate: string, now: Date): string | null {
  const today = isoDay(now);
  return dueDate < today ? 'The due date has passed: choose today or a later date.' : null;
}

export interface DecidableItem {
  campaignStatus: CampaignStatus;
  reviewerUserId: string | null;
  granteeUserId: string | null;
  /** The current decision, if any, and whether its revocation already ran. */
  decision: ReviewDecision | null;
  remediationExecuted: boolean;
}

/**
 * Who may decide an item (docs/PRODUCT.md §Access reviews): the assigned reviewer; compliance
 * officers and admins, who run the campaign, for any item; nobody for their own access; nothing
 * once the campaign is completed, and a revocation that already ran stays (access is requested
 * again).
 */
export function decisionRefusal(
  actor: { userId: string; role: Role },
  item: DecidableItem,
  next: ReviewDecision,
): Refusal | null {
  const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message });
  const conflict = (message: string): Refusal => ({ code: 'CONFLICT', message });
  if (actor.role === 'auditor')
    return forbidden('Auditors read campaigns; they do not decide items.');
  if (item.campaignStatus !== 'active')
    return conflict(
      item.campaignStatus === 'completed'
        ? 'This campaign is completed: its decisions are final.'
        : 'This campaign has not been launched yet.',
    );
  if (item.granteeUserId === actor.userId) return forbidden('Nobody reviews their own access.');
  const runsCampaign = actor.role === 'admin' || actor.role === 'compliance';
  if (!runsCampaign && item.reviewerUserId !== actor.userId)
    return forbidden('This item is assigned to another reviewer.');
  if (item.decision === 'revoke' && item.remediationExecuted && next !== 'revoke')
    return conflict(
      'This grant was already revoked by an earlier decision; request the access again instead.',
    );
  return null;
}

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT';
  message: string;
}

/** Modify shortens a grant: the new end is after today and before its current end. */
export function modifyRefusal(
  expiresOn: string,
  currentExpiresAt: Date | null,
  now: Date,
): string | null {
  const end = new Date(`${expiresOn}T00:00:00.000Z`);
  if (end.getTime() <= now.getTime())
    return 'The new end date must be in the future (use revoke to end access now).';
  if (currentExpiresAt && end.getTime() >= currentExpiresAt.getTime())
    return `The new end date must be earlier than the current one (${isoDay(currentExpiresAt)}).`;
  return null;
}

/** Reassignment is for compliance and admins, while the campaign runs, and never to the grantee. */
export function reassignRefusal(
  campaignStatus: CampaignStatus,
  granteeUserId: string | null,
  to: { userId: string; role: Role; active: boolean } | null,
): string | null {
  if (campaignStatus !== 'active') return 'Only items of an active campaign can be reassigned.';
  if (!to || !to.active) return 'Choose an active member of this organization.';
  if (to.role === 'auditor') return 'Auditors cannot review access; choose another member.';
  if (to.userId === granteeUserId) return 'The grantee cannot review their own access.';
  return null;
}

export interface Progress {
  total: number;
  decided: number;
  overdue: number;
  percent: number;
}

export function progressOf(total: number, decided: number, overdue = 0): Progress {
  return {
    total,
    decided,
    overdue,
    percent: total === 0 ? 100 : Math.floor((decided / total) * 100),
  };
}

/** A campaign closes when every item is decided (docs/PRODUCT.md §Access reviews). */
export function isCampaignComplete(p: { total: number; decided: number }): boolean {
  return p.decided >= p.total;
}

/** Days until the due date (negative once passed), counted in whole UTC days. */
export function daysUntilDue(dueDate: string, now: Date): number {
  const due = Date.parse(`${dueDate}T00:00:00.000Z`);
  const today = Date.parse(`${isoDay(now)}T00:00:00.000Z`);
  return Math.round((due - today) / DAY_MS);
}

export type DuePhase = 'early' | 'reminder' | 'overdue';

/** Where an open item stands against its due date: remind shortly before, escalate after. */
export function duePhase(dueDate: string, now: Date): DuePhase {
  const d = daysUntilDue(dueDate, now);
  if (d < 0) return 'overdue';
  if (d <= REMINDER_DAYS_BEFORE_DUE) return 'reminder';
  return 'early';
}

/** Whole days since the last event, or null when there is none (never used). */
export function daysSince(at: Date | null, now: Date): number | null {
  if (!at) return null;
  return Math.floor((now.getTime() - at.getTime()) / DAY_MS);
}

export function isUnused(lastActivity: Date | null, now: Date): boolean {
  const d = daysSince(lastActivity, now);
  return d === null || d >= UNUSED_AFTER_DAYS;
}

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  keep: 'Keep',
  revoke: 'Revoke',
  modify: 'Shorten',
};

export const BASIS_LABELS: Record<ReviewerBasisStored, string> = {
  manager: 'Manager',
  system_owner: 'System owner',
  fallback: 'Needs a reviewer',
  reassigned: 'Reassigned',
};
