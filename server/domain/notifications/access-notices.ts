import type { StepKind } from '@/server/domain/access/approval-plan';
import { oneLine, plural, type Notice } from './notice';

const STEP_WORDS: Record<StepKind, string> = {
  manager: 'manager',
  system_owner: 'system owner',
  compliance: 'compliance',
};

export interface StepWaiting {
  base: string;
  grantId: string;
  requesterName: string;
  granteeName: string;
  systemName: string;
  privilegeName: string;
  durationDays: number | null;
  step: StepKind;
  /** The step waits for anyone holding a role, not for one named person. */
  roleWide: boolean;
}

/** An access-request step waiting on the recipient: who asked, for whom, on which system. */
export function stepWaitingNotice(s: StepWaiting): Notice {
  const access = `${s.systemName} · ${s.privilegeName}`;
  return {
    category: 'approvals',
    kind: 'access.step_waiting',
    subject: oneLine(`Approval needed: ${s.granteeName}'s access to ${access}`),
    lines: [
      `${oneLine(s.requesterName)} requested ${oneLine(access)} for ${oneLine(s.granteeName)}${
        s.durationDays ? ` for ${plural(s.durationDays, 'day')}` : ''
      }.`,
      s.roleWide
        ? `The ${STEP_WORDS[s.step]} step waits for you or another member of your role. Approve or deny it:`
        : `The ${STEP_WORDS[s.step]} step waits for you. Approve or deny it:`,
    ],
    link: `${s.base}/access/${s.grantId}`,
    related: { type: 'access_grant', id: s.grantId },
  };
}

export interface CampaignItems {
  base: string;
  campaignId: string;
  campaignName: string;
  count: number;
  dueDate: string;
}

const reviewLink = (c: { base: string; campaignId: string }, extra = '') =>
  `${c.base}/reviews?campaignId=${c.campaignId}${extra}`;

/** Launch: the items of one campaign the recipient reviews. */
export function reviewAssignedNotice(c: CampaignItems): Notice {
  return {
    category: 'review_items',
    kind: 'access_review.assigned',
    subject: oneLine(
      `Access review "${c.campaignName}": ${plural(c.count, 'item')} to certify by ${c.dueDate}`,
    ),
    lines: [
      `You are the reviewer of ${plural(c.count, 'access grant')} in the campaign "${oneLine(c.campaignName)}". Keep, revoke or shorten each by ${c.dueDate}:`,
    ],
    link: reviewLink(c),
    related: { type: 'access_review_campaign', id: c.campaignId },
  };
}

export interface ReassignedItem {
  base: string;
  campaignId: string;
  campaignName: string;
  itemId: string;
  personName: string;
  privilegeName: string;
  systemName: string;
}

/** One item handed to the recipient while the campaign runs. */
export function reviewItemAssignedNotice(i: ReassignedItem): Notice {
  return {
    category: 'review_items',
    kind: 'access_review.assigned',
    subject: oneLine(`Access review "${i.campaignName}": an item was assigned to you`),
    lines: [
      `${oneLine(i.personName)}'s ${oneLine(i.privilegeName)} access on ${oneLine(i.systemName)} is yours to review:`,
    ],
    link: reviewLink(i),
    related: { type: 'access_review_item', id: i.itemId },
  };
}

/** A few days before the due date, for the recipient's undecided items. */
export function reviewReminderNotice(c: CampaignItems): Notice {
  return {
    category: 'review_items',
    kind: 'access_review.reminder',
    subject: `Reminder: ${plural(c.count, 'access-review item')} due ${c.dueDate}`,
    lines: [
      `"${oneLine(c.campaignName)}" is due on ${c.dueDate} and ${
        c.count === 1 ? '1 item assigned to you is' : `${c.count} items assigned to you are`
      } still undecided:`,
    ],
    link: reviewLink(c),
    related: { type: 'access_review_campaign', id: c.campaignId },
  };
}

/** After the due date, to the reviewer whose items were escalated. */
export function reviewOverdueNotice(c: CampaignItems): Notice {
  return {
    category: 'review_items',
    kind: 'access_review.escalation',
    subject: `Overdue: ${plural(c.count, 'access-review item')} were due ${c.dueDate}`,
    lines: [
      `"${oneLine(c.campaignName)}" was due on ${c.dueDate}. Compliance has been told; please decide the remaining items now:`,
    ],
    link: reviewLink(c, '&status=overdue'),
    related: { type: 'access_review_campaign', id: c.campaignId },
  };
}

/** After the due date, to compliance: how many items each reviewer left undecided. */
export function reviewEscalationNotice(c: CampaignItems & { reviewers: string[] }): Notice {
  return {
    category: 'compliance_alerts',
    kind: 'access_review.escalation',
    subject: oneLine(
      `Escalation: ${plural(c.count, 'access-review item')} overdue in "${c.campaignName}"`,
    ),
    lines: [
      `"${oneLine(c.campaignName)}" was due on ${c.dueDate}. Undecided items by reviewer: ${c.reviewers.join(', ')}.`,
    ],
    link: `${c.base}/reviews/campaigns/${c.campaignId}`,
    related: { type: 'access_review_campaign', id: c.campaignId },
  };
}

/** At launch, to compliance: items nobody eligible can review. */
export function reviewUnassignedNotice(c: Omit<CampaignItems, 'dueDate'>): Notice {
  return {
    category: 'compliance_alerts',
    kind: 'access_review.unassigned',
    subject: oneLine(
      `Access review "${c.campaignName}": ${plural(c.count, 'item')} need${c.count === 1 ? 's' : ''} a reviewer`,
    ),
    lines: [
      `Nobody eligible could review ${plural(c.count, 'item')} (no manager with a login, no system owner, or only the grantee). Assign a reviewer:`,
    ],
    link: `${c.base}/reviews/campaigns/${c.campaignId}`,
    related: { type: 'access_review_campaign', id: c.campaignId },
  };
}
