import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  matchSeverity,
  nameSimilarity,
  normalizeName,
  screenPeople,
  strongIdentifiers,
} from './match';

const entries = [
  {
    id: 'e1',
    name: 'Kim Chol Min',
    aliases: ['Chris Kim', 'Kim Cholmin'],
    identifiers: [{ kind: 'telegram', value: 'cryptojobs_hr' }],
  },
  {
    id: 'e2',
    name: 'Jonathan Wexford',
    aliases: [],
    identifiers: [
      { kind: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' },
      { kind: 'email', value: 'j.wexford@protonmail.example' },
    ],
  },
  { id: 'e3', name: 'Li Wei', aliases: [], identifiers: [] },
];

describe('name normalization', () => {
  it('ignores case, accents, punctuation and token order', () => {
    expect(normalizeName('  Reyes, Jún ')).toBe('jun reyes');
    expect(nameSimilarity('Jun Reyes', 'REYES, Jun')).toBe(1);
  });
});

describe('screenPeople', () => {
  it('finds true matches on typed identifiers with certainty', () => {
    const [m] = screenPeople(
      [
        {
          id: 'p1',
          fullName: 'Totally Different Name',
          identifiers: [{ kind: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }],
        },
      ],
      entries,
    );
    expect(m).toEqual({
      personId: 'p1',
      entryId: 'e2',
      matchedOn: ['wallet:0x52908400098527886e0f7030069857d2e4169ee7'],
      similarity: 1,
    });
  });

  it.each([
    ['Kim Chol-Min', 'e1'],
    ['Chol Min Kim', 'e1'],
    ['Chris Kim', 'e1'],
    ['Jonathon Wexford', 'e2'],
  ])('scores the near miss %j against %s and reports the score', (name, entryId) => {
    const matches = screenPeople([{ id: 'p', fullName: name, identifiers: [] }], entries);
    expect(matches.map((m) => m.entryId)).toEqual([entryId]);
    expect(matches[0]!.similarity).toBeGreaterThanOrEqual(0.9);
    expect(matches[0]!.matchedOn[0]).toMatch(/^name:/);
  });

  it.each(['Maria Santos', 'Kim Lee', 'John Smith', 'Wei Zhang', 'Ada Okafor'])(
    'does not match the unrelated name %j',
    (name) => {
      expect(screenPeople([{ id: 'p', fullName: name, identifiers: [] }], entries)).toEqual([]);
    },
  );

  it('combines identifier and name evidence into one candidate per entry', () => {
    const matches = screenPeople(
      [
        {
          id: 'p',
          fullName: 'Kim Chol Min',
          identifiers: [{ kind: 'telegram', value: 'cryptojobs_hr' }],
        },
      ],
      entries,
    );
    expect(matches).toEqual([
      {
        personId: 'p',
        entryId: 'e1',
        matchedOn: ['telegram:cryptojobs_hr', 'name:Kim Chol Min'],
        similarity: 1,
      },
    ]);
  });
});

describe('match strength', () => {
  it('counts only identifiers that name one person outside the tenant as strong', () => {
    expect(strongIdentifiers(['name:Jun Reyes', 'phone:+15550100', 'okta:jreyes'])).toEqual([
      'phone:+15550100',
    ]);
    expect(matchSeverity(['github:octo'])).toBe('critical');
    expect(matchSeverity(['name:Jun Reyes'])).toBe('medium');
    expect(matchSeverity(['slack:U123'])).toBe('medium');
  });
});

describe('screenPeople with hashed entries', () => {
  it('matches a person whose normalized identifier hashes to the entry’s, naming the person’s value', () => {
    const hex = createHash('sha256').update('kim@example.com').digest('hex');
    const matches = screenPeople(
      [
        {
          id: 'p1',
          fullName: 'Someone Else',
          identifiers: [{ kind: 'email', value: 'kim@example.com' }],
        },
        { id: 'p2', fullName: 'Other', identifiers: [{ kind: 'phone', value: 'kim@example.com' }] },
      ],
      [
        {
          id: 'e1',
          name: 'Impostor profile 1a2b3c4d',
          aliases: [],
          identifiers: [{ kind: 'email', value: `sha256:${hex}` }],
        },
      ],
    );
    expect(matches).toEqual([
      { personId: 'p1', entryId: 'e1', matchedOn: ['email:kim@example.com'], similarity: 1 },
    ]);
  });
});
