import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectBulkRecordAccess } from './bulk-record-access';
import { ev, org, person } from './test-helpers';

const p = person();
const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
/** `n` distinct customer records viewed, one every `gapSeconds`, from 10:00Z. */
const views = (n: number, gapSeconds: number, distinct = n) =>
  Array.from({ length: n }, (_, i) =>
    ev({
      at: new Date(Date.parse('2026-09-17T10:00:00Z') + i * gapSeconds * 1000),
      sensitive: true,
      resource: `cust-${i % distinct}`,
    }),
  );

describe('detectBulkRecordAccess', () => {
  it('fires for many distinct sensitive records within the window, even without a baseline', () => {
    const [s, ...rest] = detectBulkRecordAccess(views(250, 10), p, none, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'bulk_record_access',
      severity: 'high',
      dedupeKey: 'bulk_record_access:p1:window:2026-09-17',
    });
    expect(s!.explanation).toContain(
      '250 distinct sensitive records touched within 60 minutes on 2026-09-17',
    );
    expect(s!.explanation).toContain('threshold 200');
    expect(s!.evidenceEventIds).toHaveLength(50);
    expect(s!.stats.evidenceEvents).toBe(250);
  });

  it('does not fire when the same records are revisited, or the views are spread over the day', () => {
    expect(detectBulkRecordAccess(views(400, 5, 50), p, none, null, o)).toEqual([]);
    expect(detectBulkRecordAccess(views(250, 60), p, none, null, o)).toEqual([]); // ≈ 60 per hour
  });

  it('fires for any single export above the threshold, critical when sensitive', () => {
    const e = ev({
      at: '2026-09-17T14:02:00Z',
      action: 'customer.export',
      recordCount: 25_000,
      sensitive: true,
    });
    const [s] = detectBulkRecordAccess([e], p, none, null, o);
    expect(s).toMatchObject({
      severity: 'critical',
      dedupeKey: `bulk_record_access:p1:export:${e.id}`,
    });
    expect(s!.explanation).toContain(
      'Export of 25,000 records (customer.export on support-console) at 2026-09-17 14:02Z',
    );
    expect(s!.explanation).toContain('threshold 1,000');
    const small = ev({ at: '2026-09-17T14:02:00Z', action: 'customer.export', recordCount: 999 });
    expect(detectBulkRecordAccess([small], p, none, null, o)).toEqual([]);
  });
});
