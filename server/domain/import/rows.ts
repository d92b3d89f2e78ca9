import { z } from 'zod';
import { emailSchema } from '../auth/password';
import { parseIdentifierList, type TypedIdentifier } from '../inventory/identifiers';
import { BACKGROUND_CHECK_STATUSES, PERSON_TYPES, WORK_MODES } from '../inventory/person';
import { parsePrivilegeList, sensitivitySchema, type Sensitivity } from '../inventory/system';
import {
  dataCategorySchema,
  tierSchema,
  vendorStatusSchema,
  type DataCategory,
  type VendorStatus,
  type VendorTier,
} from '../inventory/vendor';
import { isTimeZone } from '../time-zone';
import { optional, splitList } from './csv';

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const isoDate = z.iso.date();
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/);

export const VENDOR_COLUMNS = {
  required: ['name'],
  optional: [
    'country',
    'services',
    'tier',
    'status',
    'data_categories',
    'contract_start',
    'contract_end',
    'owner_email',
  ],
} as const;

export interface VendorImportRow {
  name: string;
  country?: string;
  services: string;
  tier?: VendorTier;
  status?: VendorStatus;
  dataCategories: DataCategory[];
  contractStart?: string;
  contractEnd?: string;
  ownerEmail?: string;
}

export function mapVendorRow(c: Record<string, string>): RowResult<VendorImportRow> {
  const name = optional(c.name);
  if (!name || name.length < 2 || name.length > 200)
    return { ok: false, reason: 'name is required (2–200 characters)' };
  const problems: string[] = [];
  /** Parses an optional cell; a bad value is reported with the column and what it should be. */
  function cell<T>(
    schema: z.ZodType<T>,
    column: string,
    hint: string,
    transform = (v: string) => v,
  ): T | undefined {
    const raw = optional(c[column]);
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(transform(raw));
    if (parsed.success) return parsed.data;
    problems.push(`${column} "${raw}" is not valid (${hint})`);
    return undefined;
  }
  const lower = (v: string) => v.toLowerCase();
  const row: VendorImportRow = {
    name,
    services: optional(c.services) ?? '',
    country: cell(country, 'country', 'two-letter ISO code'),
    tier: cell(tierSchema, 'tier', 'critical, high, medium or low', lower),
    status: cell(
      vendorStatusSchema,
      'status',
      'prospect, onboarding, active, suspended, offboarding or terminated',
      lower,
    ),
    contractStart: cell(isoDate, 'contract_start', 'YYYY-MM-DD'),
    contractEnd: cell(isoDate, 'contract_end', 'YYYY-MM-DD'),
    ownerEmail: cell(emailSchema, 'owner_email', 'an email address'),
    dataCategories: [],
  };
  for (const cat of splitList(c.data_categories).map((d) => d.toLowerCase())) {
    const parsed = dataCategorySchema.safeParse(cat);
    if (parsed.success) row.dataCategories.push(parsed.data);
    else
      problems.push(
        `data category "${cat}" is unknown (use ${dataCategorySchema.options.join(', ')})`,
      );
  }
  if (row.contractStart && row.contractEnd && row.contractEnd < row.contractStart)
    problems.push('contract_end is before contract_start');
  return problems.length ? { ok: false, reason: problems.join('; ') } : { ok: true, value: row };
}

export const SYSTEM_COLUMNS = {
  required: ['name'],
  optional: ['criticality', 'data_classification', 'owner_email', 'privileges', 'aliases'],
} as const;

export interface SystemImportRow {
  name: string;
  criticality?: Sensitivity;
  dataClassification?: 'public' | 'internal' | 'confidential' | 'restricted';
  ownerEmail?: string;
  privileges: { name: string; sensitivity: Sensitivity }[];
  /** Names the logs use for the system (`a;b`); absent when the cell is blank. */
  aliases?: string[];
}

export function mapSystemRow(c: Record<string, string>): RowResult<SystemImportRow> {
  const name = optional(c.name);
  if (!name || name.length < 2 || name.length > 200)
    return { ok: false, reason: 'name is required (2–200 characters)' };
  const problems: string[] = [];
  const crit = optional(c.criticality)?.toLowerCase();
  const criticality = crit ? sensitivitySchema.safeParse(crit) : undefined;
  if (criticality && !criticality.success)
    problems.push(`criticality "${crit}" is not valid (low, medium, high or critical)`);
  const cls = optional(c.data_classification)?.toLowerCase();
  const classification = cls
    ? z.enum(['public', 'internal', 'confidential', 'restricted']).safeParse(cls)
    : undefined;
  if (classification && !classification.success)
    problems.push(
      `data_classification "${cls}" is not valid (public, internal, confidential or restricted)`,
    );
  const owner = optional(c.owner_email);
  const ownerEmail = owner ? emailSchema.safeParse(owner) : undefined;
  if (ownerEmail && !ownerEmail.success)
    problems.push(`owner_email "${owner}" is not an email address`);
  const { privileges, errors } = parsePrivilegeList(c.privileges ?? '');
  problems.push(...errors);
  if (new Set(privileges.map((p) => p.name.toLowerCase())).size !== privileges.length)
    problems.push('a privilege is listed twice');
  const aliases = c.aliases?.trim() ? splitList(c.aliases) : undefined;
  if (aliases?.some((a) => a.length > 200)) problems.push('an alias is longer than 200 characters');
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: {
      name,
      criticality: criticality?.success ? criticality.data : undefined,
      dataClassification: classification?.success ? classification.data : undefined,
      ownerEmail: ownerEmail?.success ? ownerEmail.data : undefined,
      privileges,
      aliases,
    },
  };
}

export const PEOPLE_COLUMNS = {
  required: ['email', 'full_name', 'type'],
  optional: [
    'vendor',
    'department',
    'title',
    'manager_email',
    'location',
    'country',
    'timezone',
    'work_mode',
    'start_date',
    'end_date',
    'external_ids',
    'phone',
    'background_check',
    'identity_verified_on',
  ],
} as const;

export interface PersonImportRow {
  email: string;
  fullName: string;
  type: (typeof PERSON_TYPES)[number];
  vendorName?: string;
  department?: string;
  title?: string;
  managerEmail?: string;
  location?: string;
  country?: string;
  timezone?: string;
  workMode?: (typeof WORK_MODES)[number];
  startDate?: string;
  endDate?: string;
  identifiers: TypedIdentifier[];
  backgroundCheck?: (typeof BACKGROUND_CHECK_STATUSES)[number];
  /** When the person's identity was verified (HR systems export it at hire). */
  identityVerifiedOn?: string;
}

export function mapPersonRow(c: Record<string, string>): RowResult<PersonImportRow> {
  const problems: string[] = [];
  const email = emailSchema.safeParse(c.email ?? '');
  if (!email.success) problems.push(`email "${c.email ?? ''}" is not an email address`);
  const fullName = optional(c.full_name);
  if (!fullName || fullName.length < 2) problems.push('full_name is required');
  const type = z.enum(PERSON_TYPES).safeParse(optional(c.type)?.toLowerCase());
  if (!type.success)
    problems.push(`type "${c.type ?? ''}" is not valid (${PERSON_TYPES.join(', ')})`);
  const countryCell = optional(c.country)?.toUpperCase();
  if (countryCell && !/^[A-Z]{2}$/.test(countryCell))
    problems.push(`country "${countryCell}" is not a two-letter ISO code`);
  const tz = optional(c.timezone);
  if (tz && !isTimeZone(tz)) problems.push(`timezone "${tz}" is not an IANA time zone`);
  const mode = optional(c.work_mode)?.toLowerCase();
  const workMode = mode ? z.enum(WORK_MODES).safeParse(mode) : undefined;
  if (workMode && !workMode.success)
    problems.push(`work_mode "${mode}" is not valid (office or remote)`);
  const start = optional(c.start_date);
  const end = optional(c.end_date);
  const verified = optional(c.identity_verified_on);
  for (const [col, v] of [
    ['start_date', start],
    ['end_date', end],
    ['identity_verified_on', verified],
  ] as const) {
    if (v && !isoDate.safeParse(v).success)
      problems.push(`${col} "${v}" is not a date (YYYY-MM-DD)`);
  }
  if (start && end && end < start) problems.push('end_date is before start_date');
  const manager = optional(c.manager_email);
  const managerEmail = manager ? emailSchema.safeParse(manager) : undefined;
  if (managerEmail && !managerEmail.success)
    problems.push(`manager_email "${manager}" is not an email address`);
  const bg = optional(c.background_check)?.toLowerCase();
  const backgroundCheck = bg ? z.enum(BACKGROUND_CHECK_STATUSES).safeParse(bg) : undefined;
  if (backgroundCheck && !backgroundCheck.success)
    problems.push(
      `background_check "${bg}" is not valid (${BACKGROUND_CHECK_STATUSES.join(', ')})`,
    );
  const ids = parseIdentifierList(c.external_ids ?? '', countryCell);
  problems.push(...ids.errors);
  const phone = optional(c.phone);
  if (phone) {
    const parsed = parseIdentifierList(`phone:${phone}`, countryCell);
    problems.push(...parsed.errors);
    ids.identifiers.push(...parsed.identifiers);
  }
  const vendorName = optional(c.vendor);
  if (type.success && type.data === 'vendor_staff' && !vendorName)
    problems.push('vendor is required for vendor_staff');
  if (type.success && vendorName && type.data !== 'vendor_staff' && type.data !== 'contractor')
    problems.push(`a ${type.data} cannot belong to a vendor`);
  if (problems.length || !email.success || !type.success || !fullName)
    return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: {
      email: email.data,
      fullName,
      type: type.data,
      vendorName,
      department: optional(c.department),
      title: optional(c.title),
      managerEmail: managerEmail?.success ? managerEmail.data : undefined,
      location: optional(c.location),
      country: countryCell,
      timezone: tz,
      workMode: workMode?.success ? workMode.data : undefined,
      startDate: start,
      endDate: end,
      identifiers: ids.identifiers,
      backgroundCheck: backgroundCheck?.success ? backgroundCheck.data : undefined,
      identityVerifiedOn: verified,
    },
  };
}

export const WATCHLIST_COLUMNS = {
  required: ['name'],
  optional: [
    'aliases',
    'emails',
    'phones',
    'github',
    'linkedin',
    'telegram',
    'wallets',
    'devices',
    'bank_accounts',
    'addresses',
    'source',
    'notes',
  ],
} as const;

export interface WatchlistImportRow {
  name: string;
  aliases: string[];
  identifiers: TypedIdentifier[];
  source: string;
  notes?: string;
}

const WATCHLIST_ID_COLUMNS = [
  ['emails', 'email'],
  ['phones', 'phone'],
  ['github', 'github'],
  ['linkedin', 'linkedin'],
  ['telegram', 'telegram'],
  ['wallets', 'wallet'],
  ['devices', 'device'],
  ['bank_accounts', 'bank_account'],
  ['addresses', 'address'],
] as const;

/** One impostor profile (watchlist.csv, or a JSON object with the same keys, lists as arrays or `;`). */
export function mapWatchlistRow(
  c: Record<string, string>,
  defaultSource: string,
): RowResult<WatchlistImportRow> {
  const name = optional(c.name);
  if (!name || name.length < 2 || name.length > 200)
    return { ok: false, reason: 'name is required (2–200 characters)' };
  const problems: string[] = [];
  const identifiers: TypedIdentifier[] = [];
  for (const [column, kind] of WATCHLIST_ID_COLUMNS) {
    const parsed = parseIdentifierList(
      splitList(c[column])
        .map((v) => `${kind}:${v}`)
        .join(';'),
    );
    identifiers.push(...parsed.identifiers);
    problems.push(...parsed.errors.map((e) => `${column}: ${e}`));
  }
  const aliases = splitList(c.aliases).filter((a) => a.length <= 200);
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: {
      name,
      aliases,
      identifiers,
      source: optional(c.source) ?? defaultSource,
      notes: optional(c.notes)?.slice(0, 2000),
    },
  };
}

const jsonCell = z
  .union([z.string().max(10_000), z.array(z.string().max(300)).max(200), z.number(), z.null()])
  .optional();
export const watchlistJsonSchema = z
  .array(z.record(z.string().max(50), jsonCell))
  .max(50_000, 'The list has more than 50,000 entries; split it.');

/** JSON watchlists: an array of objects; array values become `;`-separated cells. */
export function watchlistJsonToRows(
  text: string,
):
  | { ok: true; rows: { line: number; cells: Record<string, string> }[] }
  | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = watchlistJsonSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      error: `The JSON must be an array of objects with ${[...WATCHLIST_COLUMNS.required, ...WATCHLIST_COLUMNS.optional].join(', ')} (${parsed.error.issues[0]?.message})`,
    };
  const allowed = new Set<string>([...WATCHLIST_COLUMNS.required, ...WATCHLIST_COLUMNS.optional]);
  const rows: { line: number; cells: Record<string, string> }[] = [];
  for (const [i, obj] of parsed.data.entries()) {
    const unknown = Object.keys(obj).filter((k) => !allowed.has(k));
    if (unknown.length)
      return {
        ok: false,
        error: `Entry ${i + 1} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}.`,
      };
    rows.push({
      line: i + 1,
      cells: Object.fromEntries(
        Object.entries(obj).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(';') : v == null ? '' : String(v),
        ]),
      ),
    });
  }
  return { ok: true, rows };
}

export const GRANT_COLUMNS = {
  required: ['person_email', 'system', 'privilege'],
  optional: ['starts_at', 'expires_at', 'justification', 'approved_by_email'],
} as const;

export interface GrantImportRow {
  personEmail: string;
  system: string;
  privilege: string;
  startsAt: Date | null;
  expiresAt: Date | null;
  justification: string;
  approvedByEmail: string | null;
}

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** A date (midnight UTC) or an ISO date-time with an offset. */
function parseInstant(value: string | undefined, column: string, problems: string[]): Date | null {
  const v = optional(value);
  if (!v) return null;
  if (!instant.safeParse(v).success) {
    problems.push(`${column} "${v}" is not a date (YYYY-MM-DD or ISO 8601 with offset)`);
    return null;
  }
  return new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
}

/** One existing grant (grants.csv): imported as active access, recorded as imported. */
export function mapGrantRow(c: Record<string, string>): RowResult<GrantImportRow> {
  const problems: string[] = [];
  const email = emailSchema.safeParse(optional(c.person_email) ?? '');
  if (!email.success) problems.push('person_email is required and must be an email address');
  const system = optional(c.system);
  if (!system) problems.push('system is required');
  const privilege = optional(c.privilege);
  if (!privilege) problems.push('privilege is required');
  const startsAt = parseInstant(c.starts_at, 'starts_at', problems);
  const expiresAt = parseInstant(c.expires_at, 'expires_at', problems);
  if (startsAt && expiresAt && expiresAt <= startsAt)
    problems.push('expires_at must be after starts_at');
  const justification = optional(c.justification) ?? 'Existing access, imported';
  if (justification.length > 2000) problems.push('justification is longer than 2000 characters');
  const approver = optional(c.approved_by_email);
  const approvedBy = approver ? emailSchema.safeParse(approver) : undefined;
  if (approvedBy && !approvedBy.success)
    problems.push(`approved_by_email "${approver}" is not an email address`);
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: {
      personEmail: email.data!,
      system: system!,
      privilege: privilege!,
      startsAt,
      expiresAt,
      justification,
      approvedByEmail: approvedBy?.success ? approvedBy.data : null,
    },
  };
}
