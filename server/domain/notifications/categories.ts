import {
  ACCESS_ACTORS,
  ACCESS_REVIEWERS,
  SIGNAL_READERS,
  TENANT_ADMIN,
  type Role,
} from '@/server/domain/tenancy/roles';

// docs/NOTIFICATIONS.md §Preferences: what a member may be mailed about, per category, and the
// default for each role. A category is offered only to the roles that may see its subject in the
// app, so a preference can never widen what a message reveals.
export const NOTIFICATION_CATEGORIES = [
  'approvals',
  'review_items',
  'critical_signals',
  'compliance_alerts',
  'delivery_failures',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const NOTIFICATION_SETTINGS = ['on', 'off', 'immediate', 'daily'] as const;
export type NotificationSetting = (typeof NOTIFICATION_SETTINGS)[number];

export interface CategoryInfo {
  label: string;
  description: string;
  /** Roles the category is offered to; anyone else never receives it. */
  roles: readonly Role[];
  options: readonly NotificationSetting[];
  /** The default for an eligible role. */
  defaultFor: (role: Role) => NotificationSetting;
}

const ON_OFF = ['on', 'off'] as const;

export const CATEGORY_INFO: Record<NotificationCategory, CategoryInfo> = {
  approvals: {
    label: 'Approvals waiting on you',
    description: 'An access-request step you (or your role) must decide.',
    roles: ACCESS_ACTORS,
    options: ON_OFF,
    defaultFor: () => 'on',
  },
  review_items: {
    label: 'Access-review items',
    description:
      'Items assigned to you when a campaign launches or by reassignment, reminders before the due date, and overdue notices.',
    roles: ACCESS_REVIEWERS,
    options: ON_OFF,
    defaultFor: () => 'on',
  },
  critical_signals: {
    label: 'Critical signals',
    description: 'A critical detector finding: at once, or in a daily digest.',
    roles: SIGNAL_READERS,
    options: ['immediate', 'daily', 'off'],
    defaultFor: (role) => (role === 'admin' || role === 'compliance' ? 'immediate' : 'off'),
  },
  compliance_alerts: {
    label: 'Compliance alerts',
    description:
      'Overdue review items escalated, items that need a reviewer, and attestation disclosures or refusals.',
    roles: ['compliance'],
    options: ON_OFF,
    defaultFor: () => 'on',
  },
  delivery_failures: {
    label: 'Delivery failures',
    description: 'Mail, webhooks or connectors that stopped delivering after their last retry.',
    roles: TENANT_ADMIN,
    options: ON_OFF,
    defaultFor: () => 'on',
  },
};

export function isEligible(category: NotificationCategory, role: Role): boolean {
  return CATEGORY_INFO[category].roles.includes(role);
}

/** Why `setting` cannot be chosen for `category` by `role`, or null when it can. */
export function refuseSetting(
  category: NotificationCategory,
  setting: NotificationSetting,
  role: Role,
): string | null {
  const info = CATEGORY_INFO[category];
  if (!info.roles.includes(role)) return `${info.label} are not sent to your role.`;
  if (!info.options.includes(setting))
    return `${info.label}: choose ${info.options.map((o) => `"${o}"`).join(' or ')}.`;
  return null;
}

/**
 * What a member of `role` receives for `category`: their stored choice when it is still valid,
 * else the role's default; `off` for a category their role is not offered (whatever is stored).
 */
export function effectiveSetting(
  category: NotificationCategory,
  role: Role,
  stored: string | null | undefined,
): NotificationSetting {
  const info = CATEGORY_INFO[category];
  if (!info.roles.includes(role)) return 'off';
  const chosen = info.options.find((o) => o === stored);
  return chosen ?? info.defaultFor(role);
}

/** Whether a member with `setting` is mailed now (`daily` waits for the digest). */
export function sendsNow(setting: NotificationSetting): boolean {
  return setting === 'on' || setting === 'immediate';
}
