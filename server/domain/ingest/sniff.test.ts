import { describe, expect, it } from 'vitest';
import { formatHint, mostlyRejected, sampleRecords, sniffFormat } from './sniff';
import { fixtureFiles, fixtureRecords, readFixture } from './test-support';

const DIRS = ['okta', 'cloudtrail', 'gworkspace', 'github'] as const;

describe('sniffFormat over the published fixtures', () => {
  for (const dir of DIRS)
    it.each(fixtureFiles(dir))(`recognises ${dir}/%s`, (file) => {
      expect(sniffFormat(readFixture(dir, file))).toBe(dir);
    });

  it('recognises a CloudTrail log file, whole or cut by the sample end', () => {
    const records = DIRS.flatMap(() => fixtureRecords('cloudtrail', 'console-login.ndjson'));
    const file = JSON.stringify({ Records: records });
    expect(sniffFormat(file)).toBe('cloudtrail');
    const cut = file.slice(0, Math.floor(file.length * 0.6));
    expect(sampleRecords(cut).length).toBeGreaterThan(0);
    expect(sniffFormat(cut)).toBe('cloudtrail');
  });

  it('recognises an Okta JSON array and a Reports API list page', () => {
    expect(sniffFormat(JSON.stringify(fixtureRecords('okta', 'system-events.ndjson')))).toBe(
      'okta',
    );
    const page = {
      kind: 'admin#reports#activities',
      items: fixtureRecords('gworkspace', 'drive.ndjson'),
    };
    expect(sniffFormat(JSON.stringify(page))).toBe('gworkspace');
  });

  it('recognises canonical NDJSON and CSV', () => {
    const event = {
      event_id: 'e1',
      occurred_at: '2026-01-01T00:00:00Z',
      actor: 'kim@example.test',
      system: 'crm',
      action: 'export',
    };
    expect(sniffFormat(`${JSON.stringify(event)}\n${JSON.stringify(event)}\n`)).toBe('ndjson');
    expect(sniffFormat('\uFEFFevent_id,occurred_at,actor,system,action\ne1,2026,kim,crm,x\n')).toBe(
      'csv',
    );
  });

  it('says nothing when nothing is clear', () => {
    expect(sniffFormat('')).toBeNull();
    expect(sniffFormat('hello,world\n1,2\n')).toBeNull();
    expect(sniffFormat('{"a":1}\n{"b":2}\n')).toBeNull();
    // The last line cut by the sample's end is ignored, not an error.
    const okta = readFixture('okta', 'system-events.ndjson');
    expect(sniffFormat(okta.slice(0, okta.length - 40))).toBe('okta');
  });
});

describe('formatHint', () => {
  const cloudtrail = readFixture('cloudtrail', 'console-login.ndjson');
  it('suggests the sniffed format when most records were rejected', () => {
    expect(formatHint('okta', cloudtrail, { received: 3, inserted: 0, rejected: 3 })).toBe(
      'cloudtrail',
    );
    expect(formatHint('okta', cloudtrail, { received: 4, inserted: 2, rejected: 2 })).toBe(
      'cloudtrail',
    );
  });

  it('says nothing when the upload mostly landed, or already is that format', () => {
    expect(formatHint('okta', cloudtrail, { received: 3, inserted: 2, rejected: 1 })).toBeNull();
    expect(
      formatHint('cloudtrail', cloudtrail, { received: 3, inserted: 0, rejected: 3 }),
    ).toBeNull();
    expect(mostlyRejected({ received: 0, inserted: 0, rejected: 0 })).toBe(false);
  });
});
