import { describe, expect, it } from 'vitest';
import { joinIncidentChains, type ChainPart } from '../detectors/incident-chain';
import type { SignalKind } from '../detectors/types';
import { describeSignal } from './describe';
import { chainPartRows, type FoundPart } from './describe-chain';

const id = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
function part(i: number, kind: SignalKind, at: string, stats: Record<string, unknown>): ChainPart {
  const start = new Date(at);
  return {
    signalId: id(i),
    personId: 'p1',
    kind,
    severity: 'high',
    dedupeKey: `${kind}:p1:${i}`,
    windowStart: start,
    windowEnd: new Date(start.getTime() + 5 * 60_000),
    evidenceEventIds: [`e${i}`],
    stats,
  };
}
const anydesk = [
  part(1, 'remote_access_tool', '2026-10-01T02:10:00Z', { tool: 'AnyDesk' }),
  part(2, 'new_country', '2026-10-01T02:20:00Z', { country: 'RO' }),
  part(3, 'bulk_record_access', '2026-10-01T02:40:00Z', { records: 3120 }),
];
const found = (p: ChainPart, over: Partial<FoundPart> = {}): FoundPart => ({
  id: p.signalId!,
  dedupeKey: p.dedupeKey,
  status: 'open',
  windowStart: p.windowStart,
  windowEnd: p.windowEnd,
  stats: p.stats as Record<string, unknown>,
  ...over,
});

describe('incident_chain presenter', () => {
  it('names the story, the steps filled and the rule: critical at 3 steps', () => {
    const [c] = joinIncidentChains(anydesk);
    const d = describeSignal(c!.kind, c!.severity, c!.stats);
    expect(d.headline).toBe(
      'Critical: Remote or foreign access, then data out: 3 signals within 35 minutes fill all 3 of the story’s steps (remote control, foreign or hidden location, data out) — 3 steps or more make a chain critical',
    );
    expect(d.facts).toContainEqual({ label: 'Signals joined', value: '3' });
  });

  it('high at two steps says a third would make it critical', () => {
    const [c] = joinIncidentChains([
      part(4, 'mfa_tampering', '2026-10-01T08:00:00Z', { cause: 'tamper' }),
      part(5, 'privilege_change_outside_workflow', '2026-10-01T09:30:00Z', {}),
    ]);
    expect(describeSignal(c!.kind, c!.severity, c!.stats).headline).toBe(
      'High: Account takeover: 2 signals within 95 minutes fill 2 of the story’s 3 steps (MFA tampered with, admin rights outside the workflow) — two steps make it high, a third would make it critical',
    );
  });

  it('lists the parts in time order with role, words and their own signal', () => {
    const [c] = joinIncidentChains(anydesk);
    // Stored out of order: the rows come back in time order.
    const stats = { ...c!.stats, parts: [...(c!.stats.parts as unknown[])].reverse() };
    const rows = chainPartRows(
      stats,
      anydesk.map((p) => found(p)),
    );
    expect(rows.map((r) => [r.role, r.kind, r.what, r.signalId])).toEqual([
      ['remote control', 'remote_access_tool', 'AnyDesk session', id(1)],
      ['foreign or hidden location', 'new_country', 'activity from a new country (RO)', id(2)],
      ['data out', 'bulk_record_access', 'export of 3,120 records', id(3)],
    ]);
    expect(rows[0]!.windowEnd).toEqual(new Date('2026-10-01T02:15:00Z'));
  });

  it('links a part by its dedupe key when the chain stored none, and never links what was not found', () => {
    const stats = {
      story: 'remote_exfiltration',
      roles: 'remote,exfil',
      parts: anydesk
        .filter((p) => p.kind !== 'new_country')
        .map((p) => ({
          kind: p.kind,
          severity: p.severity,
          dedupeKey: p.dedupeKey,
          windowStart: p.windowStart.toISOString(),
        })),
    };
    const rows = chainPartRows(stats, [found(anydesk[0]!)]);
    expect(rows.map((r) => r.signalId)).toEqual([id(1), null]);
    // Roles are worked out from the story when the chain predates storing them.
    expect(rows.map((r) => r.role)).toEqual(['remote control', 'data out']);
    expect(rows[1]!.what).toBeNull();
    // A stored id that no found signal has (another organization's, a deleted one) is not linked.
    const foreign = chainPartRows(
      { ...stats, parts: [{ ...stats.parts[0]!, signalId: id(9), dedupeKey: 'other' }] },
      [found(anydesk[0]!)],
    );
    expect(foreign[0]!.signalId).toBeNull();
  });

  it('skips malformed parts rather than failing the page', () => {
    expect(chainPartRows({ parts: [{ kind: 'x' }, 'nonsense', null] }, [])).toEqual([]);
    expect(describeSignal('incident_chain', 'high', {}).headline).toMatch(/^High: An incident/);
  });
});
