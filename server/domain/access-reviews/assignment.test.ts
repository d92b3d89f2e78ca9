import { describe, expect, it } from 'vitest';
import { assignReviewer, canReassignTo, diffCampaignItems } from './assignment';

describe('assignReviewer', () => {
  const base = {
    grantId: 'g1',
    granteeUserId: 'u-grantee',
    managerUserId: 'u-mgr',
    systemOwnerUserId: 'u-owner',
  };

  it.each([
    ['the manager first', base, { reviewerUserId: 'u-mgr', basis: 'manager' }],
    [
      'the system owner when there is no manager',
      { ...base, managerUserId: null },
      { reviewerUserId: 'u-owner', basis: 'system_owner' },
    ],
    [
      'the system owner when the manager is the grantee',
      { ...base, managerUserId: 'u-grantee' },
      { reviewerUserId: 'u-owner', basis: 'system_owner' },
    ],
    [
      'the manager when the grantee owns the system',
      { ...base, systemOwnerUserId: 'u-grantee' },
      { reviewerUserId: 'u-mgr', basis: 'manager' },
    ],
  ])('picks %s', (_, facts, expected) => {
    expect(assignReviewer(facts)).toEqual({ grantId: 'g1', ...expected });
  });

  it('never assigns the grantee, and says why nobody was assigned', () => {
    expect(
      assignReviewer({ ...base, managerUserId: null, systemOwnerUserId: 'u-grantee' }),
    ).toEqual({
      grantId: 'g1',
      reviewerUserId: null,
      reason: 'The only possible reviewer is the grantee: assign someone else',
    });
    expect(assignReviewer({ ...base, managerUserId: null, systemOwnerUserId: null })).toMatchObject(
      {
        reviewerUserId: null,
        reason: expect.stringMatching(/No manager/),
      },
    );
    expect(canReassignTo(base, 'u-grantee')).toBe(false);
    expect(canReassignTo(base, 'u-other')).toBe(true);
    expect(canReassignTo({ granteeUserId: null }, 'u-other')).toBe(true);
  });
});

describe('diffCampaignItems', () => {
  it('splits access into added, removed and unchanged by person and privilege', () => {
    const prev = [
      { id: 'a', personId: 'p1', privilegeId: 'x' },
      { id: 'b', personId: 'p2', privilegeId: 'x' },
    ];
    const cur = [
      { id: 'c', personId: 'p1', privilegeId: 'x' }, // re-issued grant: same access
      { id: 'd', personId: 'p3', privilegeId: 'y' },
    ];
    const d = diffCampaignItems(prev, cur);
    expect(d.added.map((i) => i.id)).toEqual(['d']);
    expect(d.removed.map((i) => i.id)).toEqual(['b']);
    expect(d.unchanged.map((i) => i.id)).toEqual(['c']);
    expect(diffCampaignItems([], cur).added).toHaveLength(2);
  });
});
