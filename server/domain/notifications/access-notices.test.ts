import { describe, expect, it } from 'vitest';
import {
  reviewAssignedNotice,
  reviewEscalationNotice,
  reviewReminderNotice,
  reviewUnassignedNotice,
  stepWaitingNotice,
} from './access-notices';
import { noticeMail } from './notice';

const base = 'https://vigil.example.com';
const step = {
  base,
  grantId: 'g-1',
  requesterName: 'Carla Compliance',
  granteeName: 'Ada Okafor',
  systemName: 'Treasury Payments',
  privilegeName: 'approve_payment',
  durationDays: 7,
  step: 'manager' as const,
  roleWide: false,
};

describe('stepWaitingNotice', () => {
  it('names the requester, grantee and system, and links the request', () => {
    const n = stepWaitingNotice(step);
    expect(n).toMatchObject({ category: 'approvals', kind: 'access.step_waiting' });
    expect(n.subject).toBe(
      "Approval needed: Ada Okafor's access to Treasury Payments · approve_payment",
    );
    expect(n.lines.join(' ')).toContain(
      'Carla Compliance requested Treasury Payments · approve_payment for Ada Okafor for 7 days.',
    );
    expect(n.lines.join(' ')).toContain('The manager step waits for you.');
    expect(n.link).toBe(`${base}/access/g-1`);
  });

  it('says when any member of a role may decide, and keeps names on one line', () => {
    const n = stepWaitingNotice({
      ...step,
      step: 'compliance',
      roleWide: true,
      granteeName: 'Ada\r\nBcc: x@evil.test',
    });
    expect(n.subject).not.toMatch(/[\r\n]/);
    expect(n.lines[1]).toContain('or another member of your role');
  });
});

describe('review notices', () => {
  const c = { base, campaignId: 'c-1', campaignName: 'Q3 review', count: 2, dueDate: '2026-06-30' };

  it('count items and link the reviewer inbox for the campaign', () => {
    expect(reviewAssignedNotice(c).subject).toBe(
      'Access review "Q3 review": 2 items to certify by 2026-06-30',
    );
    expect(reviewAssignedNotice(c).link).toBe(`${base}/reviews?campaignId=c-1`);
    expect(reviewReminderNotice({ ...c, count: 1 }).lines[0]).toContain(
      '1 item assigned to you is still undecided',
    );
    expect(reviewReminderNotice(c).category).toBe('review_items');
  });

  it('sends escalations and unassigned items as compliance alerts', () => {
    const e = reviewEscalationNotice({ ...c, reviewers: ['mona@x.test (2)'] });
    expect(e).toMatchObject({ category: 'compliance_alerts', kind: 'access_review.escalation' });
    expect(e.lines[0]).toContain('mona@x.test (2)');
    expect(reviewUnassignedNotice({ ...c, count: 1 }).subject).toBe(
      'Access review "Q3 review": 1 item needs a reviewer',
    );
  });
});

describe('noticeMail', () => {
  it('ends every message with why it was sent and both preference links', () => {
    const mail = noticeMail(stepWaitingNotice(step), 'mona@x.test', {
      unsubscribe: `${base}/unsubscribe/tok`,
      preferences: `${base}/settings/notifications`,
    });
    expect(mail).toMatchObject({
      to: 'mona@x.test',
      category: 'access.step_waiting',
      relatedType: 'access_grant',
      relatedId: 'g-1',
    });
    const lines = mail.body.split('\n');
    expect(lines).toContain(`${base}/access/g-1`);
    expect(lines).toContain(`Stop these emails: ${base}/unsubscribe/tok`);
    expect(lines).toContain(`All notification preferences: ${base}/settings/notifications`);
    expect(mail.body).toContain('"Approvals waiting on you" is on');
  });
});
