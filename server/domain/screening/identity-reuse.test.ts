import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from '../inventory/identifiers';
import {
  detectIdentityReuse,
  identityReuseKey,
  identityReuseSeverity,
  type ReusePerson,
  type ReuseWatchlistEntry,
} from './identity-reuse';

const today = '2026-11-20';

function person(
  id: string,
  fullName: string,
  identifiers: [string, string][],
  extra: Partial<ReusePerson> = {},
): ReusePerson {
  return {
    id,
    fullName,
    type: 'employee',
    workEmail: `${id}@corp.example`,
    endDate: null,
    identifiers: identifiers.map(([kind, value]) => ({ kind, value })),
    ...extra,
  };
}

const norm = (kind: Parameters<typeof normalizeIdentifier>[0], raw: string) => {
  const r = normalizeIdentifier(kind, raw, 'US');
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('detectIdentityReuse', () => {
  it('raises one signal per holder of a shared phone, naming the other holder', () => {
    const phone = norm('phone', '(415) 555-2671');
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [['phone', phone]]),
        person('b', 'Jane Roe', [['phone', phone]], { type: 'candidate' }),
      ],
      entries: [],
      today,
    });
    expect(signals).toHaveLength(2);
    const ann = signals.find((s) => s.personId === 'a')!;
    expect(ann.severity).toBe('high');
    expect(ann.explanation).toBe('Ann Lee: phone +14155552671 is also on Jane Roe (candidate).');
    expect(ann.stats).toEqual({
      identifierKind: 'phone',
      value: '+14155552671',
      holders: 2,
      sharedWith: [{ personId: 'b', type: 'candidate' }],
      watchlistEntryIds: [],
    });
    expect(ann.dedupeKey).toBe(identityReuseKey('a', 'phone', phone));
  });

  it('matches values typed two ways once normalized', () => {
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [['address', norm('address', '12 Main Street, Apt 4, Reno')]]),
        person('b', 'Bo Chen', [['address', norm('address', '12 main st. #4 reno')]]),
      ],
      entries: [],
      today,
    });
    expect(signals.map((s) => [s.personId, s.severity])).toEqual(
      expect.arrayContaining([
        ['a', 'medium'],
        ['b', 'medium'],
      ]),
    );
  });

  it('does not fire on near misses: values that normalize differently', () => {
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [
          ['phone', norm('phone', '(415) 555-2671')],
          ['address', norm('address', '12 Main Street, Apt 4, Reno')],
          ['bank_account', norm('bank_account', 'US/021000021/123456789')],
        ]),
        person('b', 'Bo Chen', [
          ['phone', norm('phone', '(415) 555-2672')],
          ['address', norm('address', '12 Main Street, Apt 5, Reno')],
          ['bank_account', norm('bank_account', '123456789')],
        ]),
      ],
      entries: [],
      today,
    });
    expect(signals).toEqual([]);
  });

  it('ignores work account kinds (okta, aws, google, slack)', () => {
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [
          ['okta', '00u1'],
          ['aws', 'arn:aws:iam::1:user/shared'],
          ['google', 'ops@corp.example'],
          ['slack', 'u01'],
        ]),
        person('b', 'Bo Chen', [
          ['okta', '00u1'],
          ['aws', 'arn:aws:iam::1:user/shared'],
          ['google', 'ops@corp.example'],
          ['slack', 'u01'],
        ]),
      ],
      entries: [
        { id: 'w', name: 'X', source: 's', identifiers: [{ kind: 'okta', value: '00u1' }] },
      ],
      today,
    });
    expect(signals).toEqual([]);
  });

  it('ignores a person sharing only with themselves', () => {
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [
          ['email', 'a@corp.example'],
          ['wallet', '0xabc'],
          ['wallet', '0xabc'],
        ]),
      ],
      entries: [],
      today,
    });
    expect(signals).toEqual([]);
  });

  it('counts a personal email equal to another person’s work email', () => {
    const signals = detectIdentityReuse({
      people: [person('a', 'Ann Lee', [['email', 'b@corp.example']]), person('b', 'Bo Chen', [])],
      entries: [],
      today,
    });
    expect(signals).toHaveLength(2);
    const ann = signals.find((s) => s.personId === 'a')!;
    expect(ann.severity).toBe('medium');
    expect(ann.explanation).toContain('Bo Chen (employee, their work email)');
    const bo = signals.find((s) => s.personId === 'b')!;
    expect(bo.explanation).toContain('(this person’s work email)');
  });

  it('is critical with a watchlist entry, even for one person, and lists the entry', () => {
    const wallet = norm('wallet', '0x52908400098527886E0F7030069857D2E4169EE7');
    const entry: ReuseWatchlistEntry = {
      id: 'w1',
      name: 'Kim Operator',
      source: 'fbi-dprk-it',
      identifiers: [{ kind: 'wallet', value: wallet }],
    };
    const signals = detectIdentityReuse({
      people: [person('a', 'Ann Lee', [['wallet', wallet]], { type: 'contractor' })],
      entries: [entry],
      today,
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]!.severity).toBe('critical');
    expect(signals[0]!.explanation).toContain(
      'is also on watchlist entry "Kim Operator" (source fbi-dprk-it)',
    );
    expect(signals[0]!.stats.watchlistEntryIds).toEqual(['w1']);
    expect(signals[0]!.stats.sharedWith).toEqual([]);
  });

  it('does not fire for a watchlist value no person holds', () => {
    const signals = detectIdentityReuse({
      people: [person('a', 'Ann Lee', [['wallet', '0xaaa']])],
      entries: [
        { id: 'w', name: 'X', source: 's', identifiers: [{ kind: 'wallet', value: '0xbbb' }] },
      ],
      today,
    });
    expect(signals).toEqual([]);
  });

  it('raises severity one step when three or more people share a value', () => {
    const device = norm('device', 'C02XK1ABJG5H');
    const signals = detectIdentityReuse({
      people: ['a', 'b', 'c'].map((id) => person(id, `P ${id}`, [['device', device]])),
      entries: [],
      today,
    });
    expect(signals).toHaveLength(3);
    expect(new Set(signals.map((s) => s.severity))).toEqual(new Set(['critical']));
    expect(signals[0]!.explanation).toContain('3 people hold it.');
    expect(signals[0]!.stats.holders).toBe(3);
  });

  it('masks a bank account in words and stats, and names a person who left', () => {
    const iban = norm('bank_account', 'GB82 WEST 1234 5698 7654 32');
    const signals = detectIdentityReuse({
      people: [
        person('a', 'Ann Lee', [['bank_account', iban]]),
        person('b', 'Bo Chen', [['bank_account', iban]], { endDate: '2026-01-31' }),
      ],
      entries: [],
      today,
    });
    const ann = signals.find((s) => s.personId === 'a')!;
    expect(ann.explanation).toBe(
      'Ann Lee: bank account ••••5432 is also on Bo Chen (employee, left 2026-01-31).',
    );
    expect(ann.stats.value).toBe('••••5432');
    expect(ann.dedupeKey).not.toContain('5432');
  });

  it('is deterministic and keys differ per person and per value', () => {
    const input = {
      people: [
        person('b', 'Bo', [['telegram', 'ring_ops']]),
        person('a', 'Al', [['telegram', 'ring_ops']]),
      ],
      entries: [],
      today,
    };
    const once = detectIdentityReuse(input);
    expect(detectIdentityReuse(input)).toEqual(once);
    expect(new Set(once.map((s) => s.dedupeKey)).size).toBe(2);
    expect(identityReuseKey('a', 'phone', '+1')).not.toBe(identityReuseKey('a', 'phone', '+2'));
  });
});

describe('identityReuseSeverity', () => {
  it.each([
    ['phone', 2, false, 'high'],
    ['wallet', 2, false, 'high'],
    ['device', 2, false, 'high'],
    ['bank_account', 2, false, 'high'],
    ['address', 2, false, 'medium'],
    ['email', 2, false, 'medium'],
    ['github', 2, false, 'medium'],
    ['linkedin', 3, false, 'high'],
    ['phone', 3, false, 'critical'],
    ['address', 1, true, 'critical'],
  ] as const)('%s, %i people, watchlist %s → %s', (kind, people, onList, expected) => {
    expect(identityReuseSeverity(kind, people, onList)).toBe(expected);
  });
});
