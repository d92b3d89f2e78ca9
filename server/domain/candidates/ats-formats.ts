import { z } from 'zod';
import { MAX_IMPORT_ROWS, optional, parseCsvRecords, readCsv, type CsvRead } from '../import/csv';
import { PEOPLE_COLUMNS } from '../import/rows';
import { countryFromText } from './countries';

// Candidate imports (docs/IMPORTS.md §candidates): Vigil's own columns, or a Greenhouse or Lever
// CSV export whose headers are mapped onto them. ATS exports carry dozens of columns (EEO answers,
// scorecards, custom fields) Vigil has no use for, so their unknown columns are ignored, not refused.
export const CANDIDATE_FORMATS = ['greenhouse', 'lever', 'vigil'] as const;
export type CandidateFormat = (typeof CANDIDATE_FORMATS)[number];

export const CANDIDATE_EXTRA_COLUMNS = [
  'stage',
  'role',
  'recruiter',
  'shipping_address',
  'shipping_country',
  'ats_id',
  'applied_on',
] as const;

export const CANDIDATE_COLUMNS = {
  required: ['email', 'full_name'],
  optional: [
    ...PEOPLE_COLUMNS.required.filter((c) => c !== 'email' && c !== 'full_name'),
    ...PEOPLE_COLUMNS.optional,
    ...CANDIDATE_EXTRA_COLUMNS,
  ],
} as const;

/** Header (lower case, single spaces) → Vigil column; `links` is split into GitHub/LinkedIn. */
export const GREENHOUSE_HEADERS: Record<string, string> = {
  'candidate id': 'ats_id',
  'first name': 'first_name',
  'last name': 'last_name',
  name: 'full_name',
  'candidate name': 'full_name',
  email: 'email',
  'email address': 'email',
  'personal email': 'email',
  phone: 'phone',
  'phone number': 'phone',
  'mobile phone': 'phone',
  job: 'role',
  'job name': 'role',
  'job title': 'role',
  'current stage': 'stage',
  stage: 'stage',
  recruiter: 'recruiter',
  location: 'location',
  'candidate location': 'location',
  'applied on': 'applied_on',
  'application date': 'applied_on',
  'linkedin profile': 'links',
  linkedin: 'links',
  website: 'links',
  'social media': 'links',
  'laptop shipping address': 'shipping_address',
  'shipping address': 'shipping_address',
};

export const LEVER_HEADERS: Record<string, string> = {
  'opportunity id': 'ats_id',
  'contact id': 'ats_id_contact',
  name: 'full_name',
  'contact name': 'full_name',
  email: 'email',
  emails: 'email',
  phone: 'phone',
  phones: 'phone',
  location: 'location',
  'current location': 'location',
  posting: 'role',
  'posting title': 'role',
  'job posting': 'role',
  stage: 'stage',
  'current stage': 'stage',
  owner: 'recruiter',
  'opportunity owner': 'recruiter',
  links: 'links',
  'created at': 'applied_on',
  'created at (gmt)': 'applied_on',
  'applied at': 'applied_on',
  'shipping address': 'shipping_address',
  'laptop shipping address': 'shipping_address',
};

export type CandidateRead = CsvRead & { ignored?: string[] };

function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Reads an ATS export, mapping its headers; cells come back under Vigil's column names. */
function readAtsCsv(text: string, headers: Record<string, string>): CandidateRead {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  const [head, ...body] = records;
  if (!head) return { ok: false, error: 'The file is empty: a header row is required.' };
  if (body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      error: `The file has ${body.length} rows; the limit is ${MAX_IMPORT_ROWS}.`,
    };
  const mapped = head.record.map((h) => headers[headerKey(h)] ?? null);
  const ignored = head.record.filter((_, i) => mapped[i] === null);
  const has = (c: string) => mapped.includes(c);
  if (!has('email'))
    return { ok: false, error: 'The export has no email column (Email or Emails).' };
  if (!has('full_name') && !(has('first_name') && has('last_name')))
    return {
      ok: false,
      error: 'The export has no name column (Name, or First Name and Last Name).',
    };
  const rows = body.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    mapped.forEach((col, i) => {
      const v = record[i]?.trim() ?? '';
      if (!col || !v) return;
      // Several source columns may map to one (LinkedIn and Website both to links).
      cells[col] = cells[col] ? `${cells[col]}, ${v}` : v;
    });
    return { line: info.lines, cells };
  });
  return { ok: true, rows, ignored };
}

export function readCandidateCsv(text: string, format: CandidateFormat): CandidateRead {
  if (format === 'vigil') return readCsv(text, CANDIDATE_COLUMNS);
  return readAtsCsv(text, format === 'greenhouse' ? GREENHOUSE_HEADERS : LEVER_HEADERS);
}

export interface CandidateProfile {
  stage: string | null;
  role: string | null;
  recruiter: string | null;
  atsId: string | null;
  appliedOn: string | null;
  shippingAddress: string | null;
  shippingCountry: string | null;
}

const isoDay = z.iso.date();

/** ATS cells hold several values separated by commas, semicolons or new lines. */
function several(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Turns one row into people.csv cells (type candidate) plus the candidate's profile. Extra emails
 * and phones, GitHub and LinkedIn links and the shipping address become typed identifiers, so
 * identity reuse and screening see them.
 */
export function mapCandidateCells(
  c: Record<string, string>,
):
  | { ok: true; person: Record<string, string>; profile: CandidateProfile }
  | { ok: false; reason: string } {
  const problems: string[] = [];
  const type = optional(c.type)?.toLowerCase();
  if (type && type !== 'candidate')
    problems.push(`type "${c.type}" is not candidate (this import creates candidates only)`);
  const emails = several(c.email);
  const phones = several(c.phone);
  const fullName =
    optional(c.full_name) ??
    [optional(c.first_name), optional(c.last_name)].filter(Boolean).join(' ');
  const ids = (c.external_ids ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of emails.slice(1)) ids.push(`email:${e}`);
  for (const p of phones.slice(1)) ids.push(`phone:${p}`);
  for (const link of several(c.links)) {
    if (/github\.com\//i.test(link)) ids.push(`github:${link}`);
    else if (/linkedin\.com\/in\//i.test(link)) ids.push(`linkedin:${link}`);
  }
  const shippingAddress = optional(c.shipping_address)?.replace(/;/g, ',') ?? null;
  if (shippingAddress) ids.push(`address:${shippingAddress}`);
  const shippingCountry = optional(c.shipping_country)?.toUpperCase() ?? null;
  if (shippingCountry && !/^[A-Z]{2}$/.test(shippingCountry))
    problems.push(`shipping_country "${shippingCountry}" is not a two-letter ISO code`);
  const appliedRaw = optional(c.applied_on);
  const appliedOn = appliedRaw ? appliedRaw.slice(0, 10) : null;
  if (appliedOn && !isoDay.safeParse(appliedOn).success)
    problems.push(`applied_on "${appliedRaw}" is not a date (YYYY-MM-DD)`);
  const text = (col: string, max: number) => {
    const v = optional(c[col]) ?? null;
    if (v && v.length > max) problems.push(`${col} is longer than ${max} characters`);
    return v;
  };
  const profile: CandidateProfile = {
    stage: text('stage', 100),
    role: text('role', 200),
    recruiter: text('recruiter', 200),
    atsId: text('ats_id', 100) ?? optional(c.ats_id_contact) ?? null,
    appliedOn,
    shippingAddress,
    shippingCountry,
  };
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  const location = optional(c.location);
  const country = optional(c.country) ?? countryFromText(location) ?? '';
  const person: Record<string, string> = {};
  for (const col of PEOPLE_COLUMNS.optional) if (c[col] !== undefined) person[col] = c[col];
  Object.assign(person, {
    email: emails[0] ?? '',
    full_name: fullName,
    type: 'candidate',
    title: optional(c.title) ?? profile.role ?? '',
    country,
    phone: phones[0] ?? '',
    external_ids: ids.join(';'),
  });
  return { ok: true, person, profile };
}
