import { describe, expect, it } from 'vitest';
import { lastAdminGuard, type MemberState } from './roles';

const members: MemberState[] = [
  { userId: 'a', role: 'admin', status: 'active' },
  { userId: 'b', role: 'admin', status: 'disabled' },
  { userId: 'c', role: 'manager', status: 'active' },
];

describe('lastAdminGuard', () => {
  it.each([
    ['demoting the only active admin', { userId: 'a', role: 'manager' as const }, true],
    ['disabling the only active admin', { userId: 'a', status: 'disabled' as const }, true],
    ['changing a manager', { userId: 'c', role: 'auditor' as const }, false],
    ['promoting a manager to admin', { userId: 'c', role: 'admin' as const }, false],
    ['re-enabling a disabled admin', { userId: 'b', status: 'active' as const }, false],
  ])('%s', (_label, change, refused) => {
    expect(lastAdminGuard(members, change) !== null).toBe(refused);
  });

  it('allows demoting one admin when another active admin remains', () => {
    const two: MemberState[] = [...members, { userId: 'd', role: 'admin', status: 'active' }];
    expect(lastAdminGuard(two, { userId: 'a', role: 'auditor' })).toBeNull();
  });
});
