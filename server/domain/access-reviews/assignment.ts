/**
 * Who certifies each item of an access-review campaign (docs/PRODUCT.md §Access reviews): the
 * grantee's manager, else the system owner; never the grantee themselves, and never someone who is
 * both reviewer and subject. Pure: the service passes the facts it loaded.
 */
export interface ReviewItemFacts {
  grantId: string;
  /** The grantee's own user account in this organization, when they have one. */
  granteeUserId: string | null;
  /** The user account of the grantee's manager (a person with a login), when known. */
  managerUserId: string | null;
  systemOwnerUserId: string | null;
}

export type ReviewerBasis = 'manager' | 'system_owner';

export type ReviewerAssignment =
  | { grantId: string; reviewerUserId: string; basis: ReviewerBasis }
  | { grantId: string; reviewerUserId: null; reason: string };

export function assignReviewer(item: ReviewItemFacts): ReviewerAssignment {
  const candidates: [string | null, ReviewerBasis][] = [
    [item.managerUserId, 'manager'],
    [item.systemOwnerUserId, 'system_owner'],
  ];
  for (const [userId, basis] of candidates)
    if (userId && userId !== item.granteeUserId)
      return { grantId: item.grantId, reviewerUserId: userId, basis };
  return {
    grantId: item.grantId,
    reviewerUserId: null,
    reason:
      item.managerUserId || item.systemOwnerUserId
        ? 'The only possible reviewer is the grantee: assign someone else'
        : 'No manager with a login and no system owner: assign a reviewer',
  };
}

/** A reassignment is allowed to anyone but the grantee. */
export function canReassignTo(item: Pick<ReviewItemFacts, 'granteeUserId'>, userId: string) {
  return userId !== item.granteeUserId;
}

export interface CampaignItemKey {
  personId: string;
  privilegeId: string;
}

export interface CampaignDiff<T extends CampaignItemKey> {
  added: T[];
  removed: T[];
  unchanged: T[];
}

/**
 * New / removed / unchanged access since the last completed campaign, by person × privilege
 * (a grant re-issued under a new id is the same access).
 */
export function diffCampaignItems<T extends CampaignItemKey>(
  previous: readonly T[],
  current: readonly T[],
): CampaignDiff<T> {
  const key = (i: CampaignItemKey) => `${i.personId}|${i.privilegeId}`;
  const before = new Set(previous.map(key));
  const now = new Set(current.map(key));
  return {
    added: current.filter((i) => !before.has(key(i))),
    removed: previous.filter((i) => !now.has(key(i))),
    unchanged: current.filter((i) => before.has(key(i))),
  };
}
