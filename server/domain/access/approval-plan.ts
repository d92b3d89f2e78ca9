import type { Sensitivity } from '@/server/domain/inventory/system';
import type { Role } from '@/server/domain/tenancy/roles';

// docs/PRODUCT.md §Approval chain: the grantee's manager, then the system owner; critical
// privileges need one more approver from compliance. Nobody approves their own request or a
// grant to themselves, and no one decides two steps of one request.
export const STEP_KINDS = ['manager', 'system_owner', 'compliance'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_STATUSES = ['pending', 'approved', 'denied', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface PlannedStep {
  kind: StepKind;
  /** A named approver, or (when null) any member holding approverRole. */
  approverUserId: string | null;
  approverRole: Role | null;
  status: 'pending' | 'skipped';
  note: string | null;
}

export interface PlanFacts {
  requesterUserId: string;
  granteeName: string;
  granteeUserId: string | null;
  /** The grantee's manager's account, else (vendor staff) the vendor's internal owner. */
  managerUserId: string | null;
  managerSource: 'manager' | 'vendor_owner' | null;
  systemName: string;
  systemOwnerUserId: string | null;
  sensitivity: Sensitivity;
}

export type ApprovalPlan = { ok: true; steps: PlannedStep[] } | { ok: false; reason: string };

export function planApprovalSteps(f: PlanFacts): ApprovalPlan {
  if (f.systemOwnerUserId === null)
    return {
      ok: false,
      reason: `${f.systemName} has no owner: an admin must name one before access can be requested.`,
    };
  if (f.managerUserId === null)
    return {
      ok: false,
      reason: `${f.granteeName} has no manager with a Vigil account (nor a vendor owner): set their manager first.`,
    };
  if (f.managerUserId === f.granteeUserId)
    return { ok: false, reason: `${f.granteeName} cannot be their own approving manager.` };

  const steps: PlannedStep[] = [];
  const ownerConflicted =
    f.systemOwnerUserId === f.requesterUserId || f.systemOwnerUserId === f.granteeUserId;
  if (f.managerUserId === f.requesterUserId)
    steps.push({
      kind: 'manager',
      approverUserId: f.managerUserId,
      approverRole: null,
      status: 'skipped',
      note: 'Requested by the manager: the request is their endorsement.',
    });
  else if (f.managerUserId === f.systemOwnerUserId && !ownerConflicted)
    steps.push({
      kind: 'manager',
      approverUserId: f.managerUserId,
      approverRole: null,
      status: 'skipped',
      note: 'The manager also owns the system and approves once, as owner.',
    });
  else
    steps.push({
      kind: 'manager',
      approverUserId: f.managerUserId,
      approverRole: null,
      status: 'pending',
      note:
        f.managerSource === 'vendor_owner'
          ? 'Vendor relationship owner, in place of a manager.'
          : null,
    });

  steps.push(
    ownerConflicted
      ? {
          kind: 'system_owner',
          approverUserId: null,
          approverRole: 'admin',
          status: 'pending',
          note: `The owner of ${f.systemName} is party to this request, so an admin approves instead.`,
        }
      : {
          kind: 'system_owner',
          approverUserId: f.systemOwnerUserId,
          approverRole: null,
          status: 'pending',
          note: null,
        },
  );
  if (f.sensitivity === 'critical')
    steps.push({
      kind: 'compliance',
      approverUserId: null,
      approverRole: 'compliance',
      status: 'pending',
      note: 'Critical privilege: a compliance officer approves last.',
    });
  return { ok: true, steps };
}

export interface StepForDecision {
  kind: StepKind;
  approverUserId: string | null;
  approverRole: Role | null;
  approverLabel: string;
}

export interface Decider {
  userId: string;
  role: Role;
}

/** Why `decider` may not decide `step` now, or null when they may. */
export function refuseStepDecision(
  step: StepForDecision,
  decider: Decider,
  grant: { requesterUserId: string | null; granteeUserId: string | null },
  earlierDeciders: readonly string[],
): string | null {
  if (grant.granteeUserId !== null && decider.userId === grant.granteeUserId)
    return 'Nobody approves a grant to themselves.';
  if (grant.requesterUserId !== null && decider.userId === grant.requesterUserId)
    return 'Nobody approves their own request.';
  if (earlierDeciders.includes(decider.userId))
    return 'You already decided an earlier step of this request; another person must decide this one.';
  if (step.approverUserId !== null && step.approverUserId !== decider.userId)
    return `This step waits for ${step.approverLabel}.`;
  if (step.approverUserId === null && step.approverRole !== decider.role)
    return `This step waits for ${step.approverLabel}.`;
  return null;
}
