import { describe, expect, it } from 'vitest';
import { scorePerson } from './person-score';
import { DEFAULT_RISK_WEIGHTS as W } from './weights';
import { riskHeadline, shortDay, signalSummary, watchlistDetail } from './wording';

const NOW = new Date('2025-12-06T12:00:00Z');
const rowsOf = (s: ReturnType<typeof scorePerson>) =>
  s.factors.map((f) => ({ ...f, evidenceDetail: f.evidence.detail }));

describe('signalSummary', () => {
  it('says how long after the end date access was used', () => {
    expect(
      signalSummary('access_after_termination', { day: '2025-12-04', endDate: '2025-11-30' }, NOW),
    ).toBe('used access 4 days after the end date (30 Nov)');
    expect(signalSummary('access_after_termination', { day: '2025-12-04', endDate: '' }, NOW)).toBe(
      'used access on 4 Dec, after the vendor was offboarded',
    );
  });

  it('names the privilege and system of a change outside the workflow', () => {
    expect(
      signalSummary('privilege_change_outside_workflow', {
        action: 'AttachUserPolicy',
        privilege: 'AdministratorAccess',
        system: 'AWS',
      }),
    ).toBe('AttachUserPolicy granting AdministratorAccess on AWS outside the access workflow');
  });

  it('describes travel, MFA, chains, and falls back to the kind for thin stats', () => {
    expect(
      signalSummary('impossible_travel', {
        fromCountry: 'DE',
        toCountry: 'SG',
        distanceKm: 10123,
        minutes: 45,
      }),
    ).toBe('impossible travel (DE → SG): 10,123 km in 45 minutes');
    expect(signalSummary('mfa_tampering', { cause: 'tamper' })).toBe(
      'MFA factor removed or reset, then access',
    );
    expect(
      signalSummary('incident_chain', {
        parts: [{ kind: 'mfa_tampering' }, { kind: 'bulk_record_access' }],
      }),
    ).toBe('a chain of 2 linked events (MFA tampering, bulk record access)');
    expect(signalSummary('impossible_travel', {})).toBe('impossible travel');
    expect(signalSummary('off_hours', {})).toBe('off hours');
  });
});

describe('riskHeadline', () => {
  it('says what holds a person at high, and since when it is untriaged', () => {
    const s = scorePerson(
      {
        signals: [
          {
            id: 's1',
            kind: 'access_after_termination',
            severity: 'high',
            status: 'open',
            windowEnd: new Date('2025-12-04T18:00:00Z'),
            raisedAt: new Date('2025-12-05T01:00:00Z'),
            summary: 'used access 4 days after the end date (30 Nov)',
          },
        ],
      },
      W,
      NOW,
    );
    expect(s.band).toBe('high');
    const h = riskHeadline(s, rowsOf(s));
    expect(h.headline).toBe(
      'Held at high: used access 4 days after the end date (30 Nov); untriaged since 5 Dec',
    );
    expect(h.reasons[0]).toBe(
      'Used access 4 days after the end date (30 Nov); untriaged since 5 Dec',
    );
    expect(h.reasons.join(' ')).not.toMatch(/[a-z]+_[a-z]+/); // no raw keys
  });

  it('says critical for an open strong watchlist match', () => {
    const s = scorePerson(
      {
        screening: {
          identityVerified: true,
          backgroundCheck: 'clear',
          watchlistMatches: [
            {
              id: 'm',
              status: 'open',
              strongIdentifiers: ['phone:+15550100'],
              since: new Date('2025-12-03T09:00:00Z'),
            },
          ],
        },
      },
      W,
      NOW,
    );
    expect(riskHeadline(s, rowsOf(s)).headline).toBe(
      'Critical: open watchlist match on phone +15550100, not reviewed since 3 Dec',
    );
  });

  it('names the band and the largest reason otherwise', () => {
    const s = scorePerson(
      {
        signals: [
          {
            id: 's1',
            kind: 'bulk_record_access',
            severity: 'high',
            status: 'open',
            windowEnd: NOW,
          },
        ],
      },
      W,
      NOW,
    );
    expect(riskHeadline(s, rowsOf(s)).headline).toBe(
      'Low: mostly bulk record access (high, untriaged), today',
    );
    expect(riskHeadline({ bribery: 0, compromise: 0 }, []).headline).toBe(
      'Low: nothing adds to either score.',
    );
    expect(riskHeadline(null, []).headline).toBe('Not scored yet.');
  });
});

describe('dates and identifiers', () => {
  it('gives the year only when it is not this year', () => {
    expect(shortDay(new Date('2025-11-30T00:00:00Z'), NOW)).toBe('30 Nov');
    expect(shortDay(new Date('2024-11-30T00:00:00Z'), NOW)).toBe('30 Nov 2024');
  });

  it('words a watchlist match by what it matched on', () => {
    expect(watchlistDetail({ status: 'open', strongIdentifiers: [] }, NOW)).toBe(
      'open watchlist match on name, not reviewed yet',
    );
    expect(watchlistDetail({ status: 'confirmed', strongIdentifiers: ['wallet:0xabc'] }, NOW)).toBe(
      'confirmed watchlist match on wallet 0xabc',
    );
  });
});

describe('reasons', () => {
  it('names a signal that counts for both scores once', () => {
    const s = scorePerson(
      {
        signals: [
          {
            id: 's1',
            kind: 'bulk_record_access',
            severity: 'high',
            status: 'open',
            windowEnd: NOW,
          },
          { id: 's2', kind: 'volume_spike', severity: 'low', status: 'open', windowEnd: NOW },
        ],
        activeGrants: [{ id: 'g', sensitivity: 'critical' }],
      },
      W,
      NOW,
    );
    const { reasons } = riskHeadline(s, rowsOf(s));
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(reasons[0]).toBe('Bulk record access (high, untriaged), today');
    expect(reasons.some((r) => r.startsWith('Evidence weighs'))).toBe(false);
  });
});

describe('identity reuse in words', () => {
  const NOW_ = new Date('2026-12-07T12:00:00Z');
  it('says what is shared and with how many, or that a watchlist entry holds it', () => {
    expect(
      signalSummary(
        'identity_reuse',
        { identifierKind: 'phone', sharedWith: [{ personId: 'p2', type: 'candidate' }] },
        NOW_,
      ),
    ).toBe('shares a phone with 1 other person');
    expect(
      signalSummary(
        'identity_reuse',
        { identifierKind: 'address', sharedWith: [], watchlistEntryIds: ['w1'] },
        NOW_,
      ),
    ).toBe('uses a shipping address that is on a watchlist entry');
    expect(signalSummary('identity_reuse', {}, NOW_)).toBe(
      'shares an identifier with someone else',
    );
  });
});
