import { csvLine } from '../export/csv';
import type { ImportKind } from './inputs';
import {
  GRANT_COLUMNS,
  PEOPLE_COLUMNS,
  SYSTEM_COLUMNS,
  VENDOR_COLUMNS,
  WATCHLIST_COLUMNS,
} from './rows';
import { TICKET_COLUMNS } from './ticket-rows';

interface Template {
  columns: readonly string[];
  /** Example rows that import cleanly in this order: vendors, systems, people, then grants. */
  rows: Record<string, string>[];
}

const all = (c: { required: readonly string[]; optional: readonly string[] }) => [
  ...c.required,
  ...c.optional,
];

/**
 * A file to download and fill in for each import (docs/IMPORTS.md): every column the import
 * reads, required ones first, and example rows showing each column's form. The examples are
 * consistent with one another (the person works for the vendor, the grant names the system), so
 * the templates imported in order into an empty organization load without a rejected row.
 */
export const IMPORT_TEMPLATES: Record<ImportKind, Template> = {
  vendors: {
    columns: all(VENDOR_COLUMNS),
    rows: [
      {
        name: 'Example Support Ltd',
        country: 'PH',
        services: 'Tier-1 customer support',
        tier: '',
        status: 'onboarding',
        data_categories: 'customer_pii;kyc_documents',
        contract_start: '2026-01-01',
        contract_end: '2027-12-31',
        owner_email: '',
      },
    ],
  },
  systems: {
    columns: all(SYSTEM_COLUMNS),
    rows: [
      {
        name: 'Example Admin Console',
        criticality: 'critical',
        data_classification: 'restricted',
        owner_email: '',
        privileges: 'view_customers:medium;export_customers:high;change_limits:critical',
        aliases: 'admin-console;Admin Console (Okta app)',
      },
    ],
  },
  people: {
    columns: all(PEOPLE_COLUMNS),
    rows: [
      {
        email: 'jo.example@example.com',
        full_name: 'Jo Example',
        type: 'vendor_staff',
        vendor: 'Example Support Ltd',
        department: 'Support',
        title: 'Support agent',
        manager_email: '',
        location: 'Manila',
        country: 'PH',
        timezone: 'Asia/Manila',
        work_mode: 'remote',
        start_date: '2026-02-01',
        end_date: '',
        external_ids: 'okta:00u1example;github:jo-example',
        // National form with the country: a leading + would read as a formula in a spreadsheet.
        phone: '0917 555 0101',
        background_check: 'pending',
        identity_verified_on: '2026-01-20',
      },
    ],
  },
  grants: {
    columns: all(GRANT_COLUMNS),
    rows: [
      {
        person_email: 'jo.example@example.com',
        system: 'Example Admin Console',
        privilege: 'view_customers',
        starts_at: '2026-02-01',
        expires_at: '2099-02-01',
        justification: 'Answers customer tickets',
        approved_by_email: 'it-manager@example.com',
      },
    ],
  },
  watchlist: {
    columns: all(WATCHLIST_COLUMNS),
    rows: [
      {
        name: 'Alex Example-Impostor',
        aliases: 'A. Impostor;Alexei E.',
        emails: 'alex.impostor@example.net',
        phones: '',
        github: 'alex-impostor-dev',
        linkedin: 'linkedin.com/in/alex-impostor',
        telegram: '@alex_impostor',
        wallets: '0x0000000000000000000000000000000000000001',
        devices: '',
        bank_accounts: '',
        addresses: '',
        source: 'Example community list',
        notes: 'Applied for a remote engineering role with a reused identity',
      },
    ],
  },
  tickets: {
    columns: all(TICKET_COLUMNS),
    rows: [
      {
        ticket_id: 'SUP-1001',
        opened_at: '2026-03-02T09:15:00Z',
        system: 'Example Admin Console',
        assignee_email: 'jo.example@example.com',
        resource_ids: 'cust-4821;cust-4822',
        closed_at: '',
        status: 'open',
      },
    ],
  },
};

/** The template as a CSV file (CRLF, quoted where needed). */
export function templateCsv(kind: ImportKind): string {
  const t = IMPORT_TEMPLATES[kind];
  return [t.columns, ...t.rows.map((r) => t.columns.map((c) => r[c] ?? ''))]
    .map((cells) => csvLine(cells))
    .join('');
}
