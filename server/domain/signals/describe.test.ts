import { describe, expect, it } from 'vitest';
import type { PeerBaseline } from '../detectors/baseline';
import { detectBulkRecordAccess } from '../detectors/bulk-record-access';
import { baselineOf, ev, history, org, person } from '../detectors/test-helpers';
import { SIGNAL_KINDS, type SignalKind } from '../detectors/types';
import { detectVolumeSpike } from '../detectors/volume-spike';
import { describeSignal, hasPresenter } from './describe';
import type { Stats } from './facts';

// Stats as each detector or product feature stores them (server/domain/detectors/*.ts,
// server/services/screening, server/services/attestations).
const SAMPLES: Record<SignalKind, { severity: string; stats: Stats; explanation?: string }> = {
  off_hours: {
    severity: 'medium',
    stats: {
      day: '2026-09-17',
      events: 5,
      sensitiveEvents: 2,
      sensitiveRecords: 340,
      baselineShare: 0.004,
      baselineEvents: 1200,
      timezone: 'Asia/Manila',
      evidenceEvents: 5,
    },
  },
  new_country: {
    severity: 'high',
    stats: {
      country: 'NL',
      events: 12,
      declaredCountry: 'PH',
      baselineCountries: 1,
      highRisk: 1,
      evidenceEvents: 12,
    },
  },
  impossible_travel: {
    severity: 'high',
    stats: {
      distanceKm: 10_400,
      minutes: 45,
      speedKmh: 13_867,
      fromCountry: 'PH',
      toCountry: 'NL',
      evidenceEvents: 2,
    },
  },
  anonymizing_network: {
    severity: 'high',
    stats: {
      day: '2026-09-17',
      events: 4,
      sensitiveEvents: 1,
      distinctIps: 2,
      baselineProxyShare: 0.02,
      evidenceEvents: 4,
    },
  },
  timezone_mismatch: {
    severity: 'medium',
    stats: {
      events: 1400,
      declaredOffset: 'UTC+08:00',
      declaredFit: 0.2,
      bestOffset: 'UTC+03:00',
      bestFit: 0.82,
      evidenceEvents: 40,
    },
  },
  volume_spike: {
    severity: 'high',
    stats: {
      day: '2026-09-17',
      records: 412,
      ownMedian: 44,
      ownMad: 2,
      robustZ: 124.1,
      peersP99: 96,
      peerGroupSize: 12,
      evidenceEvents: 4,
    },
  },
  bulk_record_access: {
    severity: 'high',
    stats: { day: '2026-09-17', distinctRecords: 240, events: 240, windowMinutes: 60 },
  },
  access_without_ticket: {
    severity: 'medium',
    stats: {
      day: '2026-09-17',
      unticketed: 14,
      sensitive: 20,
      rate: 0.7,
      ownRate: 0.05,
      peersP90: 0.12,
      evidenceEvents: 14,
    },
  },
  access_without_grant: {
    severity: 'high',
    stats: { system: 'Payments', day: '2026-09-17', events: 3, sensitiveEvents: 2 },
  },
  access_after_termination: {
    severity: 'critical',
    stats: {
      day: '2026-09-17',
      successes: 3,
      failures: 1,
      sensitiveEvents: 2,
      endDate: '2026-09-10',
    },
  },
  dormant_account_use: {
    severity: 'medium',
    stats: {
      silentDays: 61,
      lastSeen: '2026-07-18T09:12:00.000Z',
      eventsFirstDay: 7,
      sensitiveEvents: 0,
    },
  },
  shared_infrastructure: {
    severity: 'critical',
    stats: {
      people: 3,
      declaredLocations: 'GB,PH,US',
      otherPeople: '8c1b6c0e-0000-4000-8000-000000000001,8c1b6c0e-0000-4000-8000-000000000002',
      events: 9,
    },
  },
  remote_access_tool: {
    severity: 'high',
    stats: { tool: 'AnyDesk', day: '2026-09-17', events: 1 },
  },
  privilege_change_outside_workflow: {
    severity: 'critical',
    stats: {
      action: 'iam.amazonaws.com:AttachUserPolicy',
      privilege: 'arn:aws:iam::aws:policy/AdministratorAccess',
      system: 'AWS production',
      activeGrantsOnSystem: 0,
    },
  },
  mfa_tampering: {
    severity: 'high',
    stats: { cause: 'push', triggers: 4, accessEvents: 6, sensitiveEvents: 0 },
  },
  credential_outside_workflow: {
    severity: 'critical',
    stats: {
      credential: 'deploy_key',
      action: 'deploy_key.create',
      target: 'acme/core',
      activeGrantsOnSystem: 0,
    },
  },
  repository_exposure: {
    severity: 'critical',
    stats: {
      repository: 'acme/core',
      exposure: 'made public',
      action: 'repo.access',
      activeGrantsOnSystem: 1,
    },
  },
  security_control_disabled: {
    severity: 'critical',
    stats: {
      day: '2026-09-17',
      controls: 'push protection, secret scanning',
      changes: 2,
      unapprovedChanges: 2,
      targets: 'acme/core',
    },
  },
  workflow_runs_deleted: {
    severity: 'high',
    stats: { day: '2026-09-17', runs: 6, repositories: 'acme/core', approvedRuns: 0 },
  },
  code_exfiltration: {
    severity: 'high',
    stats: {
      day: '2026-09-17',
      repositories: 48,
      pulls: 52,
      archives: 3,
      usualRepositories: 3,
      threshold: 12,
      baseline: 'mature',
      sampleRepositories: 'acme/api, acme/core',
    },
  },
  ticket_mismatch: {
    severity: 'high',
    stats: {
      day: '2026-09-17',
      mismatched: 6,
      lookups: 8,
      share: 0.75,
      records: 6,
      tickets: 1,
      firstTicket: 'SUP-1042',
      firstRecord: 'C-90',
      mismatches: [
        {
          ticket: 'SUP-1042',
          about: ['C-77'],
          aboutCount: 1,
          opened: 'C-90',
          at: '2026-09-17T10:02:00.000Z',
        },
      ],
      evidenceEvents: 6,
    },
  },
  identity_reuse: {
    severity: 'high',
    stats: {
      identifierKind: 'phone',
      value: '+16465550187',
      holders: 2,
      sharedWith: [{ personId: '8c1b6c0e-0000-4000-8000-000000000005', type: 'candidate' }],
      watchlistEntryIds: [],
    },
  },
  incident_chain: {
    severity: 'critical',
    stats: {
      story: 'remote_exfiltration',
      roles: 'remote,foreign,exfil',
      parts: [
        {
          signalId: '8c1b6c0e-0000-4000-8000-000000000006',
          kind: 'remote_access_tool',
          severity: 'high',
          dedupeKey: 'remote_access_tool:p1:2026-10-01',
          windowStart: '2026-10-01T02:10:00.000Z',
          windowEnd: '2026-10-01T02:10:00.000Z',
          roles: ['remote'],
        },
        {
          kind: 'bulk_record_access',
          severity: 'critical',
          dedupeKey: 'bulk_record_access:p1:e9',
          windowStart: '2026-10-01T02:40:00.000Z',
          roles: ['exfil'],
        },
      ],
      evidenceEvents: 4,
    },
  },
  watchlist_match: {
    severity: 'medium',
    stats: { entry: 'Ivan Petrov', source: 'OFAC SDN', similarity: 0.93 },
  },
  attestation_disclosure: {
    severity: 'high',
    stats: {
      attestationRequestId: '8c1b6c0e-0000-4000-8000-000000000003',
      campaignId: '8c1b6c0e-0000-4000-8000-000000000004',
      campaign: 'Anti-bribery 2026',
      disclosed: 'offer, conflict',
    },
  },
  screening_gap: {
    severity: 'high',
    stats: { privilegedGrants: 2, criticalGrants: 1, reasons: 'never_screened, vendor_not_active' },
  },
};

const looksLikeKey = (text: string, keys: string[]) =>
  keys.filter((k) => /[A-Z]|_/.test(k) && text.includes(k));

describe('describeSignal', () => {
  it.each(SIGNAL_KINDS.map((k) => [k]))(
    '%s: a severity sentence and readable facts, no stat keys',
    (kind) => {
      const { severity, stats, explanation } = SAMPLES[kind];
      const d = describeSignal(kind, severity, stats, explanation);
      const level = severity.charAt(0).toUpperCase() + severity.slice(1);
      expect(d.headline.startsWith(`${level}: `)).toBe(true);
      expect(d.headline.length).toBeGreaterThan(level.length + 10);
      expect(d.facts.length).toBeGreaterThan(0);
      const keys = Object.keys(stats);
      const shown = [d.headline, ...d.facts.flatMap((f) => [f.label, f.value])].join(' | ');
      expect(looksLikeKey(shown, keys)).toEqual([]);
      expect(shown).not.toMatch(/undefined|null|NaN|\[object/);
      // Ids are never shown as facts.
      expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      for (const f of d.facts) expect(f.label).not.toBe(f.value);
    },
  );

  it('has a presenter for every detector and product kind; none is generic', () => {
    const generic = SIGNAL_KINDS.filter((k) => !hasPresenter(k));
    expect(generic).toEqual([]);
    for (const kind of SIGNAL_KINDS) {
      const { severity, stats, explanation } = SAMPLES[kind];
      expect(describeSignal(kind, severity, stats, explanation).generic).toBe(false);
    }
  });

  it('volume_spike, from the detector: ratio to the own median and the peers’ p99 (high)', () => {
    const p = person({ timezone: 'Asia/Manila' });
    const b = baselineOf(history({ days: 20, perDay: 4, records: 11 }), p);
    const peers: PeerBaseline = {
      key: 'g',
      size: 12,
      dailyRecordsMedian: 40,
      dailyRecordsP99: 96,
      noTicketRateMedian: 0,
      noTicketRateP90: 0.1,
    };
    const events = [0, 1, 2, 3].map((i) => ev({ at: `2026-09-17T0${i}:10:00Z`, recordCount: 103 }));
    const [s] = detectVolumeSpike(events, p, b, peers, org());
    const d = describeSignal(s!.kind, s!.severity, s!.stats);
    expect(d.headline).toBe(
      'High: 412 records on Thu 17 Sep — 9.4× this person’s usual day (median 44) and above the busiest 1% of peer days (96, 12 people in the group)',
    );
    expect(d.facts).toContainEqual({ label: 'Peers’ busiest 1% of days (p99)', value: '96' });
    expect(d.facts).toContainEqual({ label: 'Day (their time zone)', value: 'Thu 17 Sep 2026' });
  });

  it('volume_spike without peers says why it stays medium', () => {
    const d = describeSignal('volume_spike', 'medium', {
      day: '2026-09-17',
      records: 3120,
      ownMedian: 6,
      ownMad: 0,
      robustZ: 2100.4,
    });
    expect(d.headline).toBe(
      'Medium: 3,120 records on Thu 17 Sep — 520× this person’s usual day (median 6); no peer group of 5 or more to compare with, so it stays medium',
    );
  });

  it('bulk export: critical because of sensitivity, or because of 10× the threshold', () => {
    const [sensitive] = detectBulkRecordAccess(
      [
        ev({
          at: '2026-09-17T02:00:00Z',
          action: 'customer.export',
          recordCount: 3120,
          sensitive: true,
        }),
      ],
      person(),
      baselineOf([], person()),
      null,
      org(),
    );
    expect(
      describeSignal('bulk_record_access', sensitive!.severity, sensitive!.stats).headline,
    ).toBe(
      'Critical: One export of 3,120 records (customer.export), over the 1,000-record export threshold and of sensitive records',
    );
    expect(
      describeSignal('bulk_record_access', 'critical', {
        records: 12_000,
        action: 'db.dump',
        threshold: 1000,
      }).headline,
    ).toContain('10× or more the 1,000-record export threshold');
    expect(
      describeSignal('bulk_record_access', 'high', {
        records: 1500,
        action: 'report.download',
        threshold: 1000,
      }).headline,
    ).toBe(
      'High: One export of 1,500 records (report.download), over the 1,000-record export threshold',
    );
  });

  it('bulk window: high above the threshold, critical at 5×', () => {
    expect(
      describeSignal('bulk_record_access', 'high', SAMPLES.bulk_record_access.stats).headline,
    ).toBe(
      'High: 240 distinct sensitive records within 60 minutes on Thu 17 Sep — above the bulk threshold of 200 (critical at 1,000)',
    );
    expect(
      describeSignal('bulk_record_access', 'critical', {
        day: '2026-09-17',
        distinctRecords: 1200,
        events: 1200,
        windowMinutes: 60,
      }).headline,
    ).toContain('5× or more the bulk threshold of 200');
  });

  it('reads the severity steps back from the stats where the rule adds them up', () => {
    // anonymizing_network: low, +1 sensitive, +1 more with a declared location.
    expect(
      describeSignal('anonymizing_network', 'medium', { events: 2, sensitiveEvents: 1 }).headline,
    ).not.toContain('declared a home location');
    expect(
      describeSignal('anonymizing_network', 'high', { events: 2, sensitiveEvents: 1 }).headline,
    ).toContain('1 event touched sensitive records and this person declared a home location');
    // shared_infrastructure: device high, IP medium, +1 at three people.
    expect(describeSignal('shared_infrastructure', 'critical', { people: 3 }).headline).toContain(
      'One device',
    );
    expect(describeSignal('shared_infrastructure', 'high', { people: 3 }).headline).toContain(
      'One egress IP',
    );
    expect(describeSignal('shared_infrastructure', 'high', { people: 2 }).headline).toContain(
      'One device',
    );
  });

  it('names countries, the declared one and the high-risk list', () => {
    expect(describeSignal('new_country', 'high', SAMPLES.new_country.stats).headline).toBe(
      'High: 12 events from Netherlands (NL), not seen in this person’s last 30 days — it contradicts their declared Philippines (PH) and it is on the organization’s high-risk list',
    );
  });

  it('impossible travel: the airliner comparison, critical when the second event was sensitive', () => {
    expect(
      describeSignal('impossible_travel', 'high', SAMPLES.impossible_travel.stats).headline,
    ).toBe('High: PH → NL: 10,400 km in 45 min, 13,867 km/h — an airliner manages about 800 km/h');
    expect(
      describeSignal('impossible_travel', 'critical', SAMPLES.impossible_travel.stats).headline,
    ).toContain('the second event touched sensitive records');
  });

  it('access without a ticket: the day’s share against the person’s and the peers’', () => {
    expect(
      describeSignal('access_without_ticket', 'medium', SAMPLES.access_without_ticket.stats)
        .headline,
    ).toBe(
      'Medium: 14 of 20 sensitive accesses on Thu 17 Sep had no ticket (70%) — this person usually 5%, nine in ten peers at most 12%',
    );
  });

  it('a kind without a presenter leads with the explanation and turns unknown keys into words', () => {
    const d = describeSignal(
      'something_new',
      'critical',
      { chainedSignals: 3, kinds: 'mfa_tampering,bulk_record_access', spanMinutes: 95 },
      'MFA reset, then export.',
    );
    expect(d.generic).toBe(true);
    expect(d.headline).toBe('Critical: MFA reset, then export');
    expect(d.facts).toEqual([
      { label: 'Chained signals', value: '3' },
      { label: 'Kinds', value: 'mfa_tampering, bulk_record_access' },
      { label: 'Span minutes', value: '95' },
    ]);
    expect(
      describeSignal('something_new', 'low', { peerGroupSize: 5, ipAddress: '1.2.3.4' }).facts,
    ).toEqual([
      { label: 'Peer group', value: '5' },
      { label: 'IP address', value: '1.2.3.4' },
    ]);
  });
});

describe('a signal later learned as a routine', () => {
  it('says which routine explains it, beside the reason for its severity', () => {
    const d = describeSignal('bulk_record_access', 'high', {
      day: '2026-10-12',
      distinctRecords: 548,
      windowMinutes: 60,
      learnedRoutine: 'Monday bulk access ~495 records, 4 occurrences, 06:00–09:00',
    });
    expect(d.facts.at(-1)).toEqual({
      label: 'Later learned as a routine',
      value: 'Monday bulk access ~495 records, 4 occurrences, 06:00–09:00',
    });
    expect(d.headline).toMatch(/^High: 548 distinct sensitive records/);
  });
});
