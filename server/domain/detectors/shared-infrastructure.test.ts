import { describe, expect, it } from 'vitest';
import { buildBaselines } from './baseline';
import { detectSharedInfrastructure } from './shared-infrastructure';
import { ev, history, org, person } from './test-helpers';

const o = org();
const none = new Map();
const alice = person({ id: 'alice', declaredCountry: 'GB' });
const bob = person({ id: 'bob', declaredCountry: 'US', timezone: 'America/New_York' });
const carol = person({ id: 'carol', declaredCountry: 'DE', timezone: 'Europe/Berlin' });
const dave = person({ id: 'dave', declaredCountry: 'GB' });
const at = (personId: string, extra = {}) => ev({ at: '2026-09-17T10:00:00Z', personId, ...extra });

describe('detectSharedInfrastructure', () => {
  it('fires for a residential IP shared by people declaring different countries', () => {
    const events = [at('alice', { ip: '49.145.1.7' }), at('bob', { ip: '49.145.1.7' })];
    const out = detectSharedInfrastructure(events, [alice, bob], none, o);
    expect(out.map((s) => [s.personId, s.severity, s.dedupeKey])).toEqual([
      ['alice', 'medium', 'shared_infrastructure:alice:ip:49.145.1.7:2026-09-17'],
      ['bob', 'medium', 'shared_infrastructure:bob:ip:49.145.1.7:2026-09-17'],
    ]);
    expect(out[0]!.explanation).toBe(
      'Egress IP 49.145.1.7 on 2026-09-17 used by 2 people declaring 2 different locations (GB, US); this person declares GB and used it in 1 events.',
    );
    expect(out[0]!.stats.otherPeople).toBe('bob');
  });

  it('does not fire for an office network shared by many colleagues', () => {
    const colleagues = [alice, bob, carol, dave];
    const events = colleagues.map((p) => at(p.id, { ip: '203.0.113.10' }));
    expect(detectSharedInfrastructure(events, colleagues, none, o)).toEqual([]);
  });

  it('learns an unconfigured office NAT: many people, most declaring where the address is', () => {
    const staff = Array.from({ length: 8 }, (_, i) =>
      person({ id: `gb${i}`, declaredCountry: 'GB' }),
    );
    const visitor = person({ id: 'ie', declaredCountry: 'IE', timezone: 'Europe/Dublin' });
    const office = [...staff, visitor];
    const nat = { ip: '81.2.69.160', country: 'GB' };
    expect(
      detectSharedInfrastructure(
        office.map((p) => at(p.id, nat)),
        office,
        none,
        o,
      ),
    ).toEqual([]);
    // The same crowd on an address abroad is not a local site: few of them declare its country.
    const abroad = { ip: '45.86.201.7', country: 'VN' };
    expect(
      detectSharedInfrastructure(
        office.map((p) => at(p.id, abroad)),
        office,
        none,
        o,
      ),
    ).toHaveLength(9);
    // Events without a location (a console logs none): the country most users declare stands in.
    expect(
      detectSharedInfrastructure(
        office.map((p) => at(p.id, { ip: '81.2.69.160', country: null })),
        office,
        none,
        o,
      ),
    ).toEqual([]);
    // Below the crowd size a mixed group still fires, local or not.
    const few = [staff[0]!, staff[1]!, visitor];
    expect(
      detectSharedInfrastructure(
        few.map((p) => at(p.id, nat)),
        few,
        none,
        o,
      ),
    ).toHaveLength(3);
  });

  it('does not fire for people sharing a home IP who declare the same country, or a VPN exit', () => {
    expect(
      detectSharedInfrastructure(
        [at('alice', { ip: '81.1.1.1' }), at('dave', { ip: '81.1.1.1' })],
        [alice, dave],
        none,
        o,
      ),
    ).toEqual([]);
    const vpn = { ip: '185.220.101.1', isProxy: true };
    expect(
      detectSharedInfrastructure([at('alice', vpn), at('bob', vpn)], [alice, bob], none, o),
    ).toEqual([]);
    // A console cannot tell a VPN exit; another log that marked the address as one can.
    const unmarked = [at('alice', { ip: '185.220.101.1' }), at('bob', { ip: '185.220.101.1' })];
    expect(detectSharedInfrastructure(unmarked, [alice, bob], none, o)).toHaveLength(2);
    const known = org({ knownProxyIps: new Set(['185.220.101.1']) });
    expect(detectSharedInfrastructure(unmarked, [alice, bob], none, known)).toEqual([]);
  });

  it('fires for one device fingerprint across three people, counting baseline users', () => {
    const base = buildBaselines(
      history({ personId: 'carol', days: 3, perDay: 2, deviceId: 'fp-9', ip: null }),
      [alice, bob, carol],
      {
        windowEnd: new Date('2026-09-17T00:00:00Z'),
      },
    );
    const events = [
      at('alice', { deviceId: 'fp-9', ip: null }),
      at('bob', { deviceId: 'fp-9', ip: null }),
    ];
    const out = detectSharedInfrastructure(events, [alice, bob, carol], base, o);
    expect(out.map((s) => [s.personId, s.severity])).toEqual([
      ['alice', 'critical'],
      ['bob', 'critical'],
    ]);
    expect(out[1]!.dedupeKey).toBe('shared_infrastructure:bob:device:fp-9');
    expect(out[1]!.explanation).toContain(
      'Device fp-9 used by 3 people declaring 3 different locations (DE, GB, US)',
    );
  });
});
