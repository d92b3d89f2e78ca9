import { describe, expect, it } from 'vitest';
import { parseIndicatorFile } from './parse-file';
import { parseStixBundle } from './stix-import';

const U = (n: number) => `8e2e2d2b-17d4-4cbf-938f-98ee46b3cd${String(n).padStart(2, '0')}`;
const indicator = (n: number, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${U(n)}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: `Profile ${n}`,
  pattern,
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
  ...extra,
});
const bundle = (objects: unknown[]) => ({ type: 'bundle', id: `bundle--${U(99)}`, objects });

describe('parseStixBundle', () => {
  it('takes names from related individual identities and the source from the producer', () => {
    const feed = parseStixBundle(
      bundle([
        {
          type: 'identity',
          spec_version: '2.1',
          id: `identity--${U(1)}`,
          name: 'Fintech ISAC',
          identity_class: 'organization',
        },
        {
          type: 'identity',
          spec_version: '2.1',
          id: `identity--${U(2)}`,
          name: 'Jun Park',
          identity_class: 'individual',
        },
        indicator(3, "[email-addr:value = 'jun@example.com']", {
          created_by_ref: `identity--${U(1)}`,
        }),
        {
          type: 'relationship',
          spec_version: '2.1',
          id: `relationship--${U(4)}`,
          relationship_type: 'related-to',
          source_ref: `indicator--${U(3)}`,
          target_ref: `identity--${U(2)}`,
        },
        { type: 'malware', spec_version: '2.1', id: `malware--${U(5)}`, name: 'x' },
      ]),
    );
    expect(feed.rejected).toEqual([]);
    expect(feed.ignored).toBe(4);
    expect(feed.entries).toEqual([
      {
        ref: `indicator--${U(3)}`,
        source: 'Fintech ISAC',
        name: 'Jun Park',
        aliases: [],
        identifiers: [{ kind: 'email', value: 'jun@example.com' }],
      },
    ]);
  });

  it('the importer’s source label wins', () => {
    const feed = parseStixBundle(
      bundle([indicator(1, "[email-addr:value = 'a@b.co']")]),
      'community: hiring',
    );
    expect(feed.entries[0]!.source).toBe('community: hiring');
  });

  it('rejects each bad object with its id and reason', () => {
    const feed = parseStixBundle(
      bundle([
        indicator(1, "[email-addr:value = 'a@b.co'"),
        indicator(2, "[ipv4-addr:value = '10.0.0.1']"),
        indicator(3, 'alert tcp any', { pattern_type: 'snort' }),
        { type: 'x_bad', spec_version: '2.1', id: `x_bad--${U(4)}` },
        { type: 'person', spec_version: '2.1', id: `person--${U(5)}` },
        { type: 'indicator', id: 'indicator--nope' },
        'text',
        indicator(6, "[email-addr:value = 'a@b.co']", { spec_version: '2.0' }),
      ]),
    );
    expect(feed.entries).toEqual([]);
    expect(feed.rejected).toEqual([
      { id: `x_bad--${U(4)}`, reason: 'unknown STIX type "x_bad"' },
      { id: `person--${U(5)}`, reason: 'unknown STIX type "person"' },
      { id: 'indicator--nope', reason: 'the id must be indicator--<uuid>' },
      { id: 'objects[6]', reason: 'an object needs a string type and id' },
      { id: `indicator--${U(6)}`, reason: 'spec_version "2.0" is not 2.1' },
      { id: `indicator--${U(1)}`, reason: expect.stringContaining('invalid STIX pattern') },
      { id: `indicator--${U(2)}`, reason: 'the pattern names no identifier Vigil screens on' },
      { id: `indicator--${U(3)}`, reason: 'pattern_type "snort" is not supported (only stix)' },
    ]);
  });

  it('rejects a file that is not a bundle, not JSON, or over the limit', () => {
    expect(parseIndicatorFile('{"type":"report"}').rejected[0]!.reason).toContain(
      'not a STIX 2.1 bundle',
    );
    expect(parseIndicatorFile('{"type":').rejected[0]!.reason).toContain('not valid JSON');
    const big = JSON.stringify(bundle([indicator(1, "[email-addr:value = 'a@b.co']")]));
    expect(parseIndicatorFile(big, undefined, 100).rejected).toEqual([
      { id: '(bundle)', reason: expect.stringContaining('the limit is') },
    ]);
  });

  it('ignores revoked indicators and merges two indicators of one profile', () => {
    const feed = parseStixBundle(
      bundle([
        indicator(1, "[email-addr:value = 'a@b.co']", { name: 'Ann Lee' }),
        indicator(
          2,
          "[x-vigil-identifier:kind = 'phone' AND x-vigil-identifier:value = '+44 20 7946 0958']",
          {
            name: 'Ann Lee',
          },
        ),
        indicator(3, "[email-addr:value = 'c@d.co']", { revoked: true }),
      ]),
    );
    expect(feed.ignored).toBe(1);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]!.identifiers).toEqual([
      { kind: 'email', value: 'a@b.co' },
      { kind: 'phone', value: '+442079460958' },
    ]);
  });
});
