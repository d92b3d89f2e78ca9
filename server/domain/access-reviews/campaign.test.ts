import { describe, expect, it } from 'vitest';
import {
  daysUntilDue,
  decisionRefusal,
  duePhase,
  dueDateRefusal,
  isCampaignComplete,
  isUnused,
  modifyRefusal,
  progressOf,
  reassignRefusal,
  type DecidableItem,
} from './campaign';

const NOW = new Date('2026-03-10T12:00:00Z');
const item = (over: Partial<DecidableItem> = {}): DecidableItem => ({
  campaignStatus: 'active',
  reviewerUserId: 'mgr',
  granteeUserId: 'grantee',
  decision: null,
  remediationExecuted: false,
  ...over,
});

describe('who may decide an item', () => {
  it('lets the assigned reviewer decide and refuses other managers', () => {
    expect(decisionRefusal({ userId: 'mgr', role: 'manager' }, item(), 'keep')).toBeNull();
    expect(decisionRefusal({ userId: 'other', role: 'manager' }, item(), 'keep')).toMatchObject({
      code: 'FORBIDDEN',
      message: 'This item is assigned to another reviewer.',
    });
  });

  it('lets compliance and admins decide any item, but never their own access', () => {
    expect(decisionRefusal({ userId: 'c', role: 'compliance' }, item(), 'revoke')).toBeNull();
    expect(
      decisionRefusal({ userId: 'a', role: 'admin' }, item({ reviewerUserId: null }), 'keep'),
    ).toBeNull();
    expect(decisionRefusal({ userId: 'grantee', role: 'admin' }, item(), 'keep')?.message).toMatch(
      /own access/,
    );
    expect(
      decisionRefusal({ userId: 'mgr', role: 'manager' }, item({ granteeUserId: 'mgr' }), 'keep')
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('refuses auditors, drafts and completed campaigns', () => {
    expect(decisionRefusal({ userId: 'x', role: 'auditor' }, item(), 'keep')?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      decisionRefusal(
        { userId: 'mgr', role: 'manager' },
        item({ campaignStatus: 'completed' }),
        'keep',
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      decisionRefusal({ userId: 'mgr', role: 'manager' }, item({ campaignStatus: 'draft' }), 'keep')
        ?.message,
    ).toMatch(/not been launched/);
  });

  it('lets a decision change until the campaign completes, except an executed revocation', () => {
    const kept = item({ decision: 'keep' });
    expect(decisionRefusal({ userId: 'mgr', role: 'manager' }, kept, 'revoke')).toBeNull();
    const revoked = item({ decision: 'revoke', remediationExecuted: true });
    expect(decisionRefusal({ userId: 'mgr', role: 'manager' }, revoked, 'keep')?.message).toMatch(
      /already revoked/,
    );
    expect(decisionRefusal({ userId: 'mgr', role: 'manager' }, revoked, 'revoke')).toBeNull();
  });
});

describe('modify validation', () => {
  const current = new Date('2026-06-01T00:00:00Z');
  it('accepts an earlier date in the future', () => {
    expect(modifyRefusal('2026-04-01', current, NOW)).toBeNull();
    expect(modifyRefusal('2027-01-01', null, NOW)).toBeNull();
  });
  it('refuses today or the past, and a date not earlier than the current end', () => {
    expect(modifyRefusal('2026-03-10', current, NOW)).toMatch(/future/);
    expect(modifyRefusal('2026-06-01', current, NOW)).toMatch(
      /earlier than the current one \(2026-06-01\)/,
    );
    expect(modifyRefusal('2026-07-01', current, NOW)).toMatch(/earlier/);
  });
});

describe('reassignment', () => {
  it('refuses the grantee, auditors, inactive members and finished campaigns', () => {
    const to = { userId: 'u', role: 'manager' as const, active: true };
    expect(reassignRefusal('active', 'g', to)).toBeNull();
    expect(reassignRefusal('active', 'u', to)).toMatch(/grantee/);
    expect(reassignRefusal('active', 'g', { ...to, role: 'auditor' })).toMatch(/Auditors/);
    expect(reassignRefusal('active', 'g', { ...to, active: false })).toMatch(/active member/);
    expect(reassignRefusal('active', 'g', null)).toMatch(/active member/);
    expect(reassignRefusal('completed', 'g', to)).toMatch(/active campaign/);
  });
});

describe('completion and due dates', () => {
  it('completes when every item is decided', () => {
    expect(isCampaignComplete({ total: 3, decided: 2 })).toBe(false);
    expect(isCampaignComplete({ total: 3, decided: 3 })).toBe(true);
    expect(isCampaignComplete({ total: 0, decided: 0 })).toBe(true);
    expect(progressOf(3, 1, 1)).toEqual({ total: 3, decided: 1, overdue: 1, percent: 33 });
    expect(progressOf(0, 0).percent).toBe(100);
  });
  it('reminds within three days of the due date and escalates after it', () => {
    expect(daysUntilDue('2026-03-12', NOW)).toBe(2);
    expect(duePhase('2026-03-20', NOW)).toBe('early');
    expect(duePhase('2026-03-13', NOW)).toBe('reminder');
    expect(duePhase('2026-03-10', NOW)).toBe('reminder');
    expect(duePhase('2026-03-09', NOW)).toBe('overdue');
    expect(dueDateRefusal('2026-03-09', NOW)).toMatch(/passed/);
    expect(dueDateRefusal('2026-03-10', NOW)).toBeNull();
  });
  it('calls access unused after 90 days without events, or never used', () => {
    expect(isUnused(null, NOW)).toBe(true);
    expect(isUnused(new Date('2025-12-01T00:00:00Z'), NOW)).toBe(true);
    expect(isUnused(new Date('2026-02-01T00:00:00Z'), NOW)).toBe(false);
  });
});
