import {
  ACCESS_READERS,
  ANY_ROLE,
  ATTESTATION_READERS,
  AUDIT_READERS,
  CANDIDATE_READERS,
  CASE_READERS,
  CONNECTOR_ADMINS,
  EVIDENCE_EXPORTERS,
  IDENTITY_READERS,
  INVENTORY_EDITORS,
  INVENTORY_READERS,
  KEY_READERS,
  MEMBER_READERS,
  OUTBOX_READERS,
  QUESTIONNAIRE_READERS,
  RETENTION_READERS,
  REVIEW_INBOX_READERS,
  RISK_READERS,
  SCREENING_READERS,
  SIEM_READERS,
  SIGNAL_READERS,
  TENANT_ADMIN,
  VENDOR_REVIEW_READERS,
  type Role,
} from '@/server/domain/tenancy/roles';
import { WEBHOOK_READERS } from '@/server/domain/webhooks/inputs';

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

export interface NavSection {
  heading: string | null;
  items: NavItem[];
}

/** Navigation by role; the same role sets gate the procedures behind each page. */
export const NAV: NavSection[] = [
  { heading: null, items: [{ href: '/', label: 'Overview', roles: ANY_ROLE }] },
  {
    heading: 'Inventory',
    items: [
      { href: '/vendors', label: 'Vendors', roles: INVENTORY_READERS },
      { href: '/people', label: 'People', roles: INVENTORY_READERS },
      { href: '/systems', label: 'Systems', roles: INVENTORY_READERS },
      { href: '/imports', label: 'Import', roles: INVENTORY_EDITORS },
    ],
  },
  {
    heading: 'Workflows',
    items: [
      { href: '/access', label: 'Access', roles: ACCESS_READERS },
      { href: '/vendor-reviews', label: 'Vendor reviews', roles: VENDOR_REVIEW_READERS },
      { href: '/reviews', label: 'Access reviews', roles: REVIEW_INBOX_READERS },
      { href: '/attestations', label: 'Attestations', roles: ATTESTATION_READERS },
    ],
  },
  {
    heading: 'Activity',
    items: [
      { href: '/signals', label: 'Signals', roles: SIGNAL_READERS },
      { href: '/cases', label: 'Cases', roles: CASE_READERS },
      { href: '/logs', label: 'Logs', roles: IDENTITY_READERS },
      { href: '/identities', label: 'Log actors', roles: IDENTITY_READERS },
    ],
  },
  {
    heading: 'Assurance',
    items: [
      { href: '/screening', label: 'Screening', roles: SCREENING_READERS },
      { href: '/candidates', label: 'Candidates', roles: CANDIDATE_READERS },
      { href: '/evidence', label: 'Evidence', roles: EVIDENCE_EXPORTERS },
      { href: '/audit', label: 'Audit log', roles: AUDIT_READERS },
    ],
  },
  {
    heading: 'Settings',
    items: [
      { href: '/settings/members', label: 'Members', roles: MEMBER_READERS },
      { href: '/settings/api-keys', label: 'API keys', roles: KEY_READERS },
      { href: '/settings/organization', label: 'Organization', roles: ANY_ROLE },
      { href: '/settings/notifications', label: 'Notifications', roles: ANY_ROLE },
      { href: '/settings/security', label: 'Security', roles: ANY_ROLE },
      { href: '/settings/risk', label: 'Risk weights', roles: RISK_READERS },
      { href: '/settings/privacy', label: 'Privacy', roles: RETENTION_READERS },
      {
        href: '/settings/vendor-reviews',
        label: 'Review questionnaire',
        roles: QUESTIONNAIRE_READERS,
      },
      { href: '/settings/webhooks', label: 'Webhooks', roles: WEBHOOK_READERS },
      { href: '/settings/outbox', label: 'Outbox', roles: OUTBOX_READERS },
      { href: '/settings/siem', label: 'SIEM streaming', roles: SIEM_READERS },
      { href: '/settings/connectors', label: 'Connectors', roles: CONNECTOR_ADMINS },
      { href: '/settings/integrations', label: 'Integrations', roles: TENANT_ADMIN },
    ],
  },
];

export function navFor(role: Role): NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => i.roles.includes(role)) })).filter(
    (s) => s.items.length > 0,
  );
}
