import { describe, expect, it } from 'vitest';
import {
  audienceSchema,
  completionPercent,
  describeAudience,
  dueAtFromDate,
  dueDateProblem,
  remindersDue,
  resentTokenExpiry,
  sensitivitiesAtLeast,
  splitAudience,
  type ReminderFacts,
} from './campaign';
import { signingTokenExpiry } from './signing-token';

const DAY = 86_400_000;

describe('audiences', () => {
  it('parses the three kinds and refuses the rest with a reason', () => {
    expect(audienceSchema.parse({ kind: 'all_staff' })).toEqual({ kind: 'all_staff' });
    expect(audienceSchema.safeParse({ kind: 'vendor_staff' }).success).toBe(false);
    expect(audienceSchema.safeParse({ kind: 'sensitivity', minLevel: 'huge' }).success).toBe(false);
    expect(audienceSchema.safeParse({ kind: 'everyone' }).success).toBe(false);
  });

  it('includes higher sensitivities and describes itself', () => {
    expect(sensitivitiesAtLeast('high')).toEqual(['high', 'critical']);
    expect(sensitivitiesAtLeast('low')).toHaveLength(4);
    expect(describeAudience({ kind: 'sensitivity', minLevel: 'high' })).toBe(
      'People holding high or higher access',
    );
    expect(
      describeAudience(
        { kind: 'vendor_staff', vendorId: '00000000-0000-4000-8000-000000000000' },
        'Manila Support',
      ),
    ).toBe('Staff of Manila Support');
  });

  it('reports people who left or have no usable email instead of skipping them silently', () => {
    const split = splitAudience(
      [
        { id: 'a', fullName: 'Ana', email: 'ana@acme.test', endDate: null },
        { id: 'b', fullName: 'Ben', email: 'ben@acme.test', endDate: '2026-01-01' },
        { id: 'c', fullName: 'Cy', email: 'not-an-email', endDate: null },
        { id: 'd', fullName: 'Di', email: 'di@acme.test', endDate: '2026-11-24' },
      ],
      '2026-11-24',
    );
    expect(split.recipients.map((r) => r.id)).toEqual(['a', 'd']);
    expect(split.skipped).toEqual([
      { personId: 'b', fullName: 'Ben', reason: 'left' },
      { personId: 'c', fullName: 'Cy', reason: 'no_email' },
    ]);
  });
});

describe('due dates', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('end at the end of the day and must be ahead, within a year', () => {
    expect(dueAtFromDate('2026-12-01').toISOString()).toBe('2026-12-01T23:59:59.999Z');
    expect(dueDateProblem('2026-11-24', now)).toBeNull();
    expect(dueDateProblem('2026-11-23', now)).toMatch(/today or later/);
    expect(dueDateProblem('2028-01-01', now)).toMatch(/within a year/);
  });
});

describe('reminder schedule', () => {
  const dueAt = dueAtFromDate('2026-12-10');
  const base: ReminderFacts = {
    status: 'pending',
    dueAt,
    tokenExpiresAt: signingTokenExpiry(dueAt),
    remindersSent: [],
  };
  const at = (days: number) => new Date(dueAt.getTime() + days * DAY);

  it('sends nothing early, then before, due (turning overdue) and final, each once', () => {
    expect(remindersDue(base, at(-5))).toEqual({ markOverdue: false, reminder: null });
    expect(remindersDue(base, at(-2))).toEqual({ markOverdue: false, reminder: 'before' });
    expect(remindersDue({ ...base, remindersSent: ['before'] }, at(-1))).toEqual({
      markOverdue: false,
      reminder: null,
    });
    expect(remindersDue({ ...base, remindersSent: ['before'] }, at(0.01))).toEqual({
      markOverdue: true,
      reminder: 'due',
    });
    const overdue = { ...base, status: 'overdue' as const, remindersSent: ['before', 'due'] };
    expect(remindersDue(overdue, at(3))).toEqual({ markOverdue: false, reminder: null });
    expect(remindersDue(overdue, at(8))).toEqual({ markOverdue: false, reminder: 'final' });
    expect(remindersDue({ ...overdue, remindersSent: ['final'] }, at(9)).reminder).toBeNull();
  });

  it('does not send a missed earlier reminder late, nor remind signed or expired requests', () => {
    expect(remindersDue(base, at(1))).toEqual({ markOverdue: true, reminder: 'due' });
    expect(remindersDue({ ...base, status: 'signed' }, at(1))).toEqual({
      markOverdue: false,
      reminder: null,
    });
    expect(remindersDue(base, at(15))).toEqual({ markOverdue: true, reminder: null });
  });

  it('gives a resent link at least a week', () => {
    const now = at(20);
    expect(resentTokenExpiry(dueAt, now).getTime()).toBe(now.getTime() + 7 * DAY);
    expect(resentTokenExpiry(dueAt, at(-10)).getTime()).toBe(signingTokenExpiry(dueAt).getTime());
  });
});

describe('completion', () => {
  it('is the signed share, and nothing for an empty campaign', () => {
    expect(completionPercent({ total: 3, signed: 2 })).toBe(67);
    expect(completionPercent({ total: 0, signed: 0 })).toBeNull();
  });
});
