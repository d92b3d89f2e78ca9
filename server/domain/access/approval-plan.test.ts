import { describe, expect, it } from 'vitest';
import { planApprovalSteps, refuseStepDecision, type PlanFacts } from './approval-plan';

const base: PlanFacts = {
  requesterUserId: 'u-requester',
  granteeName: 'Ada Okafor',
  granteeUserId: null,
  managerUserId: 'u-manager',
  managerSource: 'manager',
  systemName: 'Treasury Payments',
  systemOwnerUserId: 'u-owner',
  sensitivity: 'high',
};

function steps(patch: Partial<PlanFacts>) {
  const plan = planApprovalSteps({ ...base, ...patch });
  if (!plan.ok) throw new Error(plan.reason);
  return plan.steps.map((s) => `${s.kind}:${s.status}:${s.approverUserId ?? s.approverRole}`);
}

describe('planApprovalSteps', () => {
  it.each<[string, Partial<PlanFacts>, string[]]>([
    ['manager then owner', {}, ['manager:pending:u-manager', 'system_owner:pending:u-owner']],
    [
      'critical adds compliance last',
      { sensitivity: 'critical' },
      [
        'manager:pending:u-manager',
        'system_owner:pending:u-owner',
        'compliance:pending:compliance',
      ],
    ],
    [
      'the manager requesting endorses by requesting',
      { requesterUserId: 'u-manager' },
      ['manager:skipped:u-manager', 'system_owner:pending:u-owner'],
    ],
    [
      'the owner requesting hands the owner step to an admin',
      { requesterUserId: 'u-owner' },
      ['manager:pending:u-manager', 'system_owner:pending:admin'],
    ],
    [
      'the owner as grantee hands the owner step to an admin',
      { granteeUserId: 'u-owner', requesterUserId: 'u-owner' },
      ['manager:pending:u-manager', 'system_owner:pending:admin'],
    ],
    [
      'manager who owns the system approves once',
      { managerUserId: 'u-owner' },
      ['manager:skipped:u-owner', 'system_owner:pending:u-owner'],
    ],
    [
      'vendor owner stands in for a missing manager',
      { managerUserId: 'u-vendor-owner', managerSource: 'vendor_owner' },
      ['manager:pending:u-vendor-owner', 'system_owner:pending:u-owner'],
    ],
  ])('%s', (_n, patch, expected) => {
    expect(steps(patch)).toEqual(expected);
  });

  it.each<[string, Partial<PlanFacts>, RegExp]>([
    ['system without owner', { systemOwnerUserId: null }, /has no owner/],
    ['person without manager', { managerUserId: null, managerSource: null }, /no manager/],
    ['self-managed grantee', { granteeUserId: 'u-manager' }, /own approving manager/],
  ])('refuses: %s', (_n, patch, reason) => {
    const plan = planApprovalSteps({ ...base, ...patch });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(reason);
  });
});

describe('refuseStepDecision', () => {
  const named = {
    kind: 'system_owner' as const,
    approverUserId: 'u-owner',
    approverRole: null,
    approverLabel: 'owner@acme.test',
  };
  const byRole = {
    kind: 'compliance' as const,
    approverUserId: null,
    approverRole: 'compliance' as const,
    approverLabel: 'a compliance officer',
  };
  const grant = { requesterUserId: 'u-requester', granteeUserId: 'u-grantee' };
  it.each<[string, typeof named | typeof byRole, string, string, string[], RegExp | null]>([
    ['named approver decides', named, 'u-owner', 'manager', [], null],
    ['someone else cannot', named, 'u-other', 'admin', [], /waits for owner@acme.test/],
    ['any compliance officer decides a role step', byRole, 'u-c', 'compliance', [], null],
    ['an admin is not compliance', byRole, 'u-a', 'admin', [], /waits for a compliance officer/],
    ['the grantee never approves', byRole, 'u-grantee', 'compliance', [], /to themselves/],
    ['the requester never approves', byRole, 'u-requester', 'compliance', [], /own request/],
    ['one person, one step', byRole, 'u-c', 'compliance', ['u-c'], /earlier step/],
  ])('%s', (_n, step, userId, role, earlier, expected) => {
    const out = refuseStepDecision(step, { userId, role: role as 'admin' }, grant, earlier);
    if (expected === null) expect(out).toBeNull();
    else expect(out).toMatch(expected);
  });
});
