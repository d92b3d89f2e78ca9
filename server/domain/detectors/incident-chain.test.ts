import { describe, expect, it } from 'vitest';
import { joinIncidentChains, type ChainPart } from './incident-chain';
import type { ChainPartStat, SignalKind } from './types';

let seq = 0;
function part(
  kind: SignalKind,
  at: string,
  stats: Record<string, unknown> = {},
  personId = 'p1',
): ChainPart {
  seq++;
  const start = new Date(at);
  return {
    signalId: `s${seq}`,
    personId,
    kind,
    severity: 'high',
    dedupeKey: `${kind}:${personId}:${seq}`,
    windowStart: start,
    windowEnd: new Date(start.getTime() + 5 * 60_000),
    evidenceEventIds: [`ev-${seq}-a`, `ev-${seq}-b`],
    stats,
  };
}

describe('joinIncidentChains', () => {
  it('joins the full AnyDesk story into one critical chain that names its parts', () => {
    const parts = [
      part('remote_access_tool', '2026-10-01T02:10:00Z', { tool: 'AnyDesk' }),
      part('new_country', '2026-10-01T02:20:00Z', { country: 'RO' }),
      part('bulk_record_access', '2026-10-01T02:40:00Z', { records: 3120 }),
    ];
    const [c, ...rest] = joinIncidentChains(parts);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      kind: 'incident_chain',
      personId: 'p1',
      severity: 'critical',
      dedupeKey: 'incident_chain:p1:remote_exfiltration:2026-10-01',
      windowStart: new Date('2026-10-01T02:10:00Z'),
      windowEnd: new Date('2026-10-01T02:45:00Z'),
    });
    expect(c!.explanation).toBe(
      'Remote or foreign access, then data out: AnyDesk session at 2026-10-01 02:10Z, ' +
        'then activity from a new country (RO) at 02:20Z, then export of 3,120 records at 02:40Z ' +
        "(3 signals filling 3 of the story's 3 steps: remote, foreign, exfil).",
    );
    expect(c!.evidenceEventIds).toHaveLength(6);
    expect(c!.stats.parts).toEqual(
      parts.map((p) => ({
        signalId: p.signalId,
        kind: p.kind,
        severity: 'high',
        dedupeKey: p.dedupeKey,
        windowStart: p.windowStart.toISOString(),
        windowEnd: p.windowEnd.toISOString(),
        roles: [['remote'], ['foreign'], ['exfil']][parts.indexOf(p)],
      })),
    );
  });

  it('makes a high chain of a two-role story', () => {
    const [c] = joinIncidentChains([
      part('mfa_tampering', '2026-10-01T08:00:00Z', { cause: 'tamper' }),
      part('privilege_change_outside_workflow', '2026-10-01T09:30:00Z', {
        privilege: 'AdministratorAccess',
        system: 'aws',
      }),
    ]);
    expect(c).toMatchObject({ severity: 'high', stats: { story: 'account_takeover' } });
    expect(c!.explanation).toContain(
      'then admin rights (AdministratorAccess) granted on aws outside the workflow at 09:30Z',
    );
  });

  it('needs the remote tool for remote exfiltration: a trip with an export is not a chain', () => {
    expect(
      joinIncidentChains([
        part('new_country', '2026-10-01T08:00:00Z', { country: 'PT' }),
        part('bulk_record_access', '2026-10-01T09:00:00Z', { records: 500 }),
      ]),
    ).toEqual([]);
    const [c] = joinIncidentChains([
      part('remote_access_tool', '2026-10-01T08:00:00Z', { tool: 'AnyDesk' }),
      part('bulk_record_access', '2026-10-01T09:00:00Z', { records: 500 }),
    ]);
    expect(c).toMatchObject({ severity: 'high', stats: { story: 'remote_exfiltration' } });
  });

  it('counts a new device as the access step of an account takeover', () => {
    const [c] = joinIncidentChains([
      part('mfa_tampering', '2026-10-01T08:00:00Z', { cause: 'tamper', newDevice: 'dev-9' }),
      part('privilege_change_outside_workflow', '2026-10-01T09:30:00Z'),
    ]);
    expect(c).toMatchObject({ severity: 'critical', stats: { roles: 'mfa,access,privilege' } });
    // One part may fill two roles; each part says which.
    expect((c!.stats.parts as ChainPartStat[]).map((p) => p.roles)).toEqual([
      ['mfa', 'access'],
      ['privilege'],
    ]);
  });

  it('does not join parts a week apart, parts of one role, or parts of different people', () => {
    expect(
      joinIncidentChains([
        part('remote_access_tool', '2026-10-01T02:10:00Z'),
        part('bulk_record_access', '2026-10-08T02:40:00Z', { records: 3120 }),
      ]),
    ).toEqual([]);
    expect(
      joinIncidentChains([
        part('bulk_record_access', '2026-10-01T02:40:00Z', { records: 3120 }),
        part('volume_spike', '2026-10-01T00:00:00Z', { records: 4000, ownMedian: 40 }),
      ]),
    ).toEqual([]);
    expect(
      joinIncidentChains([
        part('remote_access_tool', '2026-10-01T02:10:00Z', {}, 'p1'),
        part('bulk_record_access', '2026-10-01T02:40:00Z', { records: 3120 }, 'p2'),
      ]),
    ).toEqual([]);
  });

  it('needs the leaver for a leaver story, and keeps only the richest chain over the same parts', () => {
    expect(
      joinIncidentChains([
        part('off_hours', '2026-10-01T01:00:00Z', { events: 5 }),
        part('bulk_record_access', '2026-10-01T02:00:00Z', { records: 2000 }),
      ]),
    ).toEqual([]);
    const chains = joinIncidentChains([
      part('access_after_termination', '2026-10-01T01:00:00Z', { endDate: '2026-09-30' }),
      part('remote_access_tool', '2026-10-01T01:30:00Z', { tool: 'AnyDesk' }),
      part('bulk_record_access', '2026-10-01T02:00:00Z', { records: 2000 }),
    ]);
    // remote + exfil alone tells the smaller remote story; the leaver story holds all three.
    expect(chains.map((c) => [c.stats.story, c.severity])).toEqual([
      ['leaver_exfiltration', 'critical'],
    ]);
  });

  it('keeps only chains holding a fresh part, and ignores stored chains as parts', () => {
    const old = [
      part('remote_access_tool', '2026-10-01T02:10:00Z'),
      part('bulk_record_access', '2026-10-01T02:40:00Z', { records: 3120 }),
    ];
    const stored = joinIncidentChains(old)[0]!;
    const asPart: ChainPart = { ...stored, evidenceEventIds: stored.evidenceEventIds };
    expect(joinIncidentChains([...old, asPart], { fresh: new Set(['other']) })).toEqual([]);
    expect(
      joinIncidentChains([...old, asPart], { fresh: new Set([old[1]!.dedupeKey]) }),
    ).toHaveLength(1);
  });

  it('caps evidence with a fair share for every part', () => {
    const big = (kind: SignalKind, at: string, prefix: string) => ({
      ...part(kind, at, { records: 5000 }),
      evidenceEventIds: Array.from({ length: 50 }, (_, i) => `${prefix}-${i}`),
    });
    const [c] = joinIncidentChains(
      [
        big('remote_access_tool', '2026-10-01T02:10:00Z', 'r'),
        big('bulk_record_access', '2026-10-01T02:40:00Z', 'b'),
      ],
      { maxEvidence: 50 },
    );
    expect(c!.evidenceEventIds.filter((id) => id.startsWith('r-'))).toHaveLength(25);
    expect(c!.stats.evidenceEvents).toBe(100);
  });
});
