/**
 * Writes a realistic canonical NDJSON access log for the ingest and detection benchmarks: ~2,000
 * people known by email (plus a few actors nobody knows), a handful of systems, varied actions,
 * countries, IPs and record counts, in time order over `days` days. Deterministic (seeded), so
 * two runs ingest the same file.
 */
import { once } from 'node:events';
import fs from 'node:fs';

export interface BenchPerson {
  email: string;
  fullName: string;
  country: string;
  timezone: string;
  department: string;
  title: string;
}

export interface GeneratedLog {
  path: string;
  events: number;
  start: Date;
  end: Date;
}

export const BENCH_SYSTEMS = [
  'Support Console',
  'AWS Production',
  'Okta',
  'Google Workspace',
  'Ledger Admin',
] as const;

const HOMES = [
  { country: 'GB', timezone: 'Europe/London', city: 'London' },
  { country: 'US', timezone: 'America/New_York', city: 'New York' },
  { country: 'DE', timezone: 'Europe/Berlin', city: 'Berlin' },
  { country: 'SG', timezone: 'Asia/Singapore', city: 'Singapore' },
  { country: 'PL', timezone: 'Europe/Warsaw', city: 'Warsaw' },
] as const;
const DEPARTMENTS = ['Support', 'Engineering', 'Finance', 'Operations', 'Compliance'];
const TITLES = ['Analyst', 'Engineer', 'Lead'];
const ACTIONS: Record<(typeof BENCH_SYSTEMS)[number], string[]> = {
  'Support Console': ['customer.view', 'customer.search', 'customer.export', 'ticket.update'],
  'AWS Production': [
    's3.GetObject',
    's3.PutObject',
    'iam.AttachRolePolicy',
    'ec2.DescribeInstances',
  ],
  Okta: ['user.session.start', 'user.authentication.sso', 'user.session.end'],
  'Google Workspace': ['drive.download', 'drive.view', 'login.success', 'drive.share'],
  'Ledger Admin': ['ledger.view', 'ledger.adjust', 'wallet.withdraw.approve', 'report.export'],
};
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36',
  'aws-cli/2.17.0 Python/3.11.8 Linux/6.8',
];
const ELSEWHERE = ['FR', 'NL', 'ES', 'BR', 'IN', 'AE', 'NG', 'RU', 'KP'];

/** mulberry32: a tiny seeded PRNG, so the file is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchPeople(count: number): BenchPerson[] {
  return Array.from({ length: count }, (_, i) => {
    const home = HOMES[i % HOMES.length]!;
    return {
      email: `person${String(i).padStart(4, '0')}@bench.test`,
      fullName: `Bench Person ${i}`,
      country: home.country,
      timezone: home.timezone,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      title: TITLES[Math.floor(i / DEPARTMENTS.length) % TITLES.length]!,
    };
  });
}

export async function generateEventLog(
  path: string,
  opts: { events: number; people: number; days: number; end: Date },
): Promise<GeneratedLog> {
  const rand = prng(20261124);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const start = new Date(opts.end.getTime() - opts.days * 86_400_000);
  const span = opts.end.getTime() - start.getTime();
  const people = benchPeople(opts.people);
  const out = fs.createWriteStream(path);
  let buffer = '';
  for (let i = 0; i < opts.events; i++) {
    // Monotone time with jitter: logs arrive roughly in order, as vendors export them.
    const t = start.getTime() + Math.floor(((i + rand()) / opts.events) * span);
    const p = Math.floor(rand() * people.length);
    const person = people[p]!;
    const home = HOMES[p % HOMES.length]!;
    const system = pick(BENCH_SYSTEMS);
    const roll = rand();
    // ~2% of events come from actors nobody knows (service accounts, outside addresses).
    const actor =
      roll < 0.01
        ? `svc-${Math.floor(rand() * 40)}`
        : roll < 0.02
          ? `guest${Math.floor(rand() * 200)}@partner.example`
          : rand() < 0.1
            ? person.email.toUpperCase()
            : person.email;
    const abroad = rand() < 0.01;
    const record: Record<string, string | number> = {
      event_id: `bench-${i}`,
      occurred_at: new Date(t).toISOString(),
      actor,
      system,
      // Removing an MFA factor is rare in real Okta logs; it used to be one Okta event in three
      // (one event in fifteen overall), which made mfa_tampering 51,000 of 72,000 signals.
      action:
        system === 'Okta' && rand() < 0.002 ? 'user.mfa.factor.deactivate' : pick(ACTIONS[system]),
      resource: `res-${Math.floor(rand() * 50_000)}`,
      record_count:
        rand() < 0.002 ? 2000 + Math.floor(rand() * 20_000) : 1 + Math.floor(rand() * 20),
      ip: abroad
        ? `198.51.100.${Math.floor(rand() * 250) + 1}`
        : `10.${p % 250}.${Math.floor(p / 250)}.${1 + Math.floor(rand() * 3)}`,
      country: abroad ? pick(ELSEWHERE) : home.country,
      city: home.city,
      device_id: `dev-${p}-${Math.floor(rand() * 2)}`,
      user_agent: pick(AGENTS),
      session_id: `s-${p}-${Math.floor(t / 3_600_000)}`,
      outcome: rand() < 0.03 ? 'failure' : 'success',
    };
    if (rand() < 0.4) record.ticket_id = `TCK-${Math.floor(rand() * 90_000) + 10_000}`;
    buffer += `${JSON.stringify(record)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return { path, events: opts.events, start, end: opts.end };
}
