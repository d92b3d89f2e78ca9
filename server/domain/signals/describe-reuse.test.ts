import { describe, expect, it } from 'vitest';
import { detectIdentityReuse, type ReusePerson } from '../screening/identity-reuse';
import { describeSignal } from './describe';

const person = (
  id: string,
  fullName: string,
  type: string,
  identifiers: { kind: string; value: string }[],
): ReusePerson => ({
  id,
  fullName,
  type,
  workEmail: `${id}@example.com`,
  endDate: null,
  identifiers,
});
const phone = { kind: 'phone', value: '+16465550187' };
const address = { kind: 'address', value: '12 main st' };
const headlineOf = (
  people: ReusePerson[],
  entries = [] as Parameters<typeof detectIdentityReuse>[0]['entries'],
) => {
  const [s] = detectIdentityReuse({ people, entries, today: '2026-10-01' });
  return describeSignal('identity_reuse', s!.severity, s!.stats).headline;
};

describe('identity_reuse presenter', () => {
  it('a phone between two people is high because it normally belongs to one', () => {
    expect(
      headlineOf([
        person('a', 'Jordan Lee', 'staff', [phone]),
        person('b', 'Sam Taylor', 'candidate', [phone]),
      ]),
    ).toBe(
      'High: Phone +16465550187 is also held by 1 other person — a phone normally belongs to one person, so sharing one is high',
    );
  });

  it('an address is medium, one step up for a ring of three', () => {
    const pair = [person('a', 'A', 'staff', [address]), person('b', 'B', 'staff', [address])];
    expect(headlineOf(pair)).toBe(
      'Medium: Shipping address 12 main st is also held by 1 other person — a shared shipping address is medium (households and shared inboxes exist)',
    );
    expect(headlineOf([...pair, person('c', 'C', 'contractor', [address])])).toBe(
      'High: Shipping address 12 main st is also held by 2 other people — a shared shipping address is medium (households and shared inboxes exist), one step higher as 3 people hold it (a ring, not a pair)',
    );
  });

  it('a watchlist entry makes it critical; a bank account stays masked', () => {
    const account = { kind: 'bank_account', value: 'GB29NWBK60161331926819' };
    const d = headlineOf(
      [person('a', 'A', 'staff', [account])],
      [
        {
          id: '00000000-0000-4000-8000-0000000000e1',
          name: 'Ivan Petrov',
          source: 'OFAC SDN',
          identifiers: [account],
        },
      ],
    );
    expect(d).toMatch(
      /^Critical: Bank account \S*6819 is also held by 1 watchlist entry — a watchlist entry carrying it makes it critical$/,
    );
    expect(d).not.toContain('GB29NWBK60161331926819');
  });

  it('facts: the identifier, its value, how many hold it', () => {
    const [s] = detectIdentityReuse({
      people: [person('a', 'A', 'staff', [phone]), person('b', 'B', 'staff', [phone])],
      entries: [],
      today: '2026-10-01',
    });
    expect(describeSignal('identity_reuse', s!.severity, s!.stats).facts).toEqual([
      { label: 'Identifier', value: 'phone' },
      { label: 'Value', value: '+16465550187' },
      { label: 'People holding it', value: '2, this person included' },
      { label: 'Watchlist entries carrying it', value: '0' },
    ]);
  });
});
