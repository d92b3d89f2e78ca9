import { describe, expect, it } from 'vitest';
import { bundleOf, buildSharedObjects, HASHED_PRODUCER_NAME, type SharedProfile } from './bundle';
import { sha256OfValue } from './identifiers';
import { parseStixBundle } from './stix-import';

const orgId = '0b7c5a4e-1d2f-4a3b-8c9d-0e1f2a3b4c5d';
const profile = (over: Partial<SharedProfile> = {}): SharedProfile => ({
  key: 'entry:5a1e2f3d-6b7c-4d8e-9f0a-1b2c3d4e5f60',
  name: 'Kim Reyes',
  aliases: ['K. Reyes'],
  source: 'public list',
  identifiers: [
    { kind: 'email', value: 'kim@example.com' },
    { kind: 'phone', value: '+14155550132' },
    { kind: 'okta', value: '00u123' },
  ],
  created: new Date('2026-01-02T03:04:05.000Z'),
  modified: new Date('2026-02-02T03:04:05.000Z'),
  ...over,
});
const base = { orgId, orgName: 'Acme Corp', orgCreated: new Date('2025-01-01T00:00:00Z') };

describe('buildSharedObjects', () => {
  it('writes a producer identity and one indicator per profile, work accounts left out', () => {
    const { objects, skipped } = buildSharedObjects({
      ...base,
      hashed: false,
      profiles: [profile(), profile({ key: 'entry:x', identifiers: [] })],
    });
    expect(skipped).toBe(1);
    expect(objects.map((o) => o.object.type)).toEqual(['identity', 'indicator']);
    const ind = objects[1]!.object;
    expect(ind).toMatchObject({
      name: 'Kim Reyes',
      created_by_ref: objects[0]!.object.id,
      x_vigil_source: 'public list',
      x_vigil_aliases: ['K. Reyes'],
      pattern_type: 'stix',
    });
    expect(String(ind.pattern)).not.toContain('00u123');
    expect(objects[0]!.object.name).toBe('Acme Corp');
  });

  it('hashed: no name, source, alias, producer name or raw value leaves', () => {
    const { objects } = buildSharedObjects({ ...base, hashed: true, profiles: [profile()] });
    const text = JSON.stringify(objects.map((o) => o.object));
    for (const secret of ['Kim', 'Reyes', 'public list', 'Acme', 'kim@example.com', '+1415'])
      expect(text).not.toContain(secret);
    expect(objects[0]!.object.name).toBe(HASHED_PRODUCER_NAME);
    expect(text).toContain(sha256OfValue('kim@example.com'));
  });

  it('is stable: the same data gives the same ids and bundle', () => {
    const a = buildSharedObjects({ ...base, hashed: true, profiles: [profile()] });
    const b = buildSharedObjects({ ...base, hashed: true, profiles: [profile()] });
    expect(bundleOf(a.objects.map((o) => o.object))).toEqual(
      bundleOf(b.objects.map((o) => o.object)),
    );
    const clear = buildSharedObjects({ ...base, hashed: false, profiles: [profile()] });
    expect(clear.objects[1]!.object.id).not.toBe(a.objects[1]!.object.id);
  });

  it('round-trips through the importer', () => {
    const { objects } = buildSharedObjects({ ...base, hashed: false, profiles: [profile()] });
    const feed = parseStixBundle(bundleOf(objects.map((o) => o.object)));
    expect(feed.rejected).toEqual([]);
    expect(feed.entries).toEqual([
      {
        ref: objects[1]!.object.id,
        source: 'Acme Corp',
        name: 'Kim Reyes',
        aliases: ['K. Reyes'],
        identifiers: [
          { kind: 'email', value: 'kim@example.com' },
          { kind: 'phone', value: '+14155550132' },
        ],
      },
    ]);
  });
});
