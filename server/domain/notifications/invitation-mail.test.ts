import { describe, expect, it } from 'vitest';
import { invitationMail } from './invitation-mail';

const base = 'https://vigil.example.com';

describe('invitationMail', () => {
  it('carries the accept link, who invited and when it expires', () => {
    const m = invitationMail({
      base,
      invitationId: 'inv-1',
      to: 'new@x.test',
      token: 'T'.repeat(43),
      orgName: 'Acme',
      role: 'manager',
      invitedBy: 'admin@x.test',
      expiresAt: new Date('2026-05-08T10:00:00Z'),
    });
    expect(m).toMatchObject({
      to: 'new@x.test',
      subject: 'You are invited to Acme on Vigil',
      category: 'member.invitation',
      relatedType: 'invitation',
      relatedId: 'inv-1',
    });
    expect(m.body).toContain(`${base}/invite/${'T'.repeat(43)}`);
    expect(m.body).toContain('admin@x.test invited you to join Acme on Vigil as Manager.');
    expect(m.body).toContain('expires on 2026-05-08');
  });
});
