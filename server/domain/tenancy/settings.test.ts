import { describe, expect, it } from 'vitest';
import { orgSettingsSchema, readOrgSettings, slugSchema } from './settings';

describe('organization settings', () => {
  it('fills documented defaults', () => {
    expect(orgSettingsSchema.parse({})).toEqual({
      timezone: 'UTC',
      workingHours: { start: '08:00', end: '18:00' },
      highRiskCountries: [],
      reviewCadenceMonths: { critical: 6, high: 12, medium: 24, low: 36 },
      maxGrantDays: { low: 365, medium: 180, high: 90, critical: 30 },
      officeNetworks: [],
      investigation: { pseudonymize: true, managersSeeReportSignals: false },
      indicatorSharing: { hashed: true },
    });
  });

  it('reads settings stored before office networks existed, and validates new ones', () => {
    const stored = { timezone: 'Europe/London', highRiskCountries: ['KP'] };
    expect(readOrgSettings(stored)).toMatchObject({
      timezone: 'Europe/London',
      officeNetworks: [],
    });
    expect(
      orgSettingsSchema.parse({ officeNetworks: [{ cidr: '203.0.113.5/24', label: 'London' }] })
        .officeNetworks,
    ).toEqual([{ cidr: '203.0.113.0/24', label: 'London' }]);
    const bad = orgSettingsSchema.safeParse({ officeNetworks: [{ cidr: '0.0.0.0/0' }] });
    expect(bad.success ? null : bad.error.issues[0]?.path).toEqual(['officeNetworks', 0, 'cidr']);
  });

  it('normalizes country codes and rejects bad values', () => {
    expect(
      orgSettingsSchema.parse({ highRiskCountries: ['kp', ' ir '] }).highRiskCountries,
    ).toEqual(['KP', 'IR']);
    expect(orgSettingsSchema.safeParse({ highRiskCountries: ['North Korea'] }).success).toBe(false);
    expect(orgSettingsSchema.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      orgSettingsSchema.safeParse({ workingHours: { start: '25:00', end: '18:00' } }).success,
    ).toBe(false);
    expect(
      orgSettingsSchema.safeParse({ maxGrantDays: { low: 0, medium: 1, high: 1, critical: 1 } })
        .success,
    ).toBe(false);
  });

  it('reads corrupt stored settings as defaults rather than failing', () => {
    expect(readOrgSettings({ timezone: 42 }).timezone).toBe('UTC');
    expect(readOrgSettings(null).maxGrantDays.critical).toBe(30);
  });

  it.each([
    ['acme', true],
    ['acme-exchange', true],
    ['Acme', true],
    ['-acme', false],
    ['acme_exchange', false],
    ['', false],
    ['a'.repeat(41), false],
  ])('slug %j valid: %s', (slug, ok) => {
    expect(slugSchema.safeParse(slug).success).toBe(ok);
  });
});
