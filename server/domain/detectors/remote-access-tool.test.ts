import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectRemoteAccessTool } from './remote-access-tool';
import { ev, org, person } from './test-helpers';

const p = person();
const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));

describe('detectRemoteAccessTool', () => {
  it('fires for AnyDesk in a user agent and an IP-KVM in process data', () => {
    const events = [
      ev({ at: '2026-09-17T10:00:00Z', userAgent: 'AnyDesk/8.0.9 (Windows)' }),
      ev({ at: '2026-09-17T10:10:00Z', userAgent: 'Mozilla/5.0 AnyDesk' }),
      ev({
        at: '2026-09-17T11:00:00Z',
        system: 'edr',
        action: 'process.start',
        resource: 'C:/Program Files/PiKVM/kvmd.exe',
      }),
    ];
    const out = detectRemoteAccessTool(events, p, none, null, o);
    expect(out.map((s) => [s.kind, s.severity, s.dedupeKey])).toEqual([
      ['remote_access_tool', 'high', 'remote_access_tool:p1:AnyDesk:2026-09-17'],
      ['remote_access_tool', 'high', 'remote_access_tool:p1:IP-KVM:2026-09-17'],
    ]);
    expect(out[0]!.explanation).toContain(
      'AnyDesk seen in 2 events on 2026-09-17 (support-console)',
    );
  });

  it('does not fire for ordinary browsers', () => {
    const ua =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    expect(
      detectRemoteAccessTool([ev({ at: '2026-09-17T10:00:00Z', userAgent: ua })], p, none, null, o),
    ).toEqual([]);
  });
});
