import { createCampaignSchema } from '@/server/domain/access-reviews/inputs';
import { isoDay } from '@/server/domain/time';
import { accessRequestOptions } from '@/server/services/access/grant-queries';
import { createCampaign, launchCampaign } from '@/server/services/access-reviews/campaign-commands';
import { userActor } from '@/server/services/audit/log';
import { detectEvents } from '@/server/services/detectors/run';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import type { OrgActor } from '@/server/services/shared/actor';

/**
 * `seed --size large`: the demo organization at the size of a mid-size exchange, on top of the
 * small demo, so lists page, dashboards aggregate and detectors have baselines to work from.
 * Everything goes through the product's own paths (CSV imports, ingest, detection, a launched
 * access review), and it is deterministic: the same seed gives the same organization.
 */
export const LARGE_SEED = { vendors: 40, people: 2000, leads: 30, days: 30 } as const;

// 50 × 41 names: every generated person has a name of their own.
const FIRST = [
  'Aiko',
  'Amara',
  'Andrei',
  'Ayesha',
  'Bao',
  'Bruno',
  'Camila',
  'Chidi',
  'Dalia',
  'Daniel',
  'Elif',
  'Emeka',
  'Farah',
  'Felipe',
  'Grace',
  'Hamid',
  'Hana',
  'Ivan',
  'Jae',
  'Joana',
  'Kai',
  'Karim',
  'Lena',
  'Luis',
  'Mai',
  'Marco',
  'Mei',
  'Nadia',
  'Nikhil',
  'Nora',
  'Omar',
  'Olga',
  'Paolo',
  'Pilar',
  'Quynh',
  'Rafael',
  'Rina',
  'Samir',
  'Sofia',
  'Tariq',
  'Tomas',
  'Uma',
  'Vera',
  'Wei',
  'Yara',
  'Yusuf',
  'Zainab',
  'Zoltan',
  'Anouk',
  'Bilal',
];
const LAST = [
  'Abara',
  'Adeyemi',
  'Bautista',
  'Novak',
  'Costa',
  'Dimitrov',
  'Espinoza',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lim',
  'Mendoza',
  'Nakamura',
  'Okonkwo',
  'Petrov',
  'Quispe',
  'Rahman',
  'Santos',
  'Tanaka',
  'Usman',
  'Varga',
  'Wagner',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Alvarez',
  'Bergstrom',
  'Chowdhury',
  'Delgado',
  'Eriksen',
  'Ferreira',
  'Gupta',
  'Hoang',
  'Ibrahim',
  'Joshi',
  'Kaplan',
  'Larsen',
  'Moreau',
];
const PLACES = [
  { country: 'GB', timezone: 'Europe/London', city: 'London', ip: '81.2.69', utcStart: 9 },
  { country: 'PH', timezone: 'Asia/Manila', city: 'Manila', ip: '112.198.20', utcStart: 1 },
  { country: 'US', timezone: 'America/New_York', city: 'New York', ip: '23.22.14', utcStart: 14 },
  { country: 'SG', timezone: 'Asia/Singapore', city: 'Singapore', ip: '203.116.5', utcStart: 1 },
  { country: 'PL', timezone: 'Europe/Warsaw', city: 'Warsaw', ip: '83.4.19', utcStart: 8 },
] as const;

/** Work each kind of person does: the privileges they hold and the actions they log. */
const ROLES = [
  {
    department: 'Customer Support',
    title: 'Support agent',
    grants: [
      ['Customer Admin Console', 'view_tickets'],
      ['Customer Admin Console', 'view_customer'],
    ],
    actions: ['ticket.view', 'customer.view', 'ticket.update'],
  },
  {
    department: 'Engineering',
    title: 'Software engineer',
    grants: [
      ['GitHub', 'write'],
      ['AWS Production', 'ReadOnlyAccess'],
    ],
    actions: ['repo.push', 'repo.clone', 'ec2.DescribeInstances'],
  },
  {
    department: 'Finance',
    title: 'Payments analyst',
    grants: [['Treasury Payments', 'view_balances']],
    actions: ['balance.view', 'report.view'],
  },
] as const;

/** A small seeded generator (mulberry32): the large demo is the same on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface ScalePerson {
  email: string;
  place: (typeof PLACES)[number];
  role: (typeof ROLES)[number];
}

type CsvRow = Record<string, string | number>;

/** Imports rows through the product's CSV import (header from the first row's keys); all or fail. */
async function importRows(
  importer: ImportActor,
  kind: 'vendors' | 'people' | 'grants',
  rows: CsvRow[],
): Promise<void> {
  const header = Object.keys(rows[0]!);
  const text = [header, ...rows.map((r) => header.map((h) => r[h]))]
    .map((cells) => cells.join(','))
    .join('\n');
  const report = await runImport(importer, kind, text, { dryRun: false });
  if (report.rejected.length > 0)
    throw new Error(`large seed: ${kind} import rejected ${JSON.stringify(report.rejected[0])}`);
}

export async function seedAtScale(admin: OrgActor, compliance: OrgActor): Promise<void> {
  const importer = { ...admin, audit: userActor(admin) };
  const today = Date.now();
  const day = 86_400_000;
  const date = (offsetDays: number) => isoDay(new Date(today + offsetDays * day));
  const rand = random(20_261_125);

  const vendorNames = Array.from(
    { length: LARGE_SEED.vendors },
    (_, v) => `Outsourcing Partner ${String(v + 1).padStart(2, '0')}`,
  );
  await importRows(
    importer,
    'vendors',
    vendorNames.map((name, v) => ({
      name,
      country: PLACES[v % PLACES.length]!.country,
      services: 'Contact-centre and back-office staff',
      tier: ['high', 'medium', 'low'][v % 3]!,
      status: 'active',
      data_categories: 'customer_pii',
      contract_start: date(-400 - v),
      contract_end: date(60 + v * 9),
      owner_email: 'compliance@acme.test',
    })),
  );

  // Team leads report to Mateo (the demo manager); everyone else reports to a lead.
  const people: ScalePerson[] = [];
  const personRows: CsvRow[] = [];
  for (let i = 0; i < LARGE_SEED.people; i++) {
    const lead = i < LARGE_SEED.leads;
    const vendorStaff = !lead && i % 10 < 7;
    const place = PLACES[i % PLACES.length]!;
    const role = vendorStaff ? ROLES[0] : ROLES[i % ROLES.length]!;
    const email = `${lead ? 'lead' : 'staff'}${String(i).padStart(4, '0')}@scale.acme.test`;
    // One in 23 is still being screened: they make the screening gaps compliance works on.
    const screening = i % 23 === 0;
    people.push({ email, place, role });
    personRows.push({
      email,
      full_name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
      type: vendorStaff ? 'vendor_staff' : 'employee',
      vendor: vendorStaff ? vendorNames[i % LARGE_SEED.vendors]! : '',
      department: role.department,
      title: lead ? `${role.department} lead` : role.title,
      manager_email: lead ? 'manager@acme.test' : people[i % LARGE_SEED.leads]!.email,
      country: place.country,
      timezone: place.timezone,
      start_date: date(-500 - (i % 400)),
      background_check: screening ? 'pending' : 'clear',
      identity_verified_on: screening ? '' : date(-500 - (i % 400)),
    });
  }
  await importRows(importer, 'people', personRows);

  await importRows(
    importer,
    'grants',
    people.flatMap((p) =>
      p.role.grants.map(([system, privilege]) => ({
        person_email: p.email,
        system,
        privilege,
        starts_at: date(-300),
        expires_at: date(90 + (p.email.length % 200)),
        justification: `${p.role.title} duties`,
        approved_by_email: 'admin@acme.test',
      })),
    ),
  );

  const summary = await ingestEvents(importer, 'ndjson', workdayEvents(people, today, rand), {
    channel: 'cli',
    fileName: 'scale-demo.ndjson',
  });
  await detectEvents(
    admin.orgId,
    { batchId: summary.batchId },
    { type: 'system', id: null, label: 'detector' },
  );
  await refreshSignalDailyCounts(admin.orgId);

  // A review of every high and critical grant: hundreds of items across many reviewers.
  const options = await accessRequestOptions(admin);
  const { id } = await createCampaign(
    compliance,
    createCampaignSchema.parse({
      name: 'Privileged access, all teams',
      scope: {
        systemIds: [...new Set(options.privileges.map((p) => p.systemId))],
        minSensitivity: 'high',
      },
      dueDate: date(14),
    }),
  );
  await launchCampaign(compliance, { campaignId: id });
}

/**
 * Three events a working day per person in their own hours, country and network, for the last
 * LARGE_SEED.days days, in time order; a handful of people then do what the detectors exist for
 * (a night-time bulk export from abroad, a remote-access tool).
 */
async function* workdayEvents(
  people: readonly ScalePerson[],
  now: number,
  rand: () => number,
): AsyncGenerator<string> {
  const day = 86_400_000;
  const firstDay = Math.floor(now / day) - LARGE_SEED.days;
  let n = 0;
  for (let d = firstDay; d < Math.floor(now / day); d++) {
    const weekday = new Date(d * day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const lines: { at: number; line: string }[] = [];
    for (const [i, p] of people.entries()) {
      for (let k = 0; k < 3; k++) {
        const at = d * day + (p.place.utcStart + 1 + k * 2) * 3_600_000 + Math.floor(rand() * 3e6);
        const system = p.role.grants[k % p.role.grants.length]![0];
        lines.push({
          at,
          line: JSON.stringify({
            event_id: `scale-${++n}`,
            occurred_at: new Date(at).toISOString(),
            actor: p.email,
            system,
            action: p.role.actions[k % p.role.actions.length],
            resource: `res-${(i * 31 + k) % 5000}`,
            record_count: 1 + (n % 7),
            ticket_id: k === 0 ? `T-${n}` : undefined,
            ip: `${p.place.ip}.${1 + (i % 250)}`,
            country: p.place.country,
            city: p.place.city,
            device_id: `dev-${i}`,
          }),
        });
      }
    }
    lines.sort((a, b) => a.at - b.at);
    yield `${lines.map((l) => l.line).join('\n')}\n`;
  }
  // The last day: a few people go wrong.
  const lastNight = (Math.floor(now / day) - 1) * day + 22 * 3_600_000;
  const odd = [];
  for (let j = 0; j < 6; j++) {
    const i = LARGE_SEED.leads + j * 97;
    const p = people[i]!;
    odd.push(
      JSON.stringify({
        event_id: `scale-odd-${j}`,
        occurred_at: new Date(lastNight + j * 60_000).toISOString(),
        actor: p.email,
        system: p.role.grants[0][0],
        action: j % 2 === 0 ? 'customer.export' : p.role.actions[0],
        resource: 'customers-all.csv',
        record_count: j % 2 === 0 ? 2500 : 3,
        ip: '45.86.201.7',
        country: 'NL',
        city: 'Amsterdam',
        user_agent: j === 1 ? 'Mozilla/5.0 AnyDesk/8.0' : undefined,
      }),
    );
  }
  yield `${odd.join('\n')}\n`;
}
