// The tenant's HR facts: a crypto exchange's staff and three vendors' people, with ordinary
// behaviour drawn per person (volumes, shifts, offices, VPN habits, trips), before any tactic or
// look-alike is planted.
import { DAY_MS, EVAL_NOW, isoDate, type Behaviour, type PersonSpec, type Role } from './model';
import { BROWSERS, ipIn, PLACES, type Place } from './places';
import type { Rng } from './rng';

export const ORG_DOMAIN = 'lumen.example';

export const VENDORS = [
  {
    name: 'Northwind Support BPO',
    country: 'PH',
    services: 'Customer support agents (chat, email, phone)',
    tier: 'high',
    domain: 'northwind-bpo.example',
    categories: ['customer_pii'],
  },
  {
    name: 'Forge Dev Partners',
    country: 'PL',
    services: 'Contract software development',
    tier: 'high',
    domain: 'forgedev.example',
    categories: ['source_code', 'production_infrastructure'],
  },
  {
    name: 'Clearcheck KYC Services',
    country: 'IN',
    services: 'KYC document review',
    tier: 'critical',
    domain: 'clearcheck.example',
    categories: ['kyc_documents', 'customer_pii'],
  },
] as const;

/** Systems as registered (systems.csv): the Okta app labels match the names. */
export const SYSTEMS = [
  {
    name: 'Support Console',
    criticality: 'high',
    classification: 'confidential',
    privileges: 'agent:high;supervisor:high',
    aliases: '',
  },
  {
    name: 'KYC Vault',
    criticality: 'critical',
    classification: 'restricted',
    privileges: 'reviewer:critical;viewer:high',
    aliases: '',
  },
  {
    name: 'AWS Production',
    criticality: 'critical',
    classification: 'restricted',
    privileges: 'developer:high;readonly:medium;AdministratorAccess:critical',
    aliases: '412345678901',
  },
  {
    name: 'GitHub',
    criticality: 'high',
    classification: 'confidential',
    privileges: 'member:medium;repo_visibility:high;admin:high',
    aliases: '',
  },
  {
    name: 'Treasury Console',
    criticality: 'critical',
    classification: 'restricted',
    privileges: 'approver:critical;viewer:high',
    aliases: '',
  },
] as const;

const FIRST = {
  ph: [
    'Maria',
    'Jose',
    'Angelica',
    'Mark',
    'Kristine',
    'John Paul',
    'Rhea',
    'Carlo',
    'Joy',
    'Paolo',
    'Camille',
    'Miguel',
  ],
  pl: [
    'Piotr',
    'Anna',
    'Tomasz',
    'Katarzyna',
    'Michal',
    'Agnieszka',
    'Pawel',
    'Magdalena',
    'Jakub',
    'Zofia',
  ],
  in: [
    'Priya',
    'Rahul',
    'Ananya',
    'Arjun',
    'Sneha',
    'Vikram',
    'Divya',
    'Karthik',
    'Meera',
    'Rohan',
  ],
  gb: [
    'Oliver',
    'Amelia',
    'George',
    'Isla',
    'Harry',
    'Ava',
    'Jack',
    'Mia',
    'Noah',
    'Grace',
    'Leo',
    'Freya',
    'Samir',
    'Chloe',
    'Daniel',
    'Aisha',
  ],
} as const;
const LAST = {
  ph: [
    'Santos',
    'Reyes',
    'Cruz',
    'Bautista',
    'Ocampo',
    'Garcia',
    'Mendoza',
    'Torres',
    'Flores',
    'Villanueva',
    'Aquino',
  ],
  pl: [
    'Nowak',
    'Kowalski',
    'Wisniewski',
    'Wojcik',
    'Kaminski',
    'Lewandowski',
    'Zielinski',
    'Szymanski',
  ],
  in: ['Sharma', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Rao', 'Menon', 'Patel', 'Kulkarni', 'Das'],
  gb: [
    'Smith',
    'Jones',
    'Taylor',
    'Brown',
    'Williams',
    'Wilson',
    'Evans',
    'Patel',
    'Khan',
    'Walker',
    'Wright',
    'Hughes',
    'Murphy',
    'Clarke',
  ],
} as const;

interface RoleProfile {
  share: number;
  names: keyof typeof FIRST;
  vendor: number | null;
  homes: readonly [Place, number][];
  department: string;
  title: string;
}

export const ROLES: Record<Role, RoleProfile> = {
  bpo_agent: {
    share: 0.25,
    names: 'ph',
    vendor: 0,
    homes: [
      [PLACES.manila, 0.7],
      [PLACES.cebu, 0.3],
    ],
    department: 'Support',
    title: 'Support Agent',
  },
  support: {
    share: 0.08,
    names: 'gb',
    vendor: null,
    homes: [[PLACES.london, 1]],
    department: 'Support',
    title: 'Support Specialist',
  },
  kyc_reviewer: {
    share: 0.08,
    names: 'in',
    vendor: 2,
    homes: [
      [PLACES.bengaluru, 0.6],
      [PLACES.pune, 0.4],
    ],
    department: 'KYC',
    title: 'KYC Reviewer',
  },
  contract_dev: {
    share: 0.08,
    names: 'pl',
    vendor: 1,
    homes: [
      [PLACES.warsaw, 0.6],
      [PLACES.krakow, 0.4],
    ],
    department: 'Engineering',
    title: 'Contract Developer',
  },
  engineer: {
    share: 0.2,
    names: 'gb',
    vendor: null,
    homes: [
      [PLACES.london, 0.6],
      [PLACES.manchester, 0.15],
      [PLACES.lisbon, 0.15],
      [PLACES.dublin, 0.1],
    ],
    department: 'Engineering',
    title: 'Software Engineer',
  },
  compliance: {
    share: 0.07,
    names: 'gb',
    vendor: null,
    homes: [
      [PLACES.london, 0.8],
      [PLACES.singapore, 0.2],
    ],
    department: 'Compliance',
    title: 'Compliance Analyst',
  },
  finance: {
    share: 0.06,
    names: 'gb',
    vendor: null,
    homes: [[PLACES.london, 1]],
    department: 'Finance',
    title: 'Treasury Analyst',
  },
  ops: {
    share: 0.1,
    names: 'gb',
    vendor: null,
    homes: [
      [PLACES.london, 0.7],
      [PLACES.newYork, 0.3],
    ],
    department: 'Operations',
    title: 'Operations Analyst',
  },
  exec: {
    share: 0.08,
    names: 'gb',
    vendor: null,
    homes: [
      [PLACES.london, 0.6],
      [PLACES.newYork, 0.4],
    ],
    department: 'Business Development',
    title: 'Account Director',
  },
};

const PHONE: Record<string, (n: number) => string> = {
  GB: (n) => `+447700${900000 + (n % 1000)}`,
  IE: (n) => `+35387${1000000 + n}`,
  PT: (n) => `+3519${12000000 + n}`,
  PH: (n) => `+63917${1000000 + n}`,
  PL: (n) => `+4851${2000000 + n}`,
  IN: (n) => `+9198${10000000 + n}`,
  US: (n) => `+1212555${String(1000 + (n % 9000))}`,
  SG: (n) => `+659${1000000 + n}`,
};
export const phoneFor = (country: string, n: number) => PHONE[country]!(n);

function weighted<T>(rng: Rng, xs: readonly [T, number][]): T {
  let r = rng.float();
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1]![0];
}

function behaviourFor(role: Role, rng: Rng, days: number): Behaviour {
  const b: Behaviour = {
    lookups: 0,
    spread: 0.3,
    ticketRate: 0.97,
    awsCalls: 0,
    treasury: false,
    vpnShare: rng.chance(0.08) ? 0.15 + rng.float() * 0.25 : 0,
    lateShare: 0.03,
    shiftStart: 8.5 + rng.float(),
    shiftHours: 8 + rng.float(),
    rota: 'weekdays',
    activeFrom: -Infinity,
    activeUntil: days,
    trips: [],
    officeDays: 0,
    onCallSlot: null,
    weeklyExport: 0,
  };
  if (role === 'bpo_agent') {
    b.lookups = rng.int(10, 24);
    b.ticketRate = 0.95 + rng.float() * 0.04;
    b.rota = 'six';
    b.shiftStart =
      weighted(rng, [
        [6, 0.4],
        [14, 0.4],
        [22, 0.2],
      ]) +
      rng.float() * 0.5;
    b.officeDays = rng.chance(0.5) ? 6 : 0;
    b.vpnShare = 0;
  } else if (role === 'support') {
    b.lookups = rng.int(8, 18);
    b.ticketRate = 0.93 + rng.float() * 0.05;
    b.officeDays = 3;
  } else if (role === 'kyc_reviewer') {
    b.lookups = rng.int(8, 16);
    b.ticketRate = 0.97 + rng.float() * 0.025;
    b.shiftStart = 9.5;
    b.vpnShare = 0;
  } else if (role === 'contract_dev') {
    b.awsCalls = rng.int(3, 9);
    b.lateShare = 0.08;
  } else if (role === 'engineer') {
    b.awsCalls = rng.int(2, 6);
    b.lateShare = 0.06;
    b.officeDays = rng.chance(0.6) ? 2 : 0;
  } else if (role === 'compliance') {
    b.lookups = rng.int(5, 12);
    b.ticketRate = 0.9;
    b.officeDays = 3;
  } else if (role === 'finance') {
    b.treasury = true;
    b.officeDays = 4;
  } else if (role === 'ops') {
    b.lookups = rng.chance(0.3) ? rng.int(2, 6) : 0;
    b.officeDays = 3;
  } else {
    b.officeDays = 2;
  }
  // Ordinary travel: a conference or a holiday week somewhere else, now and then.
  if (rng.chance(role === 'exec' ? 0.25 : 0.06)) {
    const from = rng.int(0, days - 5);
    b.trips.push({
      from,
      to: from + rng.int(2, 5),
      place: rng.pick([PLACES.paris, PLACES.amsterdam, PLACES.dubai, PLACES.lisbon]),
    });
  }
  return b;
}

/** Everyone, in a fixed order; index i is stable for a given (seed, size). */
export function buildPeople(rng: Rng, count: number, days: number): PersonSpec[] {
  const roles = Object.keys(ROLES) as Role[];
  const plan: Role[] = [];
  for (const role of roles)
    for (let i = 0; i < Math.max(5, Math.round(ROLES[role].share * count)); i++) plan.push(role);
  const taken = new Set<string>();
  const people: PersonSpec[] = [];
  const leads = new Map<string, string>();
  plan.forEach((role, index) => {
    const profile = ROLES[role];
    const home = weighted(rng, profile.homes);
    const first = rng.pick(FIRST[profile.names]);
    const last = rng.pick(LAST[profile.names]);
    const vendor = profile.vendor === null ? null : VENDORS[profile.vendor]!;
    const domain = vendor?.domain ?? ORG_DOMAIN;
    let local = `${first}.${last}`.toLowerCase().replace(/\s+/g, '');
    for (let n = 2; taken.has(`${local}@${domain}`); n++)
      local = `${first}.${last}${n}`.toLowerCase().replace(/\s+/g, '');
    const email = `${local}@${domain}`;
    taken.add(email);
    const vendorStaff = profile.vendor !== null;
    const startMs = EVAL_NOW.getTime() - rng.int(120, 1500) * DAY_MS;
    // One lead per team of about twelve; the rest report to them.
    const team = `${role}:${Math.floor(people.filter((p) => p.role === role).length / 12)}`;
    const lead = leads.get(team);
    if (!lead) leads.set(team, email);
    const oktaId = `00u${rng.hex(17)}`;
    const externalIds = [`okta:${oktaId}`];
    if (role === 'engineer' || role === 'contract_dev')
      externalIds.push(`github:${local.replace(/[^a-z0-9]/g, '-')}-${rng.hex(3)}`);
    const behaviour = behaviourFor(role, rng, days);
    people.push({
      index,
      email,
      fullName: `${first} ${last}`,
      type: vendorStaff ? 'vendor_staff' : 'employee',
      role,
      vendor: vendor?.name ?? null,
      department: profile.department,
      title: lead ? profile.title : `${profile.title} Lead`,
      managerEmail: lead ?? null,
      home,
      workMode: behaviour.officeDays > 0 ? 'office' : 'remote',
      startDate: isoDate(startMs),
      endDate: null,
      externalIds,
      phone: rng.chance(0.6) ? phoneFor(home.country, index) : null,
      backgroundCheck: vendorStaff
        ? weighted(rng, [
            ['clear', 0.82],
            ['pending', 0.13],
            ['not_started', 0.05],
          ])
        : rng.chance(0.03)
          ? 'pending'
          : 'clear',
      identityVerifiedOn: vendorStaff && rng.chance(0.05) ? null : isoDate(startMs),
      oktaId,
      device: rng.hex(32),
      userAgent: rng.pick(BROWSERS),
      homeIp: ipIn(home, 1000 + index * 7),
      actualPlace: null,
      behaviour,
    });
  });
  return people;
}
