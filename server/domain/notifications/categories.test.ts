import { describe, expect, it } from 'vitest';
import { ROLES } from '@/server/domain/tenancy/roles';
import {
  CATEGORY_INFO,
  NOTIFICATION_CATEGORIES,
  effectiveSetting,
  refuseSetting,
  sendsNow,
} from './categories';

describe('notification defaults', () => {
  it('mails approvals and review items by default, critical signals at once only to compliance and admins', () => {
    expect(effectiveSetting('approvals', 'manager', null)).toBe('on');
    expect(effectiveSetting('review_items', 'manager', undefined)).toBe('on');
    expect(effectiveSetting('critical_signals', 'admin', null)).toBe('immediate');
    expect(effectiveSetting('critical_signals', 'compliance', null)).toBe('immediate');
    expect(effectiveSetting('critical_signals', 'auditor', null)).toBe('off');
    expect(effectiveSetting('delivery_failures', 'admin', null)).toBe('on');
  });

  it('never mails a role a category it may not see in the app, whatever is stored', () => {
    // Managers do not see detector findings (docs/PRODUCT.md §Roles and permissions).
    expect(effectiveSetting('critical_signals', 'manager', 'immediate')).toBe('off');
    expect(effectiveSetting('approvals', 'auditor', 'on')).toBe('off');
    expect(effectiveSetting('delivery_failures', 'compliance', 'on')).toBe('off');
  });

  it('falls back to the default when a stored value does not fit the category', () => {
    expect(effectiveSetting('approvals', 'admin', 'daily')).toBe('on');
    expect(effectiveSetting('critical_signals', 'admin', 'on')).toBe('immediate');
    expect(effectiveSetting('critical_signals', 'auditor', 'daily')).toBe('daily');
  });

  it('gives every category a label, options containing its defaults, and at least one role', () => {
    for (const c of NOTIFICATION_CATEGORIES) {
      const info = CATEGORY_INFO[c];
      expect(info.label.length).toBeGreaterThan(3);
      expect(info.roles.length).toBeGreaterThan(0);
      for (const role of ROLES)
        if (info.roles.includes(role)) expect(info.options).toContain(info.defaultFor(role));
    }
  });
});

describe('refuseSetting', () => {
  it('refuses a category the role is not offered and a setting the category does not take', () => {
    expect(refuseSetting('critical_signals', 'daily', 'manager')).toMatch(/not sent to your role/);
    expect(refuseSetting('approvals', 'daily', 'manager')).toMatch(/choose "on" or "off"/);
    expect(refuseSetting('critical_signals', 'daily', 'auditor')).toBeNull();
  });

  it('sends now for on and immediate only', () => {
    expect([sendsNow('on'), sendsNow('immediate'), sendsNow('daily'), sendsNow('off')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
